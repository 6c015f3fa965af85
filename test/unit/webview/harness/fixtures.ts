// Builders for host messages used across the webview tests.
import type { AssistantTurnView, ConversationView, ModelOption, StateMessage, UserTurnView } from '../../../../src/common/protocol';

export const models: ModelOption[] = [
  { id: 'moonshot/kimi-k2-6', label: 'Kimi K2.6', supportsImages: true, contextWindow: 262_144 },
  { id: 'moonshot/kimi-k2-5', label: 'Kimi K2.5', supportsImages: true, contextWindow: 262_144 },
  { id: 'my-text-model', label: 'Custom (text only)', supportsImages: false, contextWindow: 131_072 },
];

export function userTurn(overrides: Partial<UserTurnView> = {}): UserTurnView {
  return { id: 'u1', role: 'user', text: 'Explain this function', chips: [], images: [], ...overrides };
}

export function assistantTurn(overrides: Partial<AssistantTurnView> = {}): AssistantTurnView {
  return { id: 'a1', role: 'assistant', reasoning: '', text: '', toolCalls: [], status: 'done', ...overrides };
}

export function conversation(turns: ConversationView['turns'], overrides: Partial<ConversationView> = {}): ConversationView {
  return { id: 'c1', title: 'Explain parseArgs', turns, ...overrides };
}

export function stateMessage(overrides: Partial<StateMessage> = {}): StateMessage {
  return {
    type: 'state',
    conversation: null,
    history: [],
    models,
    selectedModelId: models[0].id,
    thinking: true,
    thinkingUnavailable: null,
    hasKey: true,
    sessionCost: null,
    contextUsage: null,
    chips: [],
    ...overrides,
  };
}
