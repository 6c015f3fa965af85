// Splits a proposed change into hunks the user can accept one by one, and rebuilds the text from any subset.
// Lines are compared with their terminators, so applying hunks is exact for CRLF and a missing final newline.
import { diffArrays } from 'diff';
import { lineTokens } from './lines';

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
}

export function computeHunks(original: string, proposal: string): Hunk[] {
  return computeHunksWithTokens(lineTokens(original), lineTokens(proposal)).map(
    ({ removedTokens: _removed, addedTokens: _added, ...hunk }) => hunk,
  );
}

/** The original with only the accepted hunks applied; ids that are not hunks of this change are ignored. */
export function applyHunks(original: string, proposal: string, acceptedHunkIds: Iterable<string>): string {
  const accepted = new Set(acceptedHunkIds);
  const originalTokens = lineTokens(original);
  const pieces: string[] = [];
  let cursor = 0;
  for (const hunk of computeHunksWithTokens(originalTokens, lineTokens(proposal))) {
    const start = hunk.originalStart - 1;
    pieces.push(...originalTokens.slice(cursor, start));
    pieces.push(...(accepted.has(hunk.id) ? hunk.addedTokens : hunk.removedTokens));
    cursor = start + hunk.originalLineCount;
  }
  pieces.push(...originalTokens.slice(cursor));
  return pieces.join('');
}

export function summarizeHunks(hunks: readonly Hunk[]): HunkSummary {
  const added = hunks.reduce((sum, hunk) => sum + hunk.proposedLineCount, 0);
  const removed = hunks.reduce((sum, hunk) => sum + hunk.originalLineCount, 0);
  return { hunks: hunks.length, added, removed, label: `+${added} −${removed}` };
}

export function computeHunksWithTokens(originalTokens: readonly string[], proposalTokens: readonly string[]): HunkWithTokens[] {
  // Trimming the common head and tail first keeps large files with small changes fast.
  let head = 0;
  const shortest = Math.min(originalTokens.length, proposalTokens.length);
  while (head < shortest && originalTokens[head] === proposalTokens[head]) head++;
  let tail = 0;
  while (
    tail < shortest - head &&
    originalTokens[originalTokens.length - 1 - tail] === proposalTokens[proposalTokens.length - 1 - tail]
  ) tail++;
  const changes = diffArrays(
    originalTokens.slice(head, originalTokens.length - tail),
    proposalTokens.slice(head, proposalTokens.length - tail),
  );

  const hunks: HunkWithTokens[] = [];
  const seenContent = new Map<string, number>();
  let originalIndex = head;
  let proposalIndex = head;
  let open: { originalStart: number; proposalStart: number; removed: string[]; added: string[] } | undefined;
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
    });
    open = undefined;
  };
  for (const change of changes) {
    if (!change.added && !change.removed) {
      close();
      originalIndex += change.count;
      proposalIndex += change.count;
      continue;
    }
    open ??= { originalStart: originalIndex, proposalStart: proposalIndex, removed: [], added: [] };
    if (change.removed) {
      open.removed.push(...change.value);
      originalIndex += change.count;
    } else {
      open.added.push(...change.value);
      proposalIndex += change.count;
    }
  }
  close();
  return hunks;
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
