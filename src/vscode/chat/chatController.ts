// Drives the chat view: routes the webview's validated intents to the conversation history, the turns of
// the open conversation, the context chips, the model choice and the code block actions, and keeps the view
// in step with the stored conversation (the host is the source of truth).
import * as vscode from 'vscode';
import type { ApprovalBroker } from '../../common/agent/approvals';
import type { TurnEnvironment } from '../../common/chat/assistantTurn';
import { ConversationSaves } from '../../common/chat/conversationSaves';
import { TurnOrchestrator } from '../../common/chat/turnOrchestrator';
import type { ConversationStore } from '../../common/conversations/store';
import { answerAsMarkdown, toConversationView } from '../../common/conversations/viewModel';
import type { ContextChip, ConversationView, CostView, HostToWebviewMessage, HostToWebviewMessageOf, ImageAttachment, PendingChangeView, RunnableErrorAction, WebviewToHostMessage, WebviewToHostMessageOf } from '../../common/protocol';
import type { SlashCommandSource } from '../../common/mcp/promptCommands';
import { matchBuiltinCommands, parseCompactCommand } from '../../common/compaction/compactCommand';
import { compactionCardsMessage } from '../../common/compaction/compactionCards';
import { approvedPlanMessage, modeContextBlock } from '../../common/modes/chatModes';
import type { ChatMode } from '../../common/modes/modeNames';
import { proposedPlan } from '../../common/modes/plans';
import type { TodoItem } from '../../common/todo/todoTool';
import type { BackgroundProcesses } from '../../common/tools/backgroundProcesses';
import { isOpenableExternalUrl, protocolLimits } from '../../common/protocol';
import type { ContextChips } from '../context/contextChips';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { ChatRewind, type ChatCheckpoints } from './chatRewind';
import { ChatStatus } from './chatStatus';
import type { CodeBlockActions } from './codeBlockActions';
import { ConversationHistory, type LastConversation } from './conversationHistory';
import { taskStateMessage, type ChatModeState } from './longTask';
import type { ModelChoice } from './modelChoice';

export interface ChatView {
  readonly onDidReceiveMessage: vscode.Event<WebviewToHostMessage>;
  post(message: HostToWebviewMessage): void;
  reveal(preserveFocus: boolean): void;
}

/** The turn's proposed changes (the change review): listed above the input, answered all at once from there. */
export interface PendingChangesFeed {
  readonly onDidChange: vscode.Event<void>;
  pendingChanges(): PendingChangeView[];
  open(reviewId: string): Promise<void>;
  acceptEverything(): Promise<void>;
  rejectEverything(): void;
  /** A turn starts: its proposals make a new list. */
  beginBatch(): void;
}

export interface ChatControllerDeps {
  view: ChatView;
  store: ConversationStore;
  chips: ContextChips;
  models: ModelChoice;
  environment: TurnEnvironment;
  approvals: ApprovalBroker;
  codeBlocks: CodeBlockActions;
  log: Logger;
  lastConversation: LastConversation;
  /** Optional so hosts without a change review (and older wiring) still build; without it the panel stays hidden. */
  reviews?: PendingChangesFeed;
  /** The `/` commands (MCP prompts); without it the `/` list offers only the built-in ones. */
  slashCommands?: SlashCommandSource;
  /** Checkpoints and rewind; without them no checkpoint is kept and only the conversation can be restored. */
  checkpoints?: ChatCheckpoints;
  /** The chat mode and the long task's view (todo list, plan, compaction cards). */
  modes: ChatModeState;
  /** Background processes the agent started: Stop on a row of the chat's list stops one. */
  backgroundProcesses?: Pick<BackgroundProcesses, 'stop'>;
}

/** One handler per message type: the compiler checks that every message the webview may send is handled. */
type MessageRoutes = { [Type in WebviewToHostMessage['type']]: (message: WebviewToHostMessageOf<Type>) => Promise<void> | void };

export class ChatController extends Disposable {
  private readonly turns: TurnOrchestrator;
  private readonly status: ChatStatus;
  private readonly history: ConversationHistory;
  private readonly routes: MessageRoutes;
  private readonly rewind: ChatRewind;
  private readonly sessionCostChanged = this.register(new vscode.EventEmitter<CostView>());
  /** Where the webview says the keyboard focus is: the accessible view opens the focused answer, Ctrl+Alt+K I toggles. */
  private focus: { chatHasFocus: boolean; answerId: string | null } = { chatHasFocus: false, answerId: null };
  readonly onDidChangeSessionCost = this.sessionCostChanged.event;
  private readonly conversationShown = this.register(new vscode.EventEmitter<string | undefined>());
  /** The conversation the chat shows now (undefined: none); background processes of another one are stopped. */
  readonly onDidShowConversation = this.conversationShown.event;

