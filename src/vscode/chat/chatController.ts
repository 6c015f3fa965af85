// Drives the chat view: turns the webview's validated intents into conversation changes and model turns,
// and keeps the view in step with the stored conversation (the host is the source of truth).
import * as vscode from 'vscode';
import { buildUserMessage } from '../../common/context/userMessage';
import { ConversationStore } from '../../common/conversations/store';
import type { StoredAssistantTurn, StoredConversation, StoredUserTurn } from '../../common/conversations/model';
import { recoverInterruptedTurns, titleFrom, toApiHistory, toConversationView, toMarkdown, toTurnView } from '../../common/conversations/viewModel';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../../common/context/tokens';
import type { ContextChip, ConversationView, HostToWebviewMessage, ImageAttachment, WebviewToHostMessage, WebviewToHostMessageOf } from '../../common/protocol';
import { isOpenableExternalUrl } from '../../common/protocol';
import type { ContextChips } from '../context/contextChips';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import type { ModelChoice } from './modelChoice';
import type { TurnRunner } from './turnRunner';
import type { CodeBlockActions } from './codeBlockActions';

export interface ChatView {
  readonly onDidReceiveMessage: vscode.Event<WebviewToHostMessage>;
  post(message: HostToWebviewMessage): void;
  reveal(preserveFocus: boolean): void;
}

export interface ChatControllerDeps {
  view: ChatView;
  store: ConversationStore;
  chips: ContextChips;
  models: ModelChoice;
  runner: TurnRunner;
  codeBlocks: CodeBlockActions;
  log: Logger;
  /** The conversation to reopen after a reload. */
  lastConversation: { get(): string | undefined; set(id: string | undefined): void };
}

export class ChatController extends Disposable {
  private conversation: StoredConversation | undefined;
  private running: { turnId: string; abort: AbortController; done: Promise<void> } | undefined;
  private sessionCostUsd = 0;
  private sessionCostEstimated = false;
  private contextTokens = 0;
  private readonly sessionCostChanged = this.register(new vscode.EventEmitter<{ usd: number; estimated: boolean }>());
  readonly onDidChangeSessionCost = this.sessionCostChanged.event;

