// Types for counts.mjs.
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export function parseLayerLine(output: string, layer: string): Counts | { crashed: string } | undefined;
export function ranNoTests(counts: Counts): boolean;
export interface LayerRun {
  code: number | string;
  output: string;
  timedOut: boolean;
}
export function judgeLayer(layer: string, run: LayerRun, timeoutMs: number): Counts & { note: string };
export function formatCounts(counts: Counts): string;
