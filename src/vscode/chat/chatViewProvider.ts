// Hosts the chat webview in the sidebar (and, on request, in an editor tab): CSP-locked HTML, validated
// incoming messages, and outgoing posts queued until the webview has said `ready`.
import * as vscode from 'vscode';
import { parseWebviewToHost, type HostToWebviewMessage, type WebviewToHostMessage } from '../../common/protocol';
import type { ChatViewTrafficView } from '../api';
import { Disposable } from '../disposable';
import { chatRuntime, chatScript, createNonce, renderChatHtml } from './chatHtml';
import { MessageRateLimiter } from './messageRateLimiter';
import { PendingPosts } from './pendingPosts';

/** The parts of a log channel this class uses; both `vscode.LogOutputChannel` and our `Logger` fit. */
export interface ChatViewLog {
  warn(message: string): void;
  debug(message: string): void;
}

/** Messages a webview may send per window before the rest are dropped: far more than a person can cause. */
const FLOOD_LIMIT_PER_WINDOW = 300;
const FLOOD_WINDOW_MS = 1_000;
const MAX_FLOOD_REPORTS = 20;

/** One place the chat is shown (the sidebar view or an editor tab), with its own readiness and queue. */
class ChatSurface {
  ready = false;
  readonly pending = new PendingPosts();

  constructor(readonly webview: vscode.Webview) {}

  post(message: HostToWebviewMessage): void {
    if (this.ready) {
      void this.webview.postMessage(message);
    } else {
      this.pending.add(message);
    }
  }

  markReadyAndFlush(): void {
    this.ready = true;
    for (const message of this.pending.takeAll()) void this.webview.postMessage(message);
  }
}

