// Compaction, the editor-free rules: where to cut (whole exchanges only, so no tool result is ever separated from
// its call), what to ask the model for, and how the history is sent afterwards (the summary, then the recent
// turns word for word). The system prompt and the tool list are not touched, so the cached prefix survives.
import type { StoredCompaction, StoredConversation, StoredTurn } from '../conversations/model';
import type { ChatMessage, UserContentPart } from '../llm/types';
import { formatTodos, type TodoItem } from '../todo/todoTool';

/** The latest compaction that still applies: its last summarized turn is still in the conversation. */
export function activeCompaction(conversation: StoredConversation): StoredCompaction | undefined {
  const ids = new Set(conversation.turns.map((turn) => turn.id));
  return conversation.compactions?.filter((compaction) => ids.has(compaction.afterTurnId)).at(-1);
}

/** The turns still sent word for word, and the summary that stands in for the ones before them. */
export function turnsToSend(conversation: StoredConversation): { turns: StoredTurn[]; summary?: string } {
  const compaction = activeCompaction(conversation);
  if (!compaction) return { turns: conversation.turns };
  const index = conversation.turns.findIndex((turn) => turn.id === compaction.afterTurnId);
  const rest = conversation.turns.slice(index + 1);
  const cutTurn = conversation.turns[index];
  // A compaction inside a long answer keeps the answer's messages after the point where it ran.
  if (compaction.afterMessages !== undefined && cutTurn?.role === 'assistant') {
    const question = conversation.turns[index - 1];
    const kept = compaction.keptQuestion && question?.role === 'user' ? [question] : [];
    return { turns: [...kept, { ...cutTurn, messages: cutTurn.messages.slice(compaction.afterMessages) }, ...rest], summary: compaction.summary };
  }
  return { turns: rest, summary: compaction.summary };
}

const SUMMARY_NOTE = 'The earlier part of this conversation was compacted into the summary above; the messages after it are word for word. Continue the task from here.';

export function summaryText(summary: string): string {
  return `<conversation_summary>\n${summary.trim()}\n</conversation_summary>\n\n${SUMMARY_NOTE}`;
}

/**
 * Puts the summary in front of the first message sent: merged into the first user message (so two user messages
 * never follow each other), or on its own when nothing follows the cut yet. A cut only ever falls before a
 * user turn, so the recent part always starts with one.
 */
export function withSummary(messages: ChatMessage[], summary: string): ChatMessage[] {
  const text = summaryText(summary);
  const [first, ...rest] = messages;
  if (first?.role !== 'user') return [{ role: 'user', content: text }, ...messages];
  const content: string | UserContentPart[] =
    typeof first.content === 'string' ? `${text}\n\n${first.content}` : [{ type: 'text', text }, ...first.content];
  return [{ role: 'user', content }, ...rest];
}

export interface CompactionCut {
  /** The last turn the summary covers. */
  afterTurnId: string;
  /** Index of that turn in the conversation. */
  afterIndex: number;
  /** How many turns the summary replaces (since the previous compaction). */
  replacedTurns: number;
}

/**
 * Chooses the cut: the most recent exchanges (a user turn and its answer) that fit in `keepTokens` stay word for
 * word, everything older since the last compaction is summarized. A user turn still waiting for its answer (the
 * message about to be sent) always stays. Undefined when nothing would be summarized.
 */
export function chooseCut(conversation: StoredConversation, keepTokens: number, tokensOf: (turn: StoredTurn) => number): CompactionCut | undefined {
  const { turns } = conversation;
  const compaction = activeCompaction(conversation);
  const start = compaction ? turns.findIndex((turn) => turn.id === compaction.afterTurnId) + 1 : 0;
  let end = turns.length;
  // The message about to be answered is the start of the recent part, never summarized.
  if (turns.at(-1)?.role === 'user') end--;
  const exchangeStarts: number[] = [];
  for (let index = start; index < end; index++) if (turns[index]?.role === 'user') exchangeStarts.push(index);
  if (exchangeStarts.length === 0) return undefined;
  let firstKept = end;
  let kept = 0;
  for (const exchangeStart of [...exchangeStarts].reverse()) {
    const size = turns.slice(exchangeStart, firstKept).reduce((sum, turn) => sum + tokensOf(turn), 0);
    // The oldest exchange is always summarized: otherwise there is nothing to compact.
    if (exchangeStart === exchangeStarts[0] || kept + size > keepTokens) break;
    kept += size;
    firstKept = exchangeStart;
  }
  const afterIndex = firstKept - 1;
  const after = turns[afterIndex];
  if (!after || afterIndex < start) return undefined;
  return { afterTurnId: after.id, afterIndex, replacedTurns: afterIndex - start + 1 };
}

/** What the model is asked, after the history to summarize. The todo list is added by us, exactly. */
export function compactionInstruction(instruction: string | undefined): string {
  const focus = instruction?.trim() ? `\n\nThe user asks the summary to focus on: ${instruction.trim()}` : '';
  return [
    'The conversation is about to be compacted: everything above will be replaced by your summary, so write what is needed to continue the task without it.',
    'Do not call any tool. Answer with the summary only, in Markdown, with exactly these sections:',
    '## Goal\nWhat the user wants, in their terms.',
    '## Decisions\nWhat was decided and why, including what the user approved or refused.',
    '## Files changed\nEach file created, edited or deleted, with why; say which changes the user rejected.',
    '## Open errors\nErrors, failing tests or questions still open (or "None").',
    '## Next\nWhat comes next, concretely.',
    'Leave out the todo list: it is kept separately. Keep paths, names and numbers exact.' + focus,
  ].join('\n\n');
}

/** The stored summary: the model's sections, then the todo list as it stands (so it can never be lost). */
export function summaryWithTodos(modelSummary: string, todos: readonly TodoItem[]): string {
  const trimmed = modelSummary.trim();
  return todos.length > 0 ? `${trimmed}\n\n## Todo list\n${formatTodos(todos)}` : trimmed;
}

/** When a turn compacts first, and how much of the recent conversation stays word for word. */
export interface CompactionLimits {
  thresholdTokens: number;
  keepTokens: number;
}

/** What the chat does without a host setting: about 80% of Kimi's 262,144-token window. */
export const DEFAULT_COMPACTION_THRESHOLD_TOKENS = 209_715;
/** Recent exchanges up to this share of the threshold are kept word for word. */
export const KEPT_SHARE_OF_THRESHOLD = 0.2;

export function compactionLimits(thresholdSetting: number, contextWindow: number, maxOutputTokens: number): CompactionLimits {
  // The request must leave room for the answer, whatever the setting says.
  const thresholdTokens = Math.max(1_000, Math.min(thresholdSetting, contextWindow - maxOutputTokens));
  return { thresholdTokens, keepTokens: Math.floor(thresholdTokens * KEPT_SHARE_OF_THRESHOLD) };
}
