// Carries a proposed change over to a document the user kept editing: each changed region is found again,
// by its own lines plus a little context, and applied only if it is found exactly once. It never guesses.
import { computeHunksWithTokens, type HunkWithTokens } from './hunks';
import { lineTokens } from './lines';

export type RebaseResult = { ok: true; text: string } | { ok: false; conflict: string; hunkId?: string };

const FIRST_CONTEXT = 2;
const MAX_CONTEXT = 8;

export function rebaseChange(baseText: string, proposedText: string, currentText: string): RebaseResult {
  if (currentText === baseText) return { ok: true, text: proposedText };
  if (currentText === proposedText) return { ok: true, text: currentText };
  const baseTokens = lineTokens(baseText);
  const currentTokens = lineTokens(currentText);
  if (baseTokens.length === 0) {
    return { ok: false, conflict: 'The file was empty when the change was proposed and has content now; the whole proposal would replace it.' };
  }

  const placed: Array<{ hunk: HunkWithTokens; start: number }> = [];
  for (const hunk of computeHunksWithTokens(baseText, proposedText)) {
    const location = locate(hunk, baseTokens, currentTokens);
    if (typeof location === 'string') return { ok: false, conflict: location, hunkId: hunk.id };
    const previous = placed[placed.length - 1];
    if (previous && location < previous.start + previous.hunk.originalLineCount) {
      return { ok: false, conflict: `${describe(hunk)} now overlaps or precedes an earlier change; the file was rearranged since the change was proposed.`, hunkId: hunk.id };
    }
    placed.push({ hunk, start: location });
  }

  const pieces: string[] = [];
  let cursor = 0;
  for (const { hunk, start } of placed) {
    pieces.push(...currentTokens.slice(cursor, start), ...hunk.addedTokens);
    cursor = start + hunk.originalLineCount;
  }
  pieces.push(...currentTokens.slice(cursor));
  return { ok: true, text: pieces.join('') };
}

/**
 * Where the hunk's removed lines now start in the current tokens, or why they cannot be placed. The anchor
 * (removed lines plus context) must occur exactly once in the base and once in the current text, so a
 * region that was edited is never confused with an identical one elsewhere.
 */
function locate(hunk: HunkWithTokens, baseTokens: readonly string[], currentTokens: readonly string[]): number | string {
  const coreStart = hunk.originalStart - 1;
  const coreEnd = coreStart + hunk.originalLineCount;
  const search = (context: number): { inCurrent: number[]; inBase: number; before: number } | undefined => {
    const before = Math.min(context, coreStart);
    const after = Math.min(context, baseTokens.length - coreEnd);
    if (before + hunk.originalLineCount + after === 0) return undefined;
    const anchor = baseTokens.slice(coreStart - before, coreEnd + after);
    return { inCurrent: occurrences(currentTokens, anchor, 2), inBase: occurrences(baseTokens, anchor, 2).length, before };
  };
  const isUnique = (result: { inCurrent: number[]; inBase: number }): boolean => result.inCurrent.length === 1 && result.inBase === 1;
  const ambiguous = `${describe(hunk)} matches several places, so where it belongs in the edited file is unclear.`;
  const edited = `${describe(hunk)} no longer matches: the lines it changes were edited since the change was proposed.`;

  const first = search(FIRST_CONTEXT);
  if (first && isUnique(first)) return first.inCurrent[0] + first.before;
  if (first && first.inCurrent.length > 0) {
    // Ambiguous: more context may single it out.
    for (let context = FIRST_CONTEXT + 1; context <= MAX_CONTEXT; context++) {
      const wider = search(context);
      if (!wider || wider.inCurrent.length === 0) break;
      if (isUnique(wider)) return wider.inCurrent[0] + wider.before;
    }
    return ambiguous;
  }
  // Not found: the user may have edited a neighbouring line; the changed lines with less context may still be unique.
  for (let context = FIRST_CONTEXT - 1; context >= 0; context--) {
    const narrower = search(context);
    if (!narrower || narrower.inCurrent.length === 0) continue;
    return isUnique(narrower) ? narrower.inCurrent[0] + narrower.before : ambiguous;
  }
  return edited;
}

function describe(hunk: HunkWithTokens): string {
  const lines = hunk.originalLineCount <= 1 ? `line ${hunk.originalStart}` : `lines ${hunk.originalStart}-${hunk.originalStart + hunk.originalLineCount - 1}`;
  return `The change at ${lines} of the original`;
}

function occurrences(haystack: readonly string[], needle: readonly string[], limit: number): number[] {
  const found: number[] = [];
  for (let start = 0; start + needle.length <= haystack.length && found.length < limit; start++) {
    let index = 0;
    while (index < needle.length && haystack[start + index] === needle[index]) index++;
    if (index === needle.length) found.push(start);
  }
  return found;
}
