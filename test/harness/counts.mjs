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

export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
