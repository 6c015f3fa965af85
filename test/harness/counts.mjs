// Reading test counts out of a layer's output: the harness's own count line, and the rule every layer obeys.
// Plain JavaScript because scripts/test-all.mjs runs before (and without) any TypeScript loader.

const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/** The harness's `LAYER: N passed, N failed, N skipped` line, or its `LAYER: crashed: reason` line. */
export function parseLayerLine(output, layer) {
  const text = output.replace(ANSI_ESCAPES, '');
  const counts = [...text.matchAll(new RegExp(`^${layer}: (\\d+) passed, (\\d+) failed, (\\d+) skipped\\s*$`, 'gm'))].pop();
  if (counts) return { passed: Number(counts[1]), failed: Number(counts[2]), skipped: Number(counts[3]) };
  const crash = [...text.matchAll(new RegExp(`^${layer}: crashed: (.*)$`, 'gm'))].pop();
  if (crash) return { crashed: crash[1] };
  return undefined;
}

/** A layer that ran no test (nothing passed or failed, at most skips) proved nothing: it fails. */
export function ranNoTests({ passed, failed }) {
  return passed + failed === 0;
}

/**
 * Turns one layer's run (`{ code, output, timedOut }`) into its counts plus a note. Anything short of a clean,
 * counted run that ran tests adds a failure: a timeout, a crash or missing count line, no test run, or a
 * non-zero exit with no failed test.
 */
export function judgeLayer(layer, run, timeoutMs) {
  const counts = parseLayerLine(run.output, layer);
  if (run.timedOut) {
    return { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1, skipped: counts?.skipped ?? 0, note: `timed out after ${(timeoutMs / 1000).toFixed(1)} s` };
  }
  if (!counts || 'crashed' in counts) {
    return { passed: 0, failed: 1, skipped: 0, note: `crashed: ${counts?.crashed ?? `exited ${run.code} without reporting counts`}` };
  }
  if (ranNoTests(counts)) return { ...counts, failed: counts.failed + 1, note: 'ran no test' };
  if (run.code !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `exited ${run.code} although no test failed` };
  return { ...counts, note: '' };
}

export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
