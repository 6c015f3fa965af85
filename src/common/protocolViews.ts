// What the chat webview draws, as zod schemas with inferred types: the turns, cards, chips and panels the
// host's messages carry (protocol.ts), bounded by the limits of protocolLimits.ts. Split from the messages so each file
// stays one concern; protocol.ts re-exports everything here.
import { z } from 'zod';
import { imageMimeTypes, protocolLimits } from './protocolLimits';

export { imageMimeTypes, protocolLimits, type ImageMimeType } from './protocolLimits';

const id = z.string().min(1).max(protocolLimits.idChars);
const text = z.string().max(protocolLimits.textChars);
const label = z.string().max(protocolLimits.labelChars);
const count = z.number().int().nonnegative();
/** The bounded primitives the messages are built from (protocol.ts uses the same ones). */
export const wireValues = { id, text, label, count };

// ----- View model -------------------------------------------------------------------------------

/** `mcpResource`: a resource of a connected MCP server, read with resources/read when the message is sent. */
export const contextChipKinds = ['file', 'folder', 'selection', 'problems', 'openEditors', 'gitDiff', 'mcpResource'] as const;
export type ContextChipKind = (typeof contextChipKinds)[number];

export const ContextChipSchema = z.object({
  id,
  kind: z.enum(contextChipKinds),
  label,
  /** A longer description shown on hover, e.g. the workspace-relative path and line range. */
  detail: label.optional(),
  /** Estimated prompt tokens this context adds (0 when not yet known). */
  tokens: count,
});
export type ContextChip = z.infer<typeof ContextChipSchema>;

