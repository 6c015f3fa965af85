// Reading test counts out of a layer's output: node:test's spec summary and the harness's own count line.
// Plain JavaScript because scripts/test-all.mjs runs before (and without) any TypeScript loader.

const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/** node:test's spec summary (`ℹ pass 3`, `ℹ fail 0`, ...); undefined when the run printed none. */
export function parseNodeTestSummary(output) {
  const text = output.replace(ANSI_ESCAPES, '');
  const count = (name) => {
    const matches = [...text.matchAll(new RegExp(`^ℹ ${name} (\\d+)\\s*$`, 'gm'))];
    return matches.length > 0 ? Number(matches[matches.length - 1][1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return {
    passed,
    // A cancelled test (timeout, crashed file) did not pass: it counts as failed.
    failed: failed + (count('cancelled') ?? 0),
    skipped: (count('skipped') ?? 0) + (count('todo') ?? 0),
  };
}

/** The harness's `LAYER: N passed, N failed, N skipped` line, or its `LAYER: crashed: reason` line. */
export function parseLayerLine(output, layer) {
  const text = output.replace(ANSI_ESCAPES, '');
  const counts = [...text.matchAll(new RegExp(`^${layer}: (\\d+) passed, (\\d+) failed, (\\d+) skipped\\s*$`, 'gm'))].pop();
  if (counts) return { passed: Number(counts[1]), failed: Number(counts[2]), skipped: Number(counts[3]) };
  const crash = [...text.matchAll(new RegExp(`^${layer}: crashed: (.*)$`, 'gm'))].pop();
  if (crash) return { crashed: crash[1] };
  return undefined;
}

export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
