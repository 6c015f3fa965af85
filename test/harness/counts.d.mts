// Types for counts.mjs.
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export function parseNodeTestSummary(output: string): Counts | undefined;
export function parseLayerLine(output: string, layer: string): Counts | { crashed: string } | undefined;
export function formatCounts(counts: Counts): string;
