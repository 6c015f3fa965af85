// The names of the chat modes, on their own so the stored conversation and the protocol can name them without
// pulling in the tool rules of each mode (see chatModes.ts). Without zod (the schema is modeSchema.ts): the chat
// webview's first script shows the mode picker from these, and must not carry zod for it.

export const chatModes = ['ask', 'plan', 'agent'] as const;
export type ChatMode = (typeof chatModes)[number];

export const DEFAULT_CHAT_MODE: ChatMode = 'agent';

export const chatModeLabels: Record<ChatMode, string> = { ask: 'Ask', plan: 'Plan', agent: 'Agent' };