  constructor(private readonly deps: ChatControllerDeps) {
    super();
    const post = (message: HostToWebviewMessage) => {
      deps.view.post(message);
      // A redrawn view or a finished turn: which messages can restore files may have changed.
      if (message.type === 'state' || message.type === 'statusChanged') void this.rewind.refresh();
      // Every change of the open conversation (new chat, open, delete, a first message) redraws the whole state.
      if (message.type === 'state') this.conversationShown.fire(message.conversation?.id);
    };
    const saves = new ConversationSaves({ save: (conversation) => deps.store.save(conversation), logError: (message) => deps.log.error(message) });
    this.turns = new TurnOrchestrator({
      environment: deps.environment,
      saves,
      view: { post, redraw: () => this.status.postState(), statusChanged: () => this.status.postStatus() },
      onConversationStarted: (id) => deps.lastConversation.set(id),
      onSessionCost: (cost) => this.sessionCostChanged.fire(cost),
      now: () => Date.now(),
      warn: (line) => deps.log.warn(line),
      ...(deps.checkpoints ? { checkpoints: deps.checkpoints.checkpoints } : {}),
    });
    this.rewind = new ChatRewind({ turns: this.turns, saves, post, checkpoints: deps.checkpoints, warn: (line) => deps.log.warn(line) });
    // Every header refresh carries the long task's state; a full redraw, the compaction cards too.
    const postWithTask = (message: HostToWebviewMessage) => {
      post(message);
      if (message.type === 'state') post(compactionCardsMessage(this.turns.conversation));
      if (message.type === 'state' || message.type === 'statusChanged') this.postTaskState();
    };
    this.status = new ChatStatus({ post: postWithTask, models: deps.models, turns: this.turns, store: deps.store, chips: deps.chips });
    this.history = new ConversationHistory({ store: deps.store, saves, turns: this.turns, status: this.status, post, lastConversation: deps.lastConversation });
    this.routes = this.createRoutes();
    this.register(deps.view.onDidReceiveMessage((message) => void this.handle(message)));
    this.register(deps.chips.onDidChange((chips) => post({ type: 'chipsChanged', chips })));
    this.register(deps.models.onDidChange(() => void this.status.postStatus()));
    this.register(deps.modes.onDidChange(() => this.postTaskState()));
    this.register(deps.modes.onDidReportTodos((todos) => this.postTaskState(todos)));
    const reviews = deps.reviews;
    if (reviews) this.register(reviews.onDidChange(() => post({ type: 'pendingChanges', changes: reviews.pendingChanges() })));
  }

  get isRunning(): boolean {
    return this.turns.isRunning;
  }

  /** The open conversation: it owns the background processes its turns start. */
  get conversationId(): string | undefined {
    return this.turns.conversation?.id;
  }

  /** What the chat view shows now (for automation and tests). */
  snapshot(): ConversationView | undefined {
    const conversation = this.turns.conversation;
    return conversation ? toConversationView(conversation) : undefined;
  }

  /** The open conversation's cost, as the top bar shows it (for automation and tests). */
  conversationCost(): CostView | null {
    return this.turns.meters().conversationCost;
  }

  /** Starts a message from outside the view (inline commands, Build UI from Image); the view is revealed without taking focus. */
  async ask(text: string, chips: ContextChip[], images: ImageAttachment[] = []): Promise<void> {
    this.deps.view.reveal(true);
    await this.send({ type: 'send', text, chips, images });
  }

  /** The focused answer, or the last one, as markdown (Kimi: Open Answer in Accessible View). */
  answerForAccessibleView(): ReturnType<typeof answerAsMarkdown> {
    const conversation = this.turns.conversation;
    return conversation ? answerAsMarkdown(conversation, this.focus.answerId) : undefined;
  }

  /** True while the keyboard focus is inside the chat webview. */
  get hasFocus(): boolean {
    return this.focus.chatHasFocus;
  }

