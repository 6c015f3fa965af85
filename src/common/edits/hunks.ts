// Splits a proposed change into hunks the user can accept one by one, and rebuilds the text from any subset.
// Lines are compared with their terminators, so applying hunks is exact for CRLF and a missing final newline.
import { diffArrays } from 'diff';
import { commonPrefixLength, commonSuffixLength, lineTokens } from './lines';

export interface Hunk {
  /** Derived from the hunk's content (and its rank among identical hunks), so it survives recomputation. */
  id: string;
  /** 1-based first removed line; for a pure insertion, the line the text is inserted before. */
  originalStart: number;
  originalLineCount: number;
  /** 1-based first added line in the proposal; for a pure deletion, the line after the gap. */
  proposedStart: number;
  proposedLineCount: number;
  /** Removed and added lines, without terminators, for display. */
  removedLines: string[];
  addedLines: string[];
}

export interface HunkSummary {
  hunks: number;
  added: number;
  removed: number;
  /** Like "+3 −1". */
  label: string;
}

/** A hunk with its removed and added lines as terminator-carrying tokens, for exact re-application. */
export interface HunkWithTokens extends Hunk {
  removedTokens: string[];
  addedTokens: string[];
  /** Character offset of the first removed line (or the insertion point) in the original. */
  originalOffset: number;
}

export function computeHunks(original: string, proposal: string): Hunk[] {
  return computeHunksWithTokens(original, proposal).map(
    ({ removedTokens: _removed, addedTokens: _added, originalOffset: _offset, ...hunk }) => hunk,
  );
}

/** The original with only the accepted hunks applied; ids that are not hunks of this change are ignored. */
export function applyHunks(original: string, proposal: string, acceptedHunkIds: Iterable<string>): string {
  const accepted = new Set(acceptedHunkIds);
  const pieces: string[] = [];
  let cursor = 0;
  for (const hunk of computeHunksWithTokens(original, proposal)) {
    pieces.push(original.slice(cursor, hunk.originalOffset));
    pieces.push(...(accepted.has(hunk.id) ? hunk.addedTokens : hunk.removedTokens));
    cursor = hunk.originalOffset + totalLength(hunk.removedTokens);
  }
  pieces.push(original.slice(cursor));
  return pieces.join('');
}

export function summarizeHunks(hunks: readonly Hunk[]): HunkSummary {
  const added = hunks.reduce((sum, hunk) => sum + hunk.proposedLineCount, 0);
  const removed = hunks.reduce((sum, hunk) => sum + hunk.originalLineCount, 0);
  return { hunks: hunks.length, added, removed, label: `+${added} −${removed}` };
}

export function computeHunksWithTokens(original: string, proposal: string): HunkWithTokens[] {
  // Skip the common head and tail at character level first (cut back to whole lines), so a small change
  // in a large file only tokenizes and diffs the lines around it.
  const prefixLength = commonPrefixLength(original, proposal);
  const head = original.lastIndexOf('\n', prefixLength - 1) + 1;
  const suffixLength = commonSuffixLength(original, proposal, Math.min(original.length, proposal.length) - head);
  const suffixStart = original.length - suffixLength;
  const firstNewlineInSuffix = original.indexOf('\n', suffixStart);
  const tail = suffixLength === 0 ? 0 : firstNewlineInSuffix === -1 ? 0 : original.length - (firstNewlineInSuffix + 1);
  const originalTokens = lineTokens(original.slice(head, original.length - tail));
  const proposalTokens = lineTokens(proposal.slice(head, proposal.length - tail));
  const headLines = countNewlines(original, head);
  const changes = diffArrays(originalTokens, proposalTokens);

  const hunks: HunkWithTokens[] = [];
  const seenContent = new Map<string, number>();
  let originalIndex = headLines;
  let proposalIndex = headLines;
  let originalOffset = head;
  let open: { originalStart: number; proposalStart: number; offset: number; removed: string[]; added: string[] } | undefined;
  const close = (): void => {
    if (!open) return;
    const key = `${open.removed.join('')}\u0000${open.added.join('')}`;
    const rank = seenContent.get(key) ?? 0;
    seenContent.set(key, rank + 1);
    hunks.push({
      id: `h${contentHash(key)}${rank > 0 ? `-${rank}` : ''}`,
      originalStart: open.originalStart + 1,
      originalLineCount: open.removed.length,
      proposedStart: open.proposalStart + 1,
      proposedLineCount: open.added.length,
      removedLines: open.removed.map(withoutTerminator),
      addedLines: open.added.map(withoutTerminator),
      removedTokens: open.removed,
      addedTokens: open.added,
      originalOffset: open.offset,
    });
    open = undefined;
  };
  for (const change of changes) {
    if (!change.added && !change.removed) {
      close();
      originalIndex += change.count;
      proposalIndex += change.count;
      originalOffset += totalLength(change.value);
      continue;
    }
    open ??= { originalStart: originalIndex, proposalStart: proposalIndex, offset: originalOffset, removed: [], added: [] };
    if (change.removed) {
      open.removed.push(...change.value);
      originalIndex += change.count;
      originalOffset += totalLength(change.value);
    } else {
      open.added.push(...change.value);
      proposalIndex += change.count;
    }
  }
  close();
  return hunks;
}

function totalLength(tokens: readonly string[]): number {
  return tokens.reduce((length, token) => length + token.length, 0);
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function withoutTerminator(token: string): string {
  return token.replace(/\r?\n$/, '');
}

/** FNV-1a, 32 bits, as 8 hex digits: short, deterministic, no dependency. */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
