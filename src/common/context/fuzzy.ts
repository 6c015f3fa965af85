// Fuzzy matching for @-mentions: every query character must appear in order; consecutive runs, matches at
// word starts and matches in the file name score higher, shorter paths break ties.

const MATCH = 1;
const CONSECUTIVE = 4;
const WORD_START = 3;
const IN_FILE_NAME = 2;

export function fuzzyScore(query: string, candidate: string): number | undefined {
  const needle = query.toLowerCase();
  if (!needle) return 0;
  const haystack = candidate.toLowerCase();
  if (!isSubsequence(needle, haystack)) return undefined;
  const nameStart = candidate.lastIndexOf('/') + 1;
  const charScore = (position: number) =>
    MATCH + (isWordStart(candidate, position) ? WORD_START : 0) + (position >= nameStart ? IN_FILE_NAME : 0);

  // The best alignment, not the leftmost one: "tr" should find the R of "turnRecorder", not the r of "turn".
  // best[j]: the best score of the query so far with its last character at position j.
  let best: number[] = [];
  for (let position = 0; position < haystack.length; position++) {
    best[position] = haystack[position] === needle[0] ? charScore(position) : -Infinity;
  }
  for (let index = 1; index < needle.length; index++) {
    const next: number[] = new Array<number>(haystack.length).fill(-Infinity);
    let bestBefore = -Infinity;
    for (let position = 1; position < haystack.length; position++) {
      // Any earlier match with a gap, or the match right before this position as part of a run.
      if (position >= 2) bestBefore = Math.max(bestBefore, best[position - 2] ?? -Infinity);
      if (haystack[position] !== needle[index]) continue;
      const run = (best[position - 1] ?? -Infinity) + CONSECUTIVE;
      next[position] = charScore(position) + Math.max(run, bestBefore);
    }
    best = next;
  }
  return best.reduce((highest, score) => Math.max(highest, score), -Infinity) - candidate.length * 0.01;
}

export function fuzzyFilter<T>(query: string, items: readonly T[], keyOf: (item: T) => string, limit: number): T[] {
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const score = fuzzyScore(query, keyOf(item));
    if (score !== undefined) scored.push({ item, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((entry) => entry.item);
}

function isSubsequence(needle: string, haystack: string): boolean {
  let position = -1;
  for (let index = 0; index < needle.length; index++) {
    position = haystack.indexOf(needle[index] as string, position + 1);
    if (position < 0) return false;
  }
  return true;
}

function isWordStart(candidate: string, position: number): boolean {
  if (position === 0) return true;
  const previous = candidate[position - 1] as string;
  const current = candidate[position] as string;
  if (previous === '/' || previous === '-' || previous === '_' || previous === '.' || previous === ' ') return true;
  // A camelCase hump: lower (or caseless) followed by upper.
  return previous === previous.toLowerCase() && current !== current.toLowerCase();
}
