// Fuzzy matching for @-mentions: every query character must appear in order; consecutive runs, matches at
// word starts and matches in the file name score higher, shorter paths break ties.

export function fuzzyScore(query: string, candidate: string): number | undefined {
  const needle = query.toLowerCase();
  if (!needle) return 0;
  const haystack = candidate.toLowerCase();
  const nameStart = candidate.lastIndexOf('/') + 1;
  let score = 0;
  let position = -1;
  let run = 0;
  for (const char of needle) {
    const found = haystack.indexOf(char, position + 1);
    if (found < 0) return undefined;
    run = found === position + 1 ? run + 1 : 0;
    const previous = candidate[found - 1];
    const atWordStart = found === 0 || previous === '/' || previous === '-' || previous === '_' || previous === '.' ||
      (previous !== undefined && previous === previous.toLowerCase() && candidate[found] !== candidate[found]?.toLowerCase());
    score += 1 + run * 2 + (atWordStart ? 3 : 0) + (found >= nameStart ? 2 : 0);
    position = found;
  }
  return score - candidate.length * 0.01;
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
