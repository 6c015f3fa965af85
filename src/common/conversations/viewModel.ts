// Turns stored conversations into what the chat view draws, and the stored history into API messages.
import type { ChatMessage } from '../llm/types';
import type { AssistantTurnView, ConversationView, TurnView } from '../protocol';
import type { StoredAssistantTurn, StoredConversation, StoredTurn } from './model';

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
  };
}

/** The API history of a conversation: each user message as it was sent, then that turn's exchanged messages. */
export function toApiHistory(conversation: StoredConversation): ChatMessage[] {
  return conversation.turns.flatMap((turn): ChatMessage[] =>
    turn.role === 'user' ? [turn.message as ChatMessage] : (turn.messages as ChatMessage[]),
  );
}

/** A title from the first user message: no extra model call, so no surprise cost. */
export function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n')[0]?.replace(/\s+/g, ' ') ?? '';
  if (!firstLine) return 'New chat';
  return firstLine.length > 60 ? `${firstLine.slice(0, 57).trimEnd()}...` : firstLine;
}

/** A turn left 'streaming' on disk was cut off by a crash or reload: show it as stopped, with what it had. */
export function recoverInterruptedTurns(conversation: StoredConversation): StoredConversation {
  let changed = false;
  const turns = conversation.turns.map((turn): StoredTurn => {
    if (turn.role !== 'assistant' || turn.status !== 'streaming') return turn;
    changed = true;
    return { ...turn, status: 'stopped', error: { message: 'This answer was interrupted (the window closed or reloaded).', action: 'retry' } };
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
      for (const card of turn.toolCards) lines.push(`- \`${card.tool}\` ${card.target}: ${card.status}${card.summary ? ` (${card.summary})` : ''}`);
      if (turn.toolCards.length > 0) lines.push('');
      if (turn.text) lines.push(turn.text, '');
      if (turn.error) lines.push(`> ${turn.error.message}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