export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'kimiAssistant.chatView';
  static readonly panelViewType = 'kimiAssistant.chatPanel';

  private readonly received = this.register(new vscode.EventEmitter<WebviewToHostMessage>());
  /** Every message from any chat surface, already validated against the protocol. */
  readonly onDidReceiveMessage = this.received.event;

  private readonly visibilityChanged = this.register(new vscode.EventEmitter<boolean>());
  readonly onDidChangeVisibility = this.visibilityChanged.event;

  private view: vscode.WebviewView | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private readonly surfaces = new Set<ChatSurface>();
  private readonly surfaceSubscriptions = new Map<ChatSurface, vscode.Disposable>();
  /** Posts made before any surface exists; handed to the first one that appears. */
  private readonly unattached = new PendingPosts();

  private readonly floodLimiter = new MessageRateLimiter(FLOOD_LIMIT_PER_WINDOW, FLOOD_WINDOW_MS);
  private readonly invalidLogLimiter = new MessageRateLimiter(5, 10_000);
  private readonly traffic: ChatViewTrafficView = { received: 0, dropped: 0, floodReports: [] };
  /** Dropped since the current flood began; its count is logged once the flood's window has passed. */
  private droppedInFlood = 0;
  private floodReportTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: ChatViewLog,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, this, {
        webviewOptions: { retainContextWhenHidden: false },
      }),
    );
  }

  get isVisible(): boolean {
    return (this.view?.visible ?? false) || (this.panel?.visible ?? false);
  }

  resolveWebviewView(webviewView: vscode.WebviewView): Promise<void> {
    this.view = webviewView;
    return this.attach(webviewView.webview, webviewView, webviewView.onDidChangeVisibility, () => {
      if (this.view === webviewView) this.view = undefined;
    });
  }

  /** Opens (or reveals) the same chat in an editor tab. */
  openInEditor(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(ChatViewProvider.panelViewType, 'Kimi Chat', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: this.resourceRoots(),
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'kimi-activity.svg');
    this.panel = panel;
    // A failure to set the page is logged by attach().
    this.attach(panel.webview, panel, panel.onDidChangeViewState, () => {
      if (this.panel === panel) this.panel = undefined;
    }).catch(() => undefined);
  }

  post(message: HostToWebviewMessage): void {
    if (this.surfaces.size === 0) {
      this.unattached.add(message);
      return;
    }
    for (const surface of this.surfaces) surface.post(message);
  }

  reveal(preserveFocus: boolean): void {
    if (this.view) {
      this.view.show(preserveFocus);
      return;
    }
    // The view has never been resolved: opening its container resolves it.
    void vscode.commands.executeCommand(preserveFocus ? 'workbench.view.extension.kimiAssistant' : `${ChatViewProvider.viewType}.focus`);
  }

  /** A copy of the counters, so a reader cannot change them. */
  trafficSnapshot(): ChatViewTrafficView {
    return { ...this.traffic, floodReports: this.traffic.floodReports.map((report) => ({ ...report })) };
  }

  /**
   * Takes a message as if a chat webview had posted it, through the same flood limit and validation.
   * Only automation in development and test hosts reaches this (see automation.ts).
   */
  receiveAsWebview(raw: unknown): void {
    this.receive(undefined, raw);
  }

  override dispose(): void {
    if (this.floodReportTimer) clearTimeout(this.floodReportTimer);
    this.panel?.dispose();
    for (const subscription of this.surfaceSubscriptions.values()) subscription.dispose();
    this.surfaceSubscriptions.clear();
    this.surfaces.clear();
    super.dispose();
  }

  private resourceRoots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
  }

  /**
   * Wires the chat up in `webview` until its view or panel (`owner`) is disposed, and resolves once its page is set
   * (posts made before then wait for the page's `ready`, as always).
   */
  private attach(
    webview: vscode.Webview,
    owner: { readonly visible: boolean; readonly onDidDispose: vscode.Event<void> },
    onDidChangeVisibility: vscode.Event<unknown>,
    forget: () => void,
  ): Promise<void> {
    webview.options = { enableScripts: true, localResourceRoots: this.resourceRoots() };
    const surface = new ChatSurface(webview);
    if (this.surfaces.size === 0) {
      for (const message of this.unattached.takeAll()) surface.pending.add(message);
    }
    this.surfaces.add(surface);
    let disposed = false;
    const subscriptions = vscode.Disposable.from(
      webview.onDidReceiveMessage((raw: unknown) => this.receive(surface, raw)),
      onDidChangeVisibility(() => {
        // Without retained context a hidden webview is torn down; it says `ready` again when shown.
        if (!owner.visible) surface.ready = false;
        this.visibilityChanged.fire(this.isVisible);
      }),
    );
    this.surfaceSubscriptions.set(surface, subscriptions);
    owner.onDidDispose(() => {
      disposed = true;
      subscriptions.dispose();
      this.surfaceSubscriptions.delete(surface);
      this.surfaces.delete(surface);
      forget();
    });
    // dist/webview.js, inlined in the page (chatHtml.ts). Read at every opening (150 KB from local disk), so a rebuilt
    // bundle shows the next time the view opens, together with the chunks it imports, which are fetched anew.
    return Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...chatScript))).then(
      (bytes) => {
        const script = new TextDecoder().decode(bytes);
        if (disposed) return;
        webview.html = renderChatHtml({
          cspSource: webview.cspSource,
          nonce: createNonce(),
          script,
          runtimeUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...chatRuntime)).toString(),
        });
      },
      (error: unknown) => {
        this.log.warn(`Chat view: could not read the chat's script (${error instanceof Error ? error.message : String(error)}).`);
        throw error;
      },
    );
  }

  private receive(surface: ChatSurface | undefined, raw: unknown): void {
    this.traffic.received++;
    if (!this.floodLimiter.tryAcquire()) {
      this.countDropped();
      return;
    }
    const parsed = parseWebviewToHost(raw);
    if (!parsed.ok) {
      if (this.invalidLogLimiter.tryAcquire()) this.log.warn(`Chat view: ignored a malformed message (${parsed.error}).`);
      return;
    }
    if (parsed.message.type === 'ready') {
      // Flush first: the host answers `ready` with a fresh `state`, which must land after anything queued.
      surface?.markReadyAndFlush();
    }
    this.received.fire(parsed.message);
  }

  /** Says at once that messages are being dropped, and how many once the flood's window has passed. */
  private countDropped(): void {
    this.traffic.dropped++;
    if (this.droppedInFlood++ > 0) return;
    this.log.warn('Chat view: too many messages from the webview; dropping some.');
    this.floodReportTimer = setTimeout(() => {
      this.floodReportTimer = undefined;
      const logLine = `Chat view: dropped ${this.droppedInFlood} messages from the webview (more than ${FLOOD_LIMIT_PER_WINDOW} a second).`;
      this.log.warn(logLine);
      this.traffic.floodReports.push({ dropped: this.droppedInFlood, logLine });
      if (this.traffic.floodReports.length > MAX_FLOOD_REPORTS) this.traffic.floodReports.shift();
      this.droppedInFlood = 0;
    }, FLOOD_WINDOW_MS);
  }
}