  /** Puts the keyboard focus in the chat's message input, revealing the view first. */
  focusInput(): void {
    this.deps.view.reveal(false);
    this.deps.view.post({ type: 'focusInput' });
  }

  stop(): Promise<void> {
    return this.turns.stop();
  }

  newChat(): Promise<void> {
    return this.history.newChat();
  }

  /** Reopens the conversation of the previous session, if any (after a reload or restart). */
  restore(): Promise<void> {
    return this.history.restore();
  }

  postState(): Promise<void> {
    return this.status.postState();
  }

  setMode(mode: ChatMode): Promise<void> {
    return this.deps.modes.setMode(mode);
  }

  /** "Approve and run": switches to Agent and sends the plan (as the user left it, or as proposed) to be carried out. */
  async approvePlan(editedText?: string): Promise<void> {
    if (this.turns.refuseWhileRunning()) return;
    const conversation = this.turns.conversation;
    const plan = proposedPlan(conversation);
    if (!conversation || !plan) {
      this.deps.view.post({ type: 'notice', level: 'info', message: 'No plan is waiting for approval. Switch to Plan mode and ask for one first.' });
      return;
    }
    plan.status = 'approved';
    await this.deps.modes.setMode('agent');
    const { text, context } = approvedPlanMessage(editedText?.trim() || plan.text);
    this.deps.reviews?.beginBatch();
    await this.turns.send({ text, chips: [], images: [], context, mode: 'agent' });
  }

  /** Compacts the open conversation now (the command and `/compact`). */
  async compact(instruction?: string): Promise<void> {
    await this.turns.compact(instruction);
  }

  /** The mode, todo list, waiting plan and compactions, as the chat shows them (for automation and tests). */
  longTaskSnapshot(): { task: HostToWebviewMessageOf<'taskState'>; compactions: HostToWebviewMessageOf<'compactionCards'> } {
    return { task: taskStateMessage(this.deps.modes.mode, this.turns.conversation), compactions: compactionCardsMessage(this.turns.conversation) };
  }

