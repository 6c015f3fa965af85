// Small stored conversations for the conversation tests, built the way the chat controller stores them.
import type { StoredAssistantTurn, StoredConversation, StoredUserTurn } from '../../../src/common/conversations/model';

export function userTurn(id: string, text: string, overrides: Partial<StoredUserTurn> = {}): StoredUserTurn {
  return { role: 'user', id, text, chips: [], images: [], message: { role: 'user', content: text }, ...overrides };
}

export function assistantTurn(id: string, overrides: Partial<StoredAssistantTurn> = {}): StoredAssistantTurn {
  return { role: 'assistant', id, messages: [], reasoning: '', text: '', toolCards: [], status: 'done', ...overrides };
}

export function conversation(id: string, overrides: Partial<StoredConversation> = {}): StoredConversation {
  return {
    version: 1,
    id,
    title: `Conversation ${id}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    turns: [userTurn('u1', 'Hello'), assistantTurn('a1', { text: 'Hi!', messages: [{ role: 'assistant', content: 'Hi!', reasoningContent: '' }] })],
    ...overrides,
  };
}
