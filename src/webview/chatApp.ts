// The chat webview's root: lays out the parts, applies each host message to them, and turns clicks on links
// and code-block buttons into host messages (links open only through the host, and only http/https).
import type { HostToWebviewMessage, HostToWebviewMessageOf, StateMessage } from '../common/protocol';
import { isOpenableExternalUrl } from '../common/protocolLimits';
import { Announcer } from './announcer';
import { BackgroundProcessesPanel } from './backgroundProcesses';
import type { ChatContext, NoticeLevel } from './chatContext';
import type { ChatRuntime } from './chatRuntime';
import { Composer } from './composer/composer';
import { ConversationView } from './conversationView';
import { h } from './dom';
import { FrameScheduler } from './frameScheduler';
import { HistoryPanel } from './historyPanel';
import type { HostBridge } from './hostBridge';
import { codeActions, codeOfBlock, type CodeAction } from './markdown/codeBlocks';
import { keepChordKeysOutOfInputs } from './keyChords';
import { MessageNavigation } from './messageNavigation';
import { NoticeArea } from './notices';
import { PendingChangesPanel } from './pendingChanges';
import { TaskPanel } from './taskPanel';
import { TopBar } from './topBar';

export class ChatApp {
  private readonly context: ChatContext;
  private readonly notices = new NoticeArea();
  private readonly announcer = new Announcer();
  private readonly topBar: TopBar;
  private readonly conversation: ConversationView;
  private readonly history: HistoryPanel;
  private readonly composer: Composer;
  private readonly pendingChanges: PendingChangesPanel;
  private readonly taskPanel: TaskPanel;
  private readonly backgroundProcesses: BackgroundProcessesPanel;
  /** Loaded after the UI is drawn; nothing renders markdown before, since only the host's messages carry it. */
  private runtime: ChatRuntime | undefined;

  constructor(
    root: HTMLElement,
    host: HostBridge,
  ) {
    const runtime = () => {
      if (!this.runtime) throw new Error('markdown was rendered before the chat runtime had loaded');
      return this.runtime;
    };
    this.context = {
      host,
      get renderer() {
        return runtime().renderer;
      },
      scheduler: new FrameScheduler(),
      notify: (level: NoticeLevel, message: string) => this.notices.show(level, message),
      announce: (message: string) => this.announcer.announce(message),
    };
    this.topBar = new TopBar(this.context, () => this.toggleHistory());
    this.conversation = new ConversationView(this.context);
    this.history = new HistoryPanel(this.context, () => this.toggleHistory(false));
    this.composer = new Composer(this.context, { lastUserText: () => this.conversation.lastUserText });
    this.pendingChanges = new PendingChangesPanel(this.context);
    this.taskPanel = new TaskPanel(this.context);
    this.backgroundProcesses = new BackgroundProcessesPanel(this.context);
    this.context.scheduler.onAfterFlush(() => this.composer.setBusy(this.conversation.isStreaming));

    // Landmarks: the title bar (banner), the conversation (main), the pending changes and the input
    // (named regions), so a screen reader's landmark list reaches each part and nothing is outside one.
    root.replaceChildren(
      this.topBar.element,
      h('main', { className: 'main' }, this.notices.element, this.conversation.element, this.history.element, this.announcer.element),
      this.taskPanel.element,
      this.pendingChanges.element,
      this.backgroundProcesses.element,
      this.composer.element,
    );
    new MessageNavigation(
      {
        root,
        messages: () => Array.from(this.conversation.element.querySelectorAll<HTMLElement>('.turn')),
        focusInput: () => this.composer.focus(),
        isInput: (element) => element === this.composer.textarea,
      },
      host,
    );
    keepChordKeysOutOfInputs(root);
    root.addEventListener('click', (event) => this.onClick(event));
    // Middle-click would otherwise try to open a link by itself.
    root.addEventListener('auxclick', (event) => {
      if ((event.target as Element).closest('a')) event.preventDefault();
    });
    root.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    root.addEventListener('drop', (event) => {
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      void this.composer.addFiles(files);
    });
  }

  /** With the runtime loaded: restores what VS Code kept for the view, then asks the host for the state. */
  start(runtime: ChatRuntime): void {
    const { host } = this.context;
    this.runtime = runtime;
    host.connect(runtime.validators);
    document.body.classList.toggle('wrap-code', host.loadWrapCode());
    this.composer.restoreDraft(host.loadDraft());
    host.onMessage((message) => this.apply(message));
    host.post({ type: 'ready' });
  }

  /** The runtime chunk did not load: the chat cannot talk to the host, so say so where the user looks. */
  failToStart(error: unknown): void {
    console.error(error);
    this.notices.show('error', 'The chat could not finish loading. Reload the window to try again.');
  }

