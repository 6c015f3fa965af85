// The names of the chat modes, on their own so the stored conversation and the protocol can name them without
// pulling in the tool rules of each mode (see chatModes.ts).
import { z } from 'zod';

export const chatModes = ['ask', 'plan', 'agent'] as const;
export const chatModeSchema = z.enum(chatModes);
export type ChatMode = z.infer<typeof chatModeSchema>;

export const DEFAULT_CHAT_MODE: ChatMode = 'agent';

export const chatModeLabels: Record<ChatMode, string> = { ask: 'Ask', plan: 'Plan', agent: 'Agent' };