  constructor(private readonly deps: ChatControllerDeps) {
    super();
    this.register(deps.view.onDidReceiveMessage((message) => void this.handle(message)));
    this.register(deps.chips.onDidChange((chips) => deps.view.post({ type: 'chipsChanged', chips })));
    this.register(deps.models.onDidChange(() => void this.postStatus()));
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** What the chat view shows now (for automation and tests). */
  snapshot(): ConversationView | undefined {
    return this.conversation ? toConversationView(this.conversation) : undefined;
  }

  /** Starts a message from outside the view (inline commands); the view is revealed without taking focus. */
  async ask(text: string, chips: ContextChip[]): Promise<void> {
    this.deps.view.reveal(true);
    await this.send({ type: 'send', text, chips, images: [] });
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }

  private async handle(message: WebviewToHostMessage): Promise<void> {
    try {
      await this.dispatch(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Chat action ${message.type} failed: ${text}`);
      this.deps.view.post({ type: 'notice', level: 'error', message: `Something went wrong: ${text}` });
    }
  }

  private async dispatch(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.postState();
      case 'send':
        return this.send(message);
      case 'stop':
        return this.stop();
      case 'regenerate':
        return this.regenerate();
      case 'editAndResend':
        return this.editAndResend(message);
      case 'newChat':
        return this.newChat();
      case 'openConversation':
        return this.open(message.id);
      case 'renameConversation':
        return this.rename(message.id, message.title);
      case 'deleteConversation':
        return this.delete(message.id);
      case 'exportConversation':
        return this.export(message.id);
      case 'selectModel':
        return this.deps.models.select(message.id);
      case 'setThinking':
        return this.deps.models.setThinking(message.enabled);
      case 'mentionQuery':
        return this.deps.view.post({ type: 'mentionResults', requestId: message.requestId, items: await this.deps.chips.search(message.query) });
      case 'addChip': {
        const refusal = await this.deps.chips.add(message.chip);
        if (refusal) this.deps.view.post({ type: 'notice', level: 'warning', message: refusal });
        return;
      }
      case 'removeChip':
        return this.deps.chips.remove(message.id);
      case 'openLink':
        if (isOpenableExternalUrl(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'copyCode':
        return this.deps.codeBlocks.copy(message.code);
      case 'insertCode':
        return this.deps.codeBlocks.insert(message.code);
      case 'applyCode':
        return this.deps.codeBlocks.apply(message.code);
      case 'runAction':
        return this.runAction(message.action);
      case 'resolveToolApproval':
        return this.deps.runner.resolveApproval(message.toolCallId, message.approved);
      case 'showHistory':
        return this.deps.view.post({ type: 'historyList', items: await this.deps.store.list() });
    }
  }

  private async send(message: WebviewToHostMessageOf<'send'>): Promise<void> {
    if (this.running) {
      this.deps.view.post({ type: 'notice', level: 'warning', message: 'Kimi is still answering. Stop it first, or wait.' });
      return;
    }
    const images = message.images;
    if (images.length > 0 && !this.deps.models.current().acceptsImages) {
      this.deps.view.post({ type: 'notice', level: 'error', message: `${this.deps.models.current().label} does not accept images. Remove them or pick a model that does.` });
      return;
    }
    const { chips, blocks } = await this.deps.chips.resolve(message.chips);
    const userTurn: StoredUserTurn = {
      role: 'user',
      id: ConversationStore.newId(),
      text: message.text,
      chips,
      images,
      message: buildUserMessage({ text: message.text, context: blocks, imageDataUrls: images.map((image: ImageAttachment) => image.dataUrl) }),
    };
    this.deps.chips.clear();
    const isNew = this.conversation === undefined;
    const conversation = this.conversation ?? this.createConversation(message.text);
    conversation.turns.push(userTurn);
    // A new conversation, or a rewritten first message, brings its title and a history entry: the view gets it whole.
    if (isNew || conversation.turns.length === 1) await this.postState();
    else this.deps.view.post({ type: 'turnAppended', turn: toTurnView(userTurn) });
    await this.runAssistantTurn(conversation);
  }

  private async regenerate(): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || this.running) return;
    const last = conversation.turns.at(-1);
    if (last?.role !== 'assistant') return;
    conversation.turns.pop();
    this.deps.view.post({ type: 'turnsTruncated', fromTurnId: last.id });
    await this.runAssistantTurn(conversation);
  }

  private async editAndResend(message: WebviewToHostMessageOf<'editAndResend'>): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || this.running) return;
    const index = conversation.turns.findIndex((turn) => turn.id === message.turnId && turn.role === 'user');
    const original = conversation.turns[index];
    if (index < 0 || original?.role !== 'user') return;
    conversation.turns.splice(index);
    this.deps.view.post({ type: 'turnsTruncated', fromTurnId: original.id });
    // The title was made from the first message: a rewritten first message gets a new one, unless the user renamed it.
    if (index === 0 && conversation.title === titleFrom(original.text)) conversation.title = titleFrom(message.text);
    await this.send({ type: 'send', text: message.text, chips: original.chips, images: original.images });
  }

  private async runAssistantTurn(conversation: StoredConversation): Promise<void> {
    const turn: StoredAssistantTurn = {
      role: 'assistant',
      id: ConversationStore.newId(),
      messages: [],
      reasoning: '',
      text: '',
      toolCards: [],
      status: 'streaming',
      model: this.deps.models.current().label,
      startedAt: Date.now(),
    };
    conversation.turns.push(turn);
    conversation.updatedAt = Date.now();
    this.deps.view.post({ type: 'turnAppended', turn: toTurnView(turn) });
    await this.save(conversation);

    const abort = new AbortController();
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.running = { turnId: turn.id, abort, done };
    try {
      const outcome = await this.deps.runner.run(conversation, turn, {
        post: (update) => this.deps.view.post(update),
        persist: (complete) => this.persistSoon(conversation, complete),
        signal: abort.signal,
      });
      if (outcome.contextTokens > 0) this.contextTokens = outcome.contextTokens;
      if (turn.cost) {
        this.sessionCostUsd += turn.cost.usd;
        this.sessionCostEstimated ||= turn.cost.estimated;
        this.sessionCostChanged.fire({ usd: this.sessionCostUsd, estimated: this.sessionCostEstimated });
      }
    } finally {
      this.running = undefined;
      conversation.updatedAt = Date.now();
      await this.save(conversation);
      finished();
      await this.postStatus();
    }
  }

  private pendingSave: ReturnType<typeof setTimeout> | undefined;

  /** Complete events are saved at once; streamed text at most once a second (a crash loses at most that second). */
  private persistSoon(conversation: StoredConversation, complete: boolean): void {
    if (complete) {
      if (this.pendingSave) clearTimeout(this.pendingSave);
      this.pendingSave = undefined;
      void this.save(conversation);
      return;
    }
    this.pendingSave ??= setTimeout(() => {
      this.pendingSave = undefined;
      void this.save(conversation);
    }, 1000);
  }

  private async save(conversation: StoredConversation): Promise<void> {
    try {
      await this.deps.store.save(structuredClone(conversation));
    } catch (error) {
      this.deps.log.error(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private createConversation(firstText: string): StoredConversation {
    const now = Date.now();
    const conversation: StoredConversation = { version: 1, id: ConversationStore.newId(), title: titleFrom(firstText), createdAt: now, updatedAt: now, turns: [] };
    this.conversation = conversation;
    this.deps.lastConversation.set(conversation.id);
    return conversation;
  }

  async newChat(): Promise<void> {
    await this.stop();
    this.conversation = undefined;
    this.contextTokens = 0;
    this.deps.lastConversation.set(undefined);
    await this.postState();
    this.deps.view.post({ type: 'focusInput' });
  }

  private async open(id: string): Promise<void> {
    await this.stop();
    const loaded = await this.deps.store.load(id);
    if (!loaded) {
      this.deps.view.post({ type: 'notice', level: 'error', message: 'That conversation could not be opened (it may have been deleted or damaged).' });
      return;
    }
    this.conversation = recoverInterruptedTurns(loaded);
    this.contextTokens = estimateConversationTokens(this.conversation);
    this.deps.lastConversation.set(id);
    await this.postState();
  }

  /** Reopens the conversation of the previous session, if any (after a reload or restart). */
  async restore(): Promise<void> {
    const id = this.deps.lastConversation.get();
    if (!id) return;
    const loaded = await this.deps.store.load(id);
    if (loaded) {
      this.conversation = recoverInterruptedTurns(loaded);
      this.contextTokens = estimateConversationTokens(this.conversation);
      if (this.conversation !== loaded) await this.save(this.conversation);
    }
  }

  private async rename(id: string, title: string): Promise<void> {
    const conversation = id === this.conversation?.id ? this.conversation : await this.deps.store.load(id);
    if (!conversation) return;
    conversation.title = title.trim();
    await this.save(conversation);
    await this.postState();
  }

  private async delete(id: string): Promise<void> {
    if (id === this.conversation?.id) {
      await this.stop();
      this.conversation = undefined;
      this.deps.lastConversation.set(undefined);
    }
    await this.deps.store.delete(id);
    await this.postState();
  }

  private async export(id: string): Promise<void> {
    const conversation = id === this.conversation?.id ? this.conversation : await this.deps.store.load(id);
    if (!conversation) return;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: toMarkdown(conversation) });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  private async runAction(action: WebviewToHostMessageOf<'runAction'>['action']): Promise<void> {
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

  async postState(): Promise<void> {
    const status = await this.deps.models.status();
    this.deps.view.post({
      type: 'state',
      conversation: this.conversation ? toConversationView(this.conversation) : null,
      history: await this.deps.store.list(),
      ...status,
      sessionCost: this.sessionCostUsd > 0 ? { usd: this.sessionCostUsd, estimated: this.sessionCostEstimated } : null,
      contextUsage: { used: this.contextTokens, window: this.deps.models.current().contextWindow },
      chips: this.deps.chips.current(),
    });
  }

  private async postStatus(): Promise<void> {
    const status = await this.deps.models.status();
    this.deps.view.post({
      type: 'statusChanged',
      ...status,
      sessionCost: this.sessionCostUsd > 0 ? { usd: this.sessionCostUsd, estimated: this.sessionCostEstimated } : null,
      contextUsage: { used: this.contextTokens, window: this.deps.models.current().contextWindow },
    });
  }
}

/** Until the provider reports usage for a reopened conversation, the meter shows an estimate of its history. */
function estimateConversationTokens(conversation: StoredConversation): number {
  const images = /data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g;
  const text = JSON.stringify(toApiHistory(conversation));
  return estimateTokens(text.replace(images, '')) + (text.match(images)?.length ?? 0) * IMAGE_TOKEN_ESTIMATE;
}