  /** One handler a message type: the mapped type makes a new message type a compile error until it is handled. */
  private readonly handlers: { [T in HostToWebviewMessage['type']]: (message: HostToWebviewMessageOf<T>) => void } = {
    state: (message) => this.applyState(message),
    statusChanged: (message) => this.applyStatus(message),
    turnAppended: (message) => this.conversation.appendTurn(message.turn),
    assistantDelta: (message) => {
      this.conversation.applyDelta(message.turnId, message.channel, message.text);
      // The retried request is answering: the retry notice has done its job.
      this.notices.clear('retry');
    },
    turnUpdated: (message) => {
      this.conversation.updateTurn(message.turn);
      // A retry notice is about the request in flight: once the answer or its error card is there, it is stale.
      if (message.turn.role === 'assistant' && message.turn.status !== 'streaming') this.notices.clear('retry');
    },
    turnsTruncated: (message) => this.conversation.truncateFrom(message.fromTurnId),
    historyList: (message) => this.history.setItems(message.items),
    mentionResults: (message) => this.composer.receiveMentions(message.requestId, message.items),
    slashResults: (message) => this.composer.receiveSlashCommands(message.requestId, message.items),
    chipsChanged: (message) => this.composer.setChips(message.chips),
    focusInput: () => this.composer.focus(),
    setInput: (message) => this.composer.setText(message.text),
    notice: (message) => this.notices.show(message.level, message.message, message.group),
    pendingChanges: (message) => this.pendingChanges.setChanges(message.changes),
    checkpoints: (message) => this.conversation.setRestorable(message.restorableTurnIds),
    taskState: (message) => {
      this.taskPanel.set(message);
      this.composer.setMode(message.mode);
    },
    compactionCards: (message) => this.conversation.setCompactionCards(message.cards),
    backgroundProcesses: (message) => this.backgroundProcesses.setProcesses(message.processes),
  };

  private apply(message: HostToWebviewMessage): void {
    (this.handlers[message.type] as (message: HostToWebviewMessage) => void)(message);
    this.composer.setBusy(this.conversation.isStreaming);
  }

  private applyState(state: StateMessage): void {
    this.topBar.setTitle(state.conversation?.title ?? '');
    this.topBar.setSessionCost(state.sessionCost);
    this.topBar.setConversationCost(state.conversationCost ?? null);
    this.conversation.setHasKey(state.hasKey);
    this.conversation.show(state.conversation);
    this.history.setItems(state.history);
    this.composer.setModels(state.models, state.selectedModelId);
    this.composer.setThinking(state.thinking);
    this.composer.setThinkingUnavailable(state.thinkingUnavailable);
    this.composer.setContextUsage(state.contextUsage);
    this.composer.setChips(state.chips);
  }

  private applyStatus(status: HostToWebviewMessageOf<'statusChanged'>): void {
    const selectedModelId = status.selectedModelId ?? this.composer.selectedModelId;
    if (status.models) {
      this.composer.setModels(status.models, selectedModelId);
    } else if (status.selectedModelId !== undefined) {
      this.composer.selectModel(status.selectedModelId);
    }
    if (status.thinking !== undefined) this.composer.setThinking(status.thinking);
    if (status.thinkingUnavailable !== undefined) this.composer.setThinkingUnavailable(status.thinkingUnavailable);
    if (status.hasKey !== undefined) this.conversation.setHasKey(status.hasKey);
    if (status.sessionCost !== undefined) this.topBar.setSessionCost(status.sessionCost);
    if (status.conversationCost !== undefined) this.topBar.setConversationCost(status.conversationCost);
    if (status.contextUsage !== undefined) this.composer.setContextUsage(status.contextUsage);
  }

  private toggleHistory(open = !this.history.isOpen): void {
    this.history.setOpen(open);
    this.conversation.element.hidden = open;
    if (!open) this.composer.focus();
  }

  /** One choice for every code block, kept across reloads: a narrow side bar wraps rather than scrolls sideways. */
  private setWrapCode(wrap: boolean): void {
    document.body.classList.toggle('wrap-code', wrap);
    for (const button of document.querySelectorAll('[data-code-action="wrap"]')) button.setAttribute('aria-pressed', String(wrap));
    this.context.host.saveWrapCode(wrap);
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const anchor = target.closest('a');
    if (anchor) {
      // Never let the webview navigate; the host decides what opens.
      event.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if (isOpenableExternalUrl(href)) this.context.host.post({ type: 'openLink', url: href });
      return;
    }
    const actionButton = target.closest<HTMLElement>('[data-code-action]');
    const block = actionButton?.closest('.code-block');
    if (!actionButton || !block) return;
    const action = actionButton.dataset.codeAction as CodeAction;
    if (!codeActions.includes(action)) return;
    const { code, language } = codeOfBlock(block);
    if (action === 'wrap') {
      this.setWrapCode(!document.body.classList.contains('wrap-code'));
    } else if (action === 'copy') {
      this.context.host.post({ type: 'copyCode', code });
      showCopied(actionButton);
      this.context.announce('Copied');
    } else if (action === 'insert') {
      this.context.host.post({ type: 'insertCode', code });
    } else {
      this.context.host.post({ type: 'applyCode', code, ...(language ? { language } : {}) });
    }
  }
}

/** The check and the name "Copied" for a moment: what the eye sees, the screen reader says too. */
function showCopied(copyButton: HTMLElement): void {
  const icon = copyButton.querySelector('.codicon');
  icon?.classList.replace('codicon-copy', 'codicon-check');
  copyButton.setAttribute('aria-label', 'Copied');
  copyButton.title = 'Copied';
  window.setTimeout(() => {
    icon?.classList.replace('codicon-check', 'codicon-copy');
    copyButton.setAttribute('aria-label', 'Copy');
    copyButton.title = 'Copy';
  }, 1500);
}
