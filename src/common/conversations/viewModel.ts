// Turns stored conversations into what the chat view draws, and the stored history into API messages.
import { turnsToSend, withSummary } from '../compaction/compaction';
import type { ChatMessage } from '../llm/types';
import type { AssistantTurnView, ConversationView, TurnView } from '../protocol';
import { answerPieces } from './answerPieces';
import type { StoredAssistantTurn, StoredConversation, StoredTurn } from './model';
import { recoverInterruptedSubagent, toSubagentView } from '../subagents/subagentView';

export function toConversationView(conversation: StoredConversation): ConversationView {
  return { id: conversation.id, title: conversation.title, turns: conversation.turns.map(toTurnView) };
}

export function toTurnView(turn: StoredTurn): TurnView {
  if (turn.role === 'user') {
    return {
      id: turn.id,
      role: 'user',
      text: turn.text,
      chips: turn.chips,
      images: turn.images,
    };
  }
  return toAssistantView(turn);
}

export function toAssistantView(turn: StoredAssistantTurn): AssistantTurnView {
  return {
    id: turn.id,
    role: 'assistant',
    reasoning: turn.reasoning,
    ...(turn.reasoningMs !== undefined ? { reasoningMs: Math.round(turn.reasoningMs) } : {}),
    text: turn.text,
    toolCalls: turn.toolCards,
    status: turn.status,
    ...(turn.error ? { error: { message: turn.error.message, action: turn.error.action, ...(turn.error.detail ? { detail: turn.error.detail } : {}) } } : {}),
    ...(turn.usage ? { usage: turn.usage } : {}),
    ...(turn.cost ? { cost: turn.cost } : {}),
    ...(turn.model ? { model: turn.model } : {}),
    ...(turn.subagents?.length ? { subagents: turn.subagents.map(toSubagentView) } : {}),
  };
}

/** The API history of a conversation: each user message as it was sent, then that turn's exchanged messages. */
export function toApiHistory(conversation: StoredConversation): ChatMessage[] {
  // After a compaction the older turns are sent as its summary (see common/compaction).
  const { turns, summary } = turnsToSend(conversation);
  const messages = turns.flatMap((turn): ChatMessage[] =>
    turn.role === 'user' ? [turn.message as ChatMessage] : answerOpenToolCalls(turn.messages as ChatMessage[]),
  );
  return summary === undefined ? messages : withSummary(messages, summary);
}

const UNANSWERED_TOOL_RESULT = 'Not run: the answer was interrupted before this tool finished.';

/**
 * A turn saved between its tool calls and their results (the window closed mid-tool) would make every later
 * request a 400. Each call gets exactly one answer, in the call order: its saved result or a "not run" note.
 */
function answerOpenToolCalls(messages: readonly ChatMessage[]): ChatMessage[] {
  const repaired: ChatMessage[] = [];
  let index = 0;
  while (index < messages.length) {
    const message = messages[index] as ChatMessage;
    index++;
    if (message.role === 'tool') continue;
    repaired.push(message);
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    const answers = new Map<string, string>();
    for (; index < messages.length; index++) {
      const next = messages[index] as ChatMessage;
      if (next.role !== 'tool') break;
      if (!answers.has(next.toolCallId)) answers.set(next.toolCallId, next.content);
    }
    for (const call of message.toolCalls) {
      repaired.push({ role: 'tool', toolCallId: call.id, content: answers.get(call.id) ?? UNANSWERED_TOOL_RESULT });
    }
  }
  return repaired;
}

const TITLE_CHARS = 60;

/** A title from the first user message: no extra model call, so no surprise cost. */
export function titleFrom(text: string): string {
  const firstLine = text.trim().split(/\r?\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (!firstLine) return 'New chat';
  // By code point, so an emoji at the cut is never split in half.
  const characters = Array.from(firstLine);
  return characters.length > TITLE_CHARS ? `${characters.slice(0, TITLE_CHARS - 3).join('').trimEnd()}...` : firstLine;
}

const settledStatuses: ReadonlySet<string> = new Set(['done', 'error', 'rejected']);

/** A turn left 'streaming' on disk was cut off by a crash or reload: show it as stopped, with what it had. */
export function recoverInterruptedTurns(conversation: StoredConversation): StoredConversation {
  let changed = false;
  const turns = conversation.turns.map((turn): StoredTurn => {
    if (turn.role !== 'assistant' || turn.status !== 'streaming') return turn;
    changed = true;
    // Nothing is running any more: a card left pending or awaiting approval would wait forever.
    const toolCards = turn.toolCards.map((card) => (settledStatuses.has(card.status) ? card : { ...card, status: 'rejected' as const }));
    return {
      ...turn,
      toolCards,
      ...(turn.subagents ? { subagents: turn.subagents.map(recoverInterruptedSubagent) } : {}),
      status: 'stopped',
      error: { message: 'This answer was interrupted (the window closed or reloaded).', action: 'retry' },
    };
  });
  return changed ? { ...conversation, turns } : conversation;
}

/** Markdown export of a conversation, for sharing or keeping outside VS Code. */
export function toMarkdown(conversation: StoredConversation): string {
  const lines = [`# ${conversation.title}`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      lines.push('## You', '');
      if (turn.chips.length > 0) lines.push(`_Context: ${turn.chips.map((chip) => chip.label).join(', ')}_`, '');
      lines.push(turn.text, '');
    } else {
      lines.push(`## Kimi${turn.model ? ` (${turn.model})` : ''}`, '');
      if (turn.reasoning) lines.push('<details><summary>Reasoning</summary>', '', turn.reasoning, '', '</details>', '');
      lines.push(...answerLines(turn));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The answer's text with its tool calls in place, and its error, as markdown lines. */
function answerLines(turn: StoredAssistantTurn): string[] {
  const lines: string[] = [];
  for (const piece of answerPieces(turn.text, turn.toolCards)) {
    for (const card of piece.cards) lines.push(`- \`${card.tool}\` ${card.target}: ${card.status}${card.summary ? ` (${card.summary})` : ''}`);
    if (piece.cards.length > 0) lines.push('');
    // Pieces after a card begin with the blank line that separated the model's steps.
    const text = turn.text.slice(piece.start, piece.end).replace(/^\n+|\n+$/g, '');
    if (text) lines.push(text, '');
  }
  if (turn.error) lines.push(`> ${turn.error.message}`, '');
  return lines;
}

/**
 * One answer as markdown for the accessible view: the answer with this id, or the last one. Plain
 * markdown in an editor is what a screen reader reads best (VS Code's own accessible view does the same).
 */
export function answerAsMarkdown(conversation: StoredConversation, turnId: string | null): { turnId: string; number: number; markdown: string } | undefined {
  const answers = conversation.turns.filter((turn): turn is StoredAssistantTurn => turn.role === 'assistant');
  const answer = answers.find((turn) => turn.id === turnId) ?? answers.at(-1);
  if (!answer) return undefined;
  const number = answers.indexOf(answer) + 1;
  const question = conversation.turns[conversation.turns.indexOf(answer) - 1];
  const lines = [`# Kimi, answer ${number} of ${answers.length}`, ''];
  if (question?.role === 'user') lines.push(`> ${question.text.split('\n').join('\n> ')}`, '');
  lines.push(...answerLines(answer));
  if (answer.status === 'streaming') lines.push('_Still answering: open the accessible view again for the rest._', '');
  return { turnId: answer.id, number, markdown: `${lines.join('\n').trimEnd()}\n` };
}
