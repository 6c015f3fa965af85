// Every message between the extension host and the chat webview, as zod schemas with inferred types.
// The host owns conversations and sends snapshots plus small deltas; the webview renders and sends user intents.
// What the messages carry (turns, cards, chips, limits) is in protocolViews.ts, re-exported here.
import { z } from 'zod';
import { chatModes } from './modes/modeNames';
import { isOpenableExternalUrl } from './protocolLimits';
import {
  BackgroundProcessViewSchema,
  CompactionCardSchema,
  ContextChipSchema,
  ContextUsageSchema,
  ConversationSummarySchema,
  ConversationViewSchema,
  CostViewSchema,
  ImageAttachmentSchema,
  ModelOptionSchema,
  PendingChangeViewSchema,
  protocolLimits,
  SlashCommandSchema,
  TodoItemViewSchema,
  TurnViewSchema,
  wireValues,
} from './protocolViews';

export * from './protocolViews';
export { isOpenableExternalUrl } from './protocolLimits';

const { id, text } = wireValues;

// ----- Host -> webview --------------------------------------------------------------------------

const StateMessage = z.object({
  type: z.literal('state'),
  /** Null when no conversation is open: the webview shows its welcome. */
  conversation: ConversationViewSchema.nullable(),
  history: z.array(ConversationSummarySchema).max(protocolLimits.historyItems),
  models: z.array(ModelOptionSchema).max(protocolLimits.models),
  selectedModelId: z.string().max(protocolLimits.labelChars),
  thinking: z.boolean(),
  /** Why the thinking switch changes nothing with this provider; null when it works. */
  thinkingUnavailable: z.string().max(protocolLimits.urlChars).nullable(),
  hasKey: z.boolean(),
  sessionCost: CostViewSchema.nullable(),
  /** The open conversation's cost (its turns' costs summed), shown beside its title; null before any. */
  conversationCost: CostViewSchema.nullable().optional(),
  contextUsage: ContextUsageSchema.nullable(),
  /** Context chips waiting to go with the next message. */
  chips: z.array(ContextChipSchema).max(protocolLimits.chipsPerMessage),
});

/** A partial refresh of the `state` header fields, so a cost or key change does not resend the conversation. */
const StatusChangedMessage = z.object({
  type: z.literal('statusChanged'),
  models: z.array(ModelOptionSchema).max(protocolLimits.models).optional(),
  selectedModelId: z.string().max(protocolLimits.labelChars).optional(),
  thinking: z.boolean().optional(),
  thinkingUnavailable: z.string().max(protocolLimits.urlChars).nullable().optional(),
  hasKey: z.boolean().optional(),
  sessionCost: CostViewSchema.nullable().optional(),
  conversationCost: CostViewSchema.nullable().optional(),
  contextUsage: ContextUsageSchema.nullable().optional(),
});

const TurnAppendedMessage = z.object({ type: z.literal('turnAppended'), turn: TurnViewSchema });

/** The hot path while streaming: one fragment of reasoning or answer text for a streaming turn. */
const AssistantDeltaMessage = z.object({
  type: z.literal('assistantDelta'),
  turnId: id,
  channel: z.enum(['reasoning', 'text']),
  text,
});

/**
 * The full turn after a change of status, tool cards, usage, cost or error. Its text must extend (or equal)
 * what the deltas delivered; the webview then renders only the difference.
 */
const TurnUpdatedMessage = z.object({ type: z.literal('turnUpdated'), turn: TurnViewSchema });

/** Removes the turn with this id and every turn after it (regenerate, edit-and-resend). */
const TurnsTruncatedMessage = z.object({ type: z.literal('turnsTruncated'), fromTurnId: id });

const HistoryListMessage = z.object({
  type: z.literal('historyList'),
  items: z.array(ConversationSummarySchema).max(protocolLimits.historyItems),
});

const MentionResultsMessage = z.object({
  type: z.literal('mentionResults'),
  requestId: id,
  items: z.array(ContextChipSchema).max(protocolLimits.mentionResults),
});

const SlashResultsMessage = z.object({
  type: z.literal('slashResults'),
  requestId: id,
  items: z.array(SlashCommandSchema).max(protocolLimits.slashCommands),
});