/** A `/` command of the chat input: today an MCP server's prompt, `/mcp.<server>.<prompt>` (see common/mcp/promptCommands). */
export const SlashCommandSchema = z.object({
  /** What follows the `/`, and what the host matches when the message is sent. */
  name: label,
  detail: label.optional(),
  arguments: z
    .array(z.object({ name: label, required: z.boolean(), description: label.optional() }))
    .max(protocolLimits.promptArguments),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;


export const ImageAttachmentSchema = z
  .object({
    id,
    name: label,
    mimeType: z.enum(imageMimeTypes),
    dataUrl: z.string().max(protocolLimits.imageDataUrlChars),
  })
  // Only inline base64 data of the declared type: never a remote URL that could track or leak.
  .refine((image) => image.dataUrl.startsWith(`data:${image.mimeType};base64,`), {
    message: 'dataUrl must be a base64 data URL of the declared mimeType',
    path: ['dataUrl'],
  });
export type ImageAttachment = z.infer<typeof ImageAttachmentSchema>;

export const toolCardStatuses = ['pending', 'running', 'awaiting-approval', 'done', 'error', 'rejected'] as const;
export type ToolCardStatus = (typeof toolCardStatuses)[number];

export const ToolCardSchema = z.object({
  /** The tool call id, echoed by `resolveToolApproval`. */
  id: z.string().min(1).max(protocolLimits.labelChars),
  tool: label,
  /** What the tool acts on, e.g. a path, a pattern or a command line. */
  target: z.string().max(protocolLimits.urlChars),
  status: z.enum(toolCardStatuses),
  /** One line on the outcome, e.g. "120 lines" or "3 matches". */
  summary: z.string().max(protocolLimits.urlChars).optional(),
  /** How much of the turn's text came before the call: the card is drawn there, between what the model said. */
  textOffset: count.optional(),
});
export type ToolCard = z.infer<typeof ToolCardSchema>;

export const errorActions = ['setKey', 'topUp', 'wait', 'shortenContext', 'retry', 'openSettings', 'none'] as const;
export type ErrorViewAction = (typeof errorActions)[number];

export const ErrorViewSchema = z.object({
  message: z.string().max(protocolLimits.urlChars),
  action: z.enum(errorActions),
  detail: z.string().max(protocolLimits.textChars).optional(),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const UsageViewSchema = z.object({ promptTokens: count, cachedTokens: count, completionTokens: count });
export type UsageView = z.infer<typeof UsageViewSchema>;

export const CostViewSchema = z.object({ usd: z.number().nonnegative(), estimated: z.boolean() });
export type CostView = z.infer<typeof CostViewSchema>;

export const UserTurnSchema = z.object({
  id,
  role: z.literal('user'),
  text,
  chips: z.array(ContextChipSchema).max(protocolLimits.chipsPerMessage),
  images: z.array(ImageAttachmentSchema).max(protocolLimits.imagesPerMessage),
});
export type UserTurnView = z.infer<typeof UserTurnSchema>;

export const assistantTurnStatuses = ['streaming', 'done', 'stopped', 'error'] as const;
export type AssistantTurnStatus = (typeof assistantTurnStatuses)[number];

/** A subagent's life: waiting for a free slot, working, waiting out a rate limit, and how it ended. */
export const subagentPhases = ['queued', 'running', 'backing-off', 'done', 'error', 'stopped'] as const;
export type SubagentPhase = (typeof subagentPhases)[number];

/** One subagent of a `task` call, drawn as a card nested under that call's card. */
export const SubagentViewSchema = z.object({
  id,
  /** The `task` tool call that started it. */
  callId: z.string().min(1).max(protocolLimits.labelChars),
  description: label,
  phase: z.enum(subagentPhases),
  note: label.optional(),
  toolCalls: z.array(ToolCardSchema).max(protocolLimits.toolCardsPerTurn),
  report: text.optional(),
  usage: UsageViewSchema.optional(),
  cost: CostViewSchema.optional(),
});
export type SubagentView = z.infer<typeof SubagentViewSchema>;

export const AssistantTurnSchema = z.object({
  id,
  role: z.literal('assistant'),
  reasoning: text,
  /** How long the model reasoned; while streaming the webview shows its own running clock. */
  reasoningMs: count.optional(),
  text,
  toolCalls: z.array(ToolCardSchema).max(protocolLimits.toolCardsPerTurn),
  status: z.enum(assistantTurnStatuses),
  error: ErrorViewSchema.optional(),
  usage: UsageViewSchema.optional(),
  cost: CostViewSchema.optional(),
  model: label.optional(),
  subagents: z.array(SubagentViewSchema).max(protocolLimits.subagentsPerTurn).optional(),
});
export type AssistantTurnView = z.infer<typeof AssistantTurnSchema>;

export const TurnViewSchema = z.discriminatedUnion('role', [UserTurnSchema, AssistantTurnSchema]);
export type TurnView = z.infer<typeof TurnViewSchema>;

export const ConversationViewSchema = z.object({
  id,
  title: z.string().max(protocolLimits.titleChars),
  turns: z.array(TurnViewSchema).max(protocolLimits.turnsPerConversation),
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const ConversationSummarySchema = z.object({
  id,
  title: z.string().max(protocolLimits.titleChars),
  /** Milliseconds since the epoch. */
  updatedAt: count,
  turnCount: count,
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ModelOptionSchema = z.object({
  id: z.string().min(1).max(protocolLimits.labelChars),
  label,
  supportsImages: z.boolean(),
  contextWindow: count,
});
export type ModelOption = z.infer<typeof ModelOptionSchema>;

export const ContextUsageSchema = z.object({ used: count, window: count });
export type ContextUsage = z.infer<typeof ContextUsageSchema>;

export const pendingChangeStatuses = ['awaiting-review', 'partly-accepted', 'accepted', 'rejected', 'conflict'] as const;
export type PendingChangeStatus = (typeof pendingChangeStatuses)[number];

/** One proposed change of the turn, as the pending-changes panel lists it. */
export const PendingChangeViewSchema = z.object({
  reviewId: id,
  relativePath: label,
  added: count,
  removed: count,
  status: z.enum(pendingChangeStatuses),
  /** The review is still open (a partly accepted change may be open or ended as partial). */
  open: z.boolean(),
});
export type PendingChangeView = z.infer<typeof PendingChangeViewSchema>;

/** One item of the model's todo list (the `todo_write` tool), pinned above the input. */
export const TodoItemViewSchema = z.object({ content: label, status: z.enum(['pending', 'in_progress', 'completed']) });
export type TodoItemView = z.infer<typeof TodoItemViewSchema>;

/** A compaction, drawn after the last turn it summarizes; the user can expand the summary. */
export const CompactionCardSchema = z.object({
  id,
  afterTurnId: id,
  summary: text,
  trigger: z.enum(['auto', 'command']),
  instruction: label.optional(),
  replacedTurns: count,
  usage: UsageViewSchema.optional(),
  cost: CostViewSchema.optional(),
});
export type CompactionCard = z.infer<typeof CompactionCardSchema>;

/** A command the agent keeps running (run_command with background): the chat lists each with Stop. */
export const BackgroundProcessViewSchema = z.object({
  id,
  /** The conversation that started it (ids count per conversation). */
  owner: id,
  command: label,
  state: z.enum(['running', 'exited', 'stopped']),
  exitCode: z.number().int().nullable(),
});
export type BackgroundProcessView = z.infer<typeof BackgroundProcessViewSchema>;
