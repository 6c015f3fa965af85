// Finds the places in a file that look most like an old_string that did not match, so a failed edit can
// tell the model where to look (line numbers, a preview and a similarity score) instead of just "not found".
import type { TextLine } from './lines';

export interface EditCandidate {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** 0..1, two decimals; 1 means identical once whitespace is ignored. */
  similarity: number;
  /** The candidate's lines as `  12| text`, at most a few lines, long lines cut. */
  preview: string;
}

const PREVIEW_LINES = 6;
const PREVIEW_LINE_LENGTH = 160;
const SHORTLIST_SIZE = 24;
const MINIMUM_SIMILARITY = 0.3;

/** Lines [startIndex, endIndex] (0-based) numbered from 1, at most `maxLines` of them. */
export function previewLines(lines: readonly TextLine[], startIndex: number, endIndex: number, maxLines = PREVIEW_LINES): string {
  const shown: string[] = [];
  const last = Math.min(endIndex, startIndex + maxLines - 1);
  for (let index = startIndex; index <= last && index < lines.length; index++) {
    const content = lines[index].content;
    const cut = content.length > PREVIEW_LINE_LENGTH ? `${content.slice(0, PREVIEW_LINE_LENGTH)}…` : content;
    shown.push(`${String(index + 1).padStart(6)}| ${cut}`);
  }
  if (endIndex > last) shown.push(`      | … ${endIndex - last} more line(s)`);
  return shown.join('\n');
}

export function candidateAt(lines: readonly TextLine[], startIndex: number, lineCount: number, similarity: number): EditCandidate {
  const endIndex = Math.min(lines.length - 1, startIndex + Math.max(1, lineCount) - 1);
  return {
    startLine: startIndex + 1,
    endLine: endIndex + 1,
    similarity: Math.round(similarity * 100) / 100,
    preview: previewLines(lines, startIndex, endIndex),
  };
}

/** The `limit` most similar non-overlapping windows of the file to the old_string lines, best first. */
export function findClosestCandidates(lines: readonly TextLine[], oldLines: readonly string[], limit = 3): EditCandidate[] {
  const oldKeys = oldLines.map(comparisonKey);
  const anchor = oldKeys.findIndex((key) => key !== '');
  if (anchor === -1 || lines.length === 0) return [];
  const windowSize = Math.min(oldKeys.length, lines.length);
  const lastStart = lines.length - windowSize;

  // Shortlist starts cheaply: lines sharing many bigrams with the first non-blank old line (a set lookup,
  // no allocation per line), and starts where old lines reappear verbatim at the right distance.
  // Only the shortlist gets the full, more expensive window score.
  const anchorBigrams = new Set(bigramCodes(oldKeys[anchor]));
  const firstLineScores: Array<{ start: number; score: number }> = [];
  const votes = new Map<number, number>();
  const oldLineOffsets = new Map<string, number[]>();
  oldLines.forEach((line, offset) => {
    const key = line.trim();
    if (key !== '') oldLineOffsets.set(key, [...(oldLineOffsets.get(key) ?? []), offset]);
  });
  lines.forEach((line, index) => {
    const start = clamp(index - anchor, 0, lastStart);
    firstLineScores.push({ start, score: sharedBigramShare(anchorBigrams, line.content) });
    for (const offset of oldLineOffsets.get(line.content.trim()) ?? []) {
      const voted = clamp(index - offset, 0, lastStart);
      votes.set(voted, (votes.get(voted) ?? 0) + 1);
    }
  });
  firstLineScores.sort((left, right) => right.score - left.score);
  const shortlist = new Set<number>(firstLineScores.slice(0, SHORTLIST_SIZE).map((entry) => entry.start));
  [...votes.entries()].sort((left, right) => right[1] - left[1]).slice(0, SHORTLIST_SIZE).forEach(([start]) => shortlist.add(start));

  const scored = [...shortlist].map((start) => ({ start, score: windowSimilarity(lines, start, oldKeys) }));
  scored.sort((left, right) => right.score - left.score || left.start - right.start);
  const chosen: Array<{ start: number; score: number }> = [];
  for (const entry of scored) {
    if (entry.score < MINIMUM_SIMILARITY || chosen.length >= limit) break;
    if (chosen.some((other) => Math.abs(other.start - entry.start) < windowSize)) continue;
    chosen.push(entry);
  }
  return chosen.map((entry) => candidateAt(lines, entry.start, windowSize, entry.score));
}

/** Share of the line's distinct bigrams found in the set: a rough, allocation-free likeness for shortlisting. */
function sharedBigramShare(bigrams: ReadonlySet<number>, line: string): number {
  if (line.length < 2 || bigrams.size === 0) return 0;
  let shared = 0;
  for (let index = 0; index + 1 < line.length; index++) {
    if (bigrams.has(line.charCodeAt(index) * 65536 + line.charCodeAt(index + 1))) shared++;
  }
  return (2 * Math.min(shared, bigrams.size)) / (line.length - 1 + bigrams.size);
}

function windowSimilarity(lines: readonly TextLine[], start: number, oldKeys: readonly string[]): number {
  let total = 0;
  for (let offset = 0; offset < oldKeys.length; offset++) {
    const line = lines[start + offset];
    total += line === undefined ? 0 : lineSimilarity(oldKeys[offset], comparisonKey(line.content));
  }
  return total / oldKeys.length;
}

function comparisonKey(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** Dice coefficient over character bigrams: cheap, order-tolerant, good enough to rank lines. */
function lineSimilarity(left: string, right: string): number {
  if (left === right) return 1;
  return diceWithCounts(bigramCounts(left), left, right);
}

function bigramCodes(text: string): number[] {
  const codes: number[] = [];
  for (let index = 0; index + 1 < text.length; index++) codes.push(text.charCodeAt(index) * 65536 + text.charCodeAt(index + 1));
  return codes;
}

function bigramCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const code of bigramCodes(text)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

function diceWithCounts(leftCounts: Map<number, number>, left: string, right: string): number {
  if (left === right) return 1;
  if (left.length < 2 || right.length < 2) return 0;
  const remaining = new Map(leftCounts);
  let shared = 0;
  for (let index = 0; index + 1 < right.length; index++) {
    const code = right.charCodeAt(index) * 65536 + right.charCodeAt(index + 1);
    const available = remaining.get(code) ?? 0;
    if (available > 0) {
      shared++;
      remaining.set(code, available - 1);
    }
  }
  return (2 * shared) / (left.length - 1 + right.length - 1);
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}