const ChipsChangedMessage = z.object({
  type: z.literal('chipsChanged'),
  chips: z.array(ContextChipSchema).max(protocolLimits.chipsPerMessage),
});

const FocusInputMessage = z.object({ type: z.literal('focusInput') });

/** Replaces the prompt box text, e.g. a command that prepares a question for the user to finish. */
const SetInputMessage = z.object({ type: z.literal('setInput'), text });

const NoticeMessage = z.object({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string().max(protocolLimits.urlChars),
  /**
   * Notices of one group replace each other, and the `retry` group clears when the turn ends: four retries
   * leave one "Retrying…" notice, none once the answer or the error card has come.
   */
  group: z.enum(['retry']).optional(),
});

/** The turn's proposed changes; the panel above the input shows while any of them awaits an answer. */
const PendingChangesMessage = z.object({
  type: z.literal('pendingChanges'),
  changes: z.array(PendingChangeViewSchema).max(protocolLimits.pendingChanges),
});

/** The user messages whose "Restore files to here" would change a file (checkpoints; every message may restore the conversation). */
const CheckpointsMessage = z.object({
  type: z.literal('checkpoints'),
  restorableTurnIds: z.array(id).max(protocolLimits.turnsPerConversation),
});

/** The chat mode, the todo list and a plan waiting for approval (sent after every `state` and on each change). */
const TaskStateMessage = z.object({
  type: z.literal('taskState'),
  mode: z.enum(chatModes),
  todos: z.array(TodoItemViewSchema).max(50),
  plan: z.object({ turnId: id, text }).nullable(),
});

/** The open conversation's compactions (sent after every `state` and after a compaction). */
const CompactionCardsMessage = z.object({ type: z.literal('compactionCards'), cards: z.array(CompactionCardSchema).max(protocolLimits.turnsPerConversation) });

const BackgroundProcessesMessage = z.object({
  type: z.literal('backgroundProcesses'),
  processes: z.array(BackgroundProcessViewSchema).max(protocolLimits.backgroundProcesses),
});

export const HostToWebviewMessageSchema = z.discriminatedUnion('type', [
  StateMessage,
  StatusChangedMessage,
  TurnAppendedMessage,
  AssistantDeltaMessage,
  TurnUpdatedMessage,
  TurnsTruncatedMessage,
  HistoryListMessage,
  MentionResultsMessage,
  SlashResultsMessage,
  ChipsChangedMessage,
  FocusInputMessage,
  SetInputMessage,
  NoticeMessage,
  PendingChangesMessage,
  CheckpointsMessage,
  TaskStateMessage,
  CompactionCardsMessage,
  BackgroundProcessesMessage,
]);
export type HostToWebviewMessage = z.infer<typeof HostToWebviewMessageSchema>;
export type HostToWebviewMessageOf<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;
export type StateMessage = HostToWebviewMessageOf<'state'>;

// ----- Webview -> host --------------------------------------------------------------------------


export const runnableErrorActions = ['setKey', 'topUp', 'wait', 'shortenContext', 'retry', 'openSettings'] as const;
export type RunnableErrorAction = (typeof runnableErrorActions)[number];

const code = z.string().max(protocolLimits.textChars);

