// What a completion sees of the code: the text around the cursor, the file's imports and snippets of recently
// edited files, each within its share of a small token budget, so a request stays cheap and quick.
import { estimateTokens } from '../context/tokens';

export interface CompletionDocument {
  /** Shown to the model; a workspace-relative path where known. */
  path: string;
  languageId: string;
  text: string;
  /** The cursor, as an offset into `text`. */
  offset: number;
}

/** A few lines around a recent change in another file. */
export interface RecentSnippet {
  path: string;
  text: string;
}

export interface CompletionContext {
  path: string;
  languageId: string;
  /** The text before the cursor, cut at a line start (the cursor's own line is always whole). */
  prefix: string;
  /** The text after the cursor, cut at a line end. */
  suffix: string;
  /** Import lines from outside the prefix window. */
  imports: string[];
  recentSnippets: RecentSnippet[];
}

export const DEFAULT_COMPLETION_BUDGET_TOKENS = 1500;

/** Shares of the budget: the code before the cursor matters most. */
const shares = { prefix: 0.55, suffix: 0.2, imports: 0.1, recent: 0.15 };

const importLine =
  /^\s*(import\s|from\s+\S+\s+import\s|export\s+(\*|\{[^}]*\})\s+from\s|#include\s|#import\s|using\s+[\w.]+\s*;|use\s+[\w:]+|require\s*\(|(const|let|var)\s+[\w{}\s,]+=\s*require\s*\(|package\s)/;

/** Whole lines from the end of `text` that fit `budget` tokens; the last (partial) line always stays. */
function takeLinesFromEnd(text: string, budget: number): string {
  const lines = text.split('\n');
  let kept = lines.pop() ?? '';
  let used = estimateTokens(kept);
  while (lines.length > 0) {
    const line = lines[lines.length - 1];
    const cost = estimateTokens(line) + 1;
    if (used + cost > budget) break;
    kept = `${line}\n${kept}`;
    used += cost;
    lines.pop();
  }
  return kept;
}

/** Whole lines from the start of `text` that fit `budget` tokens; the first (partial) line always stays. */
function takeLinesFromStart(text: string, budget: number): string {
  const lines = text.split('\n');
  let kept = lines.shift() ?? '';
  let used = estimateTokens(kept);
  while (lines.length > 0) {
    const cost = estimateTokens(lines[0]) + 1;
    if (used + cost > budget) break;
    kept = `${kept}\n${lines.shift()}`;
    used += cost;
  }
  return kept;
}

function takeWithin<T>(items: readonly T[], budget: number, cost: (item: T) => number): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const item of items) {
    const itemCost = cost(item);
    if (used + itemCost > budget) break;
    kept.push(item);
    used += itemCost;
  }
  return kept;
}

export function gatherCompletionContext(
  document: CompletionDocument,
  recent: readonly RecentSnippet[],
  budgetTokens = DEFAULT_COMPLETION_BUDGET_TOKENS,
): CompletionContext {
  const before = document.text.slice(0, document.offset);
  const after = document.text.slice(document.offset);
  const prefix = takeLinesFromEnd(before, budgetTokens * shares.prefix);
  const suffix = takeLinesFromStart(after, budgetTokens * shares.suffix);
  // Imports already inside the prefix window would be sent twice.
  const outsideWindow = before.slice(0, before.length - prefix.length);
  const imports = takeWithin(
    outsideWindow.split('\n').filter((line) => importLine.test(line)).map((line) => line.trimEnd()),
    budgetTokens * shares.imports,
    (line) => estimateTokens(line) + 1,
  );
  const recentSnippets = takeWithin(
    recent.filter((snippet) => snippet.path !== document.path && snippet.text.trim() !== ''),
    budgetTokens * shares.recent,
    (snippet) => estimateTokens(snippet.text) + estimateTokens(snippet.path) + 4,
  );
  return { path: document.path, languageId: document.languageId, prefix, suffix, imports, recentSnippets };
}
