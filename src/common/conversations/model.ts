// The stored conversation: the exact messages sent to and received from the API (so history replays
// byte-identically and keeps every reasoning_content) plus what the chat view needs to redraw each turn.
import { z } from 'zod';
import { chatModeSchema } from '../modes/modeSchema';
import { contextChipKinds, errorActions, imageMimeTypes, subagentPhases, toolCardStatuses } from '../protocol';

const userContentPart = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string() }) }),
]);

const toolCall = z.object({ id: z.string(), name: z.string(), argumentsText: z.string() });

export const chatMessageSchema = z.union([
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(userContentPart)]) }),
  z.object({
    role: z.literal('assistant'),
    content: z.string().optional(),
    reasoningContent: z.string().optional(),
    toolCalls: z.array(toolCall).optional(),
  }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), content: z.string() }),
]);

const chip = z.object({
  id: z.string(),
  kind: z.enum(contextChipKinds),
  label: z.string(),
  detail: z.string().optional(),
  tokens: z.number(),
});

const image = z.object({ id: z.string(), name: z.string(), mimeType: z.enum(imageMimeTypes), dataUrl: z.string() });

export const storedUserTurnSchema = z.object({
  role: z.literal('user'),
  id: z.string(),
  text: z.string(),
  chips: z.array(chip).default([]),
  images: z.array(image).default([]),
  /** The message as sent, context included, replayed unchanged so the provider's prefix cache keeps hitting. */
  message: chatMessageSchema,
  /** The checkpoint begun before this message was answered: "Restore files to here" goes back to it. */
  checkpointId: z.string().max(100).optional(),
  /** The mode it was sent in (Ask, Plan, Agent); absent before modes existed, which was Agent. */
  mode: chatModeSchema.optional(),
});

const toolCard = z.object({
  id: z.string(),
  tool: z.string(),
  target: z.string(),
  status: z.enum(toolCardStatuses),
  summary: z.string().optional(),
  /** Absent in conversations saved before cards were placed in the text: those draw at the top. */
  textOffset: z.number().int().nonnegative().optional(),
});

const assistantAnswerSchema = z.object({
  role: z.literal('assistant'),
  id: z.string(),
  /** Assistant and tool messages of this turn, in order, exactly as exchanged with the API. */
  messages: z.array(chatMessageSchema).default([]),
  reasoning: z.string().default(''),
  reasoningMs: z.number().optional(),
  text: z.string().default(''),
  toolCards: z.array(toolCard).default([]),
  status: z.enum(['streaming', 'done', 'stopped', 'error']),
  error: z
    .object({ message: z.string(), action: z.enum(errorActions), detail: z.string().optional(), category: z.string().optional() })
    .optional(),
  usage: z.object({ promptTokens: z.number(), cachedTokens: z.number(), completionTokens: z.number() }).optional(),
  cost: z.object({ usd: z.number(), estimated: z.boolean() }).optional(),
  model: z.string().optional(),
  startedAt: z.number().optional(),
});

/**
 * A subagent started by the `task` tool: its own conversation (the prompt, then its messages exactly as exchanged,
 * reasoning_content included), recorded like an answer, and stored with the turn whose call started it.
 */
export const storedSubagentSchema = assistantAnswerSchema.extend({
  /** The parent's `task` call it answers. */
  callId: z.string(),
  description: z.string(),
  prompt: z.string(),
  access: z.enum(['read', 'edit']),
  phase: z.enum(subagentPhases),
  /** What it does or waits for now, or how it ended. */
  note: z.string().optional(),
  /** What the parent read as this subagent's result. */
  report: z.string().optional(),
});

export const storedAssistantTurnSchema = assistantAnswerSchema.extend({
  subagents: z.array(storedSubagentSchema).optional(),
});

export const storedTurnSchema = z.discriminatedUnion('role', [storedUserTurnSchema, storedAssistantTurnSchema]);

/**
 * A compaction: the turns up to and including `afterTurnId` are sent as this summary instead of word for word
 * (they stay on disk and in the view). Only the latest one whose turn still exists applies (see common/compaction).
 */
export const storedCompactionSchema = z.object({
  id: z.string(),
  afterTurnId: z.string(),
  /** Set when it ran inside a long answer: `afterTurnId` is that answer, and only its first N messages are summarized. */
  afterMessages: z.number().int().nonnegative().optional(),
  /** With `afterMessages`: the question of that answer is still sent word for word, after the summary. */
  keptQuestion: z.boolean().optional(),
  summary: z.string(),
  trigger: z.enum(['auto', 'command']),
  instruction: z.string().optional(),
  replacedTurns: z.number().int().nonnegative(),
  createdAt: z.number(),
  usage: z.object({ promptTokens: z.number(), cachedTokens: z.number(), completionTokens: z.number() }).optional(),
  cost: z.object({ usd: z.number(), estimated: z.boolean() }).optional(),
});

/** A plan made in Plan mode, waiting for "Approve and run" (see common/modes). */
export const storedPlanSchema = z.object({ turnId: z.string(), text: z.string(), status: z.enum(['proposed', 'approved']) });

export const storedConversationSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  turns: z.array(storedTurnSchema),
  compactions: z.array(storedCompactionSchema).optional(),
  plan: storedPlanSchema.optional(),
});

export type StoredUserTurn = z.infer<typeof storedUserTurnSchema>;
export type StoredAssistantTurn = z.infer<typeof storedAssistantTurnSchema>;
export type StoredSubagent = z.infer<typeof storedSubagentSchema>;
export type StoredTurn = z.infer<typeof storedTurnSchema>;
export type StoredConversation = z.infer<typeof storedConversationSchema>;
export type StoredCompaction = z.infer<typeof storedCompactionSchema>;
export type StoredPlan = z.infer<typeof storedPlanSchema>;

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  turnCount: number;
}

export function summarize(conversation: StoredConversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    turnCount: conversation.turns.length,
  };
}