// Strict objects: a message from the webview is untrusted input, so unknown fields are an error.
export const WebviewToHostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({
    type: z.literal('send'),
    text,
    chips: z.array(ContextChipSchema).max(protocolLimits.chipsPerMessage),
    images: z.array(ImageAttachmentSchema).max(protocolLimits.imagesPerMessage),
  }),
  z.strictObject({ type: z.literal('stop') }),
  /** Stop on a subagent's card: that subagent alone ends; the turn and the other subagents go on. */
  z.strictObject({ type: z.literal('stopSubagent'), subagentId: id }),
  z.strictObject({ type: z.literal('regenerate') }),
  z.strictObject({ type: z.literal('editAndResend'), turnId: id, text }),
  z.strictObject({ type: z.literal('newChat') }),
  z.strictObject({ type: z.literal('openConversation'), id }),
  z.strictObject({ type: z.literal('renameConversation'), id, title: z.string().trim().min(1).max(protocolLimits.titleChars) }),
  z.strictObject({ type: z.literal('deleteConversation'), id }),
  z.strictObject({ type: z.literal('exportConversation'), id }),
  z.strictObject({ type: z.literal('selectModel'), id: z.string().min(1).max(protocolLimits.labelChars) }),
  z.strictObject({ type: z.literal('setThinking'), enabled: z.boolean() }),
  z.strictObject({ type: z.literal('mentionQuery'), requestId: id, query: z.string().max(protocolLimits.labelChars) }),
  /** The `/` commands matching what follows a leading `/`; the host answers with `slashResults`. */
  z.strictObject({ type: z.literal('slashQuery'), requestId: id, query: z.string().max(protocolLimits.labelChars) }),
  /** A mention picked from the autocomplete; the host answers with `chipsChanged`. */
  z.strictObject({ type: z.literal('addChip'), chip: ContextChipSchema }),
  z.strictObject({ type: z.literal('removeChip'), id }),
  z.strictObject({
    type: z.literal('openLink'),
    url: z.string().max(protocolLimits.urlChars).refine(isOpenableExternalUrl, 'only http and https links can be opened'),
  }),
  z.strictObject({ type: z.literal('copyCode'), code }),
  z.strictObject({ type: z.literal('insertCode'), code }),
  z.strictObject({ type: z.literal('applyCode'), code, language: z.string().max(protocolLimits.idChars).optional() }),
  z.strictObject({ type: z.literal('runAction'), action: z.enum(runnableErrorActions), turnId: id.optional() }),
  /** The user's answer to a tool card in `awaiting-approval`. */
  z.strictObject({ type: z.literal('resolveToolApproval'), toolCallId: z.string().min(1).max(protocolLimits.labelChars), approved: z.boolean() }),
  z.strictObject({ type: z.literal('showHistory') }),
  /** The pending-changes panel: open one change's diff, or answer every open review of the turn. */
  z.strictObject({ type: z.literal('openPendingChange'), reviewId: id }),
  z.strictObject({ type: z.literal('acceptAllPending') }),
  z.strictObject({ type: z.literal('rejectAllPending') }),
  /** Stop on a row of the background-process list. */
  z.strictObject({ type: z.literal('stopBackgroundProcess'), id, owner: id }),
  /**
   * Where the keyboard focus is: in the chat at all (Ctrl+Alt+K I then returns to the editor), and on which
   * answer (null: none; the accessible view opens that one, else the last).
   */
  z.strictObject({ type: z.literal('focusChanged'), chatHasFocus: z.boolean(), answerId: id.nullable() }),
  /** Checkpoints: put the files back as they were before this user message was answered (after a preview and a yes). */
  z.strictObject({ type: z.literal('restoreFiles'), turnId: id }),
  /** Cuts the conversation back to before this user message; its text returns to the input. */
  z.strictObject({ type: z.literal('restoreConversation'), turnId: id }),
  /** The mode switch in the input toolbar. */
  z.strictObject({ type: z.literal('setMode'), mode: z.enum(chatModes) }),
  /** "Approve and run" on a plan, with the plan as the user left it (edited or not). */
  z.strictObject({ type: z.literal('approvePlan'), text: z.string().trim().min(1).max(protocolLimits.textChars) }),
  /** "Build UI from Image" on an attached image: the host starts that command with the image as its target. */
  z.strictObject({ type: z.literal('buildUiFromImage'), image: ImageAttachmentSchema }),
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHostMessageSchema>;
export type WebviewToHostMessageOf<T extends WebviewToHostMessage['type']> = Extract<WebviewToHostMessage, { type: T }>;

// ----- Parsing ----------------------------------------------------------------------------------

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function describeFailure(error: z.ZodError): string {
  // Paths and messages only: never echo the payload, which may be huge or contain user text.
  const issues = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return (issues.join('; ') + more).slice(0, 500);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, error: describeFailure(result.error) };
}

/** Validates a message posted by the webview (untrusted) before the host acts on it. */
export function parseWebviewToHost(raw: unknown): ParseResult<WebviewToHostMessage> {
  return parseWith(WebviewToHostMessageSchema, raw);
}

/** Validates a message from the host before the webview renders it. */
export function parseHostToWebview(raw: unknown): ParseResult<HostToWebviewMessage> {
  return parseWith(HostToWebviewMessageSchema, raw);
}
