// Which hunk of a review the cursor means, on either side of the diff (the caller says where each hunk
// starts there): the one under the cursor for Accept / Reject, the one after or before it for navigation.
import type { Hunk } from './hunks';

/** The hunk under the cursor; else the next one below it; else the last one above it. */
export function hunkAtLine(hunks: readonly Hunk[], line: number, startOf: (hunk: Hunk) => number, lineCountOf: (hunk: Hunk) => number): Hunk | undefined {
  const covering = hunks.find((hunk) => line >= startOf(hunk) && line < startOf(hunk) + Math.max(lineCountOf(hunk), 1));
  return covering ?? hunks.find((hunk) => startOf(hunk) > line) ?? hunks.filter((hunk) => startOf(hunk) < line).at(-1);
}

/** The hunk after (or before) the cursor's, wrapping around at the ends like VS Code's Go to Next Change. */
export function neighbourHunk(hunks: readonly Hunk[], line: number, startOf: (hunk: Hunk) => number, step: 1 | -1): Hunk | undefined {
  if (hunks.length === 0) return undefined;
  if (step === 1) return hunks.find((hunk) => startOf(hunk) > line) ?? hunks[0];
  return hunks.filter((hunk) => startOf(hunk) < line).at(-1) ?? hunks.at(-1);
}
