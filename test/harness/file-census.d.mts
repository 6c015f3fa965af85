// Types for file-census.mjs.
import type { Counts } from './counts.mjs';

export interface CensusVerdict {
  counts: Counts;
  /** Files that declared no test: each counted as one failure. */
  filesWithoutTests: string[];
  /** Files that failed to load or run: each counted as one failure. */
  filesThatFailed: string[];
}
export default function fileCensus(source: AsyncIterable<unknown>): AsyncGenerator<string>;
export function readCensus(censusPath: string, testFiles: string[]): CensusVerdict | undefined;
export function finishNodeTestLayer(layer: string, censusPath: string, testFiles: string[], exitCode: number | string | null): number;
