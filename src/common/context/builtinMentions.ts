// The built-in `@` mentions, in one list for both sides: the webview's menu shows these chips and the host
// accepts exactly these ids, so what the user picks is what the request carries.
import type { ContextChip } from '../protocol';

/** Stands for whatever is selected in the active editor when the message is sent. */
export const SELECTION_MENTION_ID = 'selection';

export const builtInMentions: readonly ContextChip[] = [
  { id: 'problems', kind: 'problems', label: '@problems', detail: 'Errors and warnings in the workspace', tokens: 0 },
  { id: SELECTION_MENTION_ID, kind: 'selection', label: '@selection', detail: 'The selection in the active editor', tokens: 0 },
  { id: 'openEditors', kind: 'openEditors', label: '@openEditors', detail: 'The files open in editors', tokens: 0 },
  { id: 'gitDiff', kind: 'gitDiff', label: '@gitDiff', detail: 'Uncommitted changes (git diff HEAD)', tokens: 0 },
];

export function builtInMention(id: string): ContextChip | undefined {
  return builtInMentions.find((mention) => mention.id === id);
}

/** The built-ins whose name starts with what the user typed after `@`. */
export function matchingBuiltInMentions(query: string): ContextChip[] {
  const lower = query.toLowerCase();
  return builtInMentions.filter((mention) => mention.label.slice(1).toLowerCase().startsWith(lower));
}
