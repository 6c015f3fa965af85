// Every message between the extension host and the chat webview, as zod schemas with inferred types.
// The host owns conversations and sends snapshots plus small deltas; the webview renders and sends user intents.
import { z } from 'zod';
import { chatModes } from './modes/modeNames';

/** Limits that keep a hostile or buggy peer from pushing unbounded data across the boundary. */
export const protocolLimits = {
  idChars: 100,
  textChars: 1_048_576,
  titleChars: 200,
  labelChars: 500,
  urlChars: 8_192,
  imageBytes: 5 * 1024 * 1024,
  /** A base64 data URL of `imageBytes` bytes, plus room for its `data:<mime>;base64,` prefix. */
  imageDataUrlChars: Math.ceil((5 * 1024 * 1024 * 4) / 3) + 64,
  imagesPerMessage: 10,
  chipsPerMessage: 100,
  toolCardsPerTurn: 1_000,
  turnsPerConversation: 10_000,
  historyItems: 5_000,
  models: 50,
  mentionResults: 200,
  slashCommands: 200,
  promptArguments: 20,
  pendingChanges: 500,
  subagentsPerTurn: 100,
  backgroundProcesses: 200,
} as const;

const id = z.string().min(1).max(protocolLimits.idChars);
const text = z.string().max(protocolLimits.textChars);
const label = z.string().max(protocolLimits.labelChars);
const count = z.number().int().nonnegative();

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

export const imageMimeTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMimeType = (typeof imageMimeTypes)[number];

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

/** True for the only links the host may open: absolute http(s) URLs. */
export function isOpenableExternalUrl(url: string): boolean {
  if (url.length > protocolLimits.urlChars) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

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
