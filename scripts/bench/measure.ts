// What the bench scripts share: the median of samples, timing a piece of work, and the JSON line
// `{name, value, unit, runs}` that scripts/bench.mjs reads (one per measure, on stdout).

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('the median of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of `runs` samples taken one after another (each sample measures itself). */
export async function medianOf(runs: number, sample: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await sample());
  return median(samples);
}

/** Median milliseconds of `runs` runs of `work`, after one untimed run so JIT compilation is not measured. */
export function medianMs(work: () => void, runs: number): number {
  work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** One measure as bench.mjs reads it, the value rounded to `digits` decimals. */
export function measureLine(name: string, value: number, unit: string, runs: number, digits = 1): string {
  return JSON.stringify({ name, value: Number(value.toFixed(digits)), unit, runs });
}

export function report(name: string, value: number, unit: string, runs: number, digits = 1): void {
  console.log(measureLine(name, value, unit, runs, digits));
}

/**
 * Takes a measure that may fail under load (a workbench that does not come up in time): tries again once,
 * then reports the named measures as missing, with the reason, so the other measures of the run still count.
 */
export async function measureOrReportMissing(names: readonly string[], measure: () => Promise<void>, attempts = 2): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await measure();
      return;
    } catch (error) {
      lastError = error;
      console.error(`attempt ${attempt} of ${attempts} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const reason = (lastError instanceof Error ? lastError.message : String(lastError)).split('\n')[0]!.slice(0, 200);
  for (const name of names) console.log(JSON.stringify({ name, missing: true, reason }));
}