  private postTaskState(liveTodos?: TodoItem[]): void {
    this.deps.view.post(taskStateMessage(this.deps.modes.mode, this.turns.conversation, liveTodos));
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    try {
      await (this.routes[message.type] as (message: WebviewToHostMessage) => Promise<void> | void)(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Chat action ${message.type} failed: ${text}`);
      this.deps.view.post({ type: 'notice', level: 'error', message: `Something went wrong: ${text}` });
    }
  }

  private createRoutes(): MessageRoutes {
    const { chips, models, codeBlocks, view } = this.deps;
    return {
      ready: async () => {
        await this.status.postState();
        if (this.deps.reviews) view.post({ type: 'pendingChanges', changes: this.deps.reviews.pendingChanges() });
      },
      send: (message) => this.send(message),
      stop: () => this.stop(),
      stopSubagent: (message) => {
        if (!this.deps.environment.subagents?.scheduler.stop(message.subagentId)) this.deps.log.warn(`Ignored a stop for subagent ${message.subagentId}: it is not running.`);
      },
      regenerate: () => this.regenerate(),
      editAndResend: (message) => this.editAndResend(message),
      newChat: () => this.newChat(),
      openConversation: (message) => this.history.open(message.id),
      renameConversation: (message) => this.history.rename(message.id, message.title),
      deleteConversation: async (message) => {
        await this.history.delete(message.id);
        // Its checkpoints go with it: no message is left to restore to.
        await this.deps.checkpoints?.forget(message.id);
      },
      exportConversation: (message) => this.history.export(message.id),
      showHistory: () => this.history.postList(),
      selectModel: (message) => models.select(message.id),
      setThinking: (message) => models.setThinking(message.enabled),
      mentionQuery: async (message) => view.post({ type: 'mentionResults', requestId: message.requestId, items: await chips.search(message.query) }),
      slashQuery: async (message) => {
        const items = [...matchBuiltinCommands(message.query), ...((await this.deps.slashCommands?.search(message.query)) ?? [])];
        view.post({ type: 'slashResults', requestId: message.requestId, items: items.slice(0, protocolLimits.slashCommands) });
      },
      addChip: async (message) => {
        const refusal = await chips.add(message.chip);
        if (refusal) view.post({ type: 'notice', level: 'warning', message: refusal });
      },
      removeChip: (message) => chips.remove(message.id),
      openLink: async (message) => {
        if (isOpenableExternalUrl(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
      },
      copyCode: (message) => codeBlocks.copy(message.code),
      insertCode: (message) => codeBlocks.insert(message.code),
      applyCode: (message) => codeBlocks.apply(message.code),
      runAction: (message) => this.runAction(message.action),
      resolveToolApproval: (message) => this.resolveApproval(message.toolCallId, message.approved),
      openPendingChange: (message) => this.deps.reviews?.open(message.reviewId),
      acceptAllPending: () => this.deps.reviews?.acceptEverything(),
      rejectAllPending: () => this.deps.reviews?.rejectEverything(),
      stopBackgroundProcess: async (message) => void (await this.deps.backgroundProcesses?.stop(message.id, message.owner)),
      focusChanged: (message) => {
        this.focus = { chatHasFocus: message.chatHasFocus, answerId: message.answerId };
      },
      restoreFiles: (message) => this.rewind.restoreFiles(message.turnId),
      restoreConversation: (message) => this.rewind.restoreConversation(message.turnId),
      setMode: (message) => this.setMode(message.mode),
      approvePlan: (message) => this.approvePlan(message.text),
      buildUiFromImage: (message) => void vscode.commands.executeCommand('kimiAssistant.buildUiFromImage', { image: message.image }),
    };
  }

  private async send(message: WebviewToHostMessageOf<'send'>): Promise<void> {
    if (this.turns.refuseWhileRunning()) return;
    const compact = parseCompactCommand(message.text);
    if (compact) return this.compact(compact.instruction);
    const model = this.deps.models.current();
    if (message.images.length > 0 && !model.acceptsImages) {
      this.deps.view.post({ type: 'notice', level: 'error', message: `${model.label} does not accept images. Remove them or pick a model that does.` });
      return;
    }
    // A `/mcp.<server>.<prompt>` message is the prompt's text and images; a bad one goes back to the box with why.
    const expanded = (await this.deps.slashCommands?.expand(message.text, { acceptImages: model.acceptsImages })) ?? { kind: 'none' };
    if (expanded.kind === 'invalid') {
      this.deps.view.post({ type: 'notice', level: 'warning', message: expanded.message.slice(0, protocolLimits.urlChars) });
      this.deps.view.post({ type: 'setInput', text: message.text });
      return;
    }
    const text = expanded.kind === 'expanded' ? expanded.text : message.text;
    const typedImages = expanded.kind === 'expanded' ? [...message.images, ...expanded.images].slice(0, protocolLimits.imagesPerMessage) : message.images;
    const { chips, blocks, images, problems } = await this.deps.chips.resolve(message.chips, { acceptImages: model.acceptsImages, imagesSoFar: typedImages.length });
    for (const problem of problems) this.deps.view.post({ type: 'notice', level: 'warning', message: problem.slice(0, protocolLimits.urlChars) });
    this.deps.chips.clear();
    this.deps.reviews?.beginBatch();
    // The mode's note travels in the message (stored with it), so the system prompt stays the same in every mode.
    const mode = this.deps.modes.mode;
    const modeNote = modeContextBlock(mode);
    await this.turns.send({ text, chips, images: [...typedImages, ...images], context: modeNote ? [...blocks, modeNote] : blocks, mode });
  }

  private async regenerate(): Promise<void> {
    await this.turns.regenerate();
  }

  private async editAndResend(message: WebviewToHostMessageOf<'editAndResend'>): Promise<void> {
    const original = this.turns.rewindTo(message.turnId, message.text);
    // The original's chips are resolved again: the files they name may have changed since.
    if (original) await this.send({ type: 'send', text: message.text, chips: original.chips, images: original.images });
  }

  private resolveApproval(toolCallId: string, approved: boolean): void {
    if (!this.deps.approvals.answer(toolCallId, approved)) {
      this.deps.log.warn(`Ignored an approval for ${toolCallId}: nothing was waiting for it.`);
    }
  }

  private async runAction(action: RunnableErrorAction): Promise<void> {
    switch (action) {
      case 'setKey':
        await vscode.commands.executeCommand('kimiAssistant.setApiKey');
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'kimiAssistant');
        return;
      case 'topUp': {
        const url = this.deps.models.billingUrl();
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        return;
      }
      case 'retry':
        return this.regenerate();
      case 'shortenContext':
        return this.newChat();
      case 'wait':
        return;
    }
  }
}
