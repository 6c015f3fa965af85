// The "Kimi: Preview" panel: a webview beside the editor that shows one page in a sandboxed frame. The host side
// sends versions of the page, asks for its raster, and shows a comparison; every message from the webview is
// validated (the page inside it is untrusted, and so, by extension, is what the webview relays).
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { readPngInfo } from '../../common/preview/png';
import { renderPreviewHtml } from '../../common/preview/previewHtml';
import { parsePreviewToHost, type HostToPreviewMessage, type PreviewToHostMessage } from '../../common/preview/previewProtocol';
import { Disposable } from '../disposable';
import type { Logger } from '../log';

export interface PageSnapshot {
  /** A PNG data URL whose header was checked to be `width` x `height`. */
  png: string;
  width: number;
  height: number;
}

const snapshotTimeoutMs = 25_000;

/** A revision painted; both times on this process's performance.now() scale. */
export interface PaintReport {
  revision: number;
  /** When the host heard it. */
  at: number;
  /** When the frame says it painted (its clock: from the page's realm, for measurement only). */
  paintedAt: number;
}

export class PreviewPanel extends Disposable {
  static readonly viewType = 'kimiAssistant.preview';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private revision = 0;
  private paintedRevision = 0;
  private readonly paintWaiters: { revision: number; resolve: () => void }[] = [];
  private latest: { html: string; title: string } | undefined;
  private readonly waiting = new Map<string, { resolve: (snapshot: PageSnapshot) => void; reject: (error: Error) => void }>();
  private requestCounter = 0;
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<PaintReport>());
  private readonly compareEmitter = this.register(new vscode.EventEmitter<void>());
  private readonly closedEmitter = this.register(new vscode.EventEmitter<void>());
  /** The page of a revision has loaded and painted in the webview. */
  readonly onDidRender = this.renderedEmitter.event;
  /** The user pressed "Compare with target". */
  readonly onDidRequestCompare = this.compareEmitter.event;
  readonly onDidClose = this.closedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The revision of the last page sent (what `onDidRender` reports once it is painted). */
  get currentRevision(): number {
    return this.revision;
  }

  /**
   * While set (a Build UI run), the preview stays in sight: when a review's diff opens over it in its group, it
   * moves beside that group, so the page and the proposal are seen together.
   */
  keepInSight = false;

  /** The revision last painted in the webview (0 before any). */
  get lastPaintedRevision(): number {
    return this.paintedRevision;
  }

  /** Resolves once the page sent last has painted (at once when it has). */
  painted(): Promise<void> {
    const revision = this.revision;
    if (revision <= this.paintedRevision) return Promise.resolve();
    return new Promise((resolve) => this.paintWaiters.push({ revision, resolve }));
  }

  /** The page sent last, as the frame received it (for automation and tests). */
  get currentPage(): { html: string; title: string } | undefined {
    return this.latest;
  }

  /** Opens the panel beside the editor, or reveals it; the editor keeps the focus. */
  async open(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PreviewPanel.viewType, 'Kimi Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // The page runs in a frame that loads nothing: its assets arrive inline, so the webview needs no resource root.
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    this.panel = panel;
    this.ready = false;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(() => {
        if (this.keepInSight && !panel.visible) panel.reveal(vscode.ViewColumn.Beside, true);
      }),
      panel.onDidDispose(() => {
        for (const subscription of subscriptions) subscription.dispose();
        // A panel closed before the one opened since must not reset the new one's state.
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        this.paintedRevision = 0;
        for (const waiter of this.paintWaiters.splice(0)) waiter.resolve();
        for (const [, waiter] of this.waiting) waiter.reject(new Error('The preview was closed.'));
        this.waiting.clear();
        this.closedEmitter.fire();
      }),
    ];
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const [script, styles] = await Promise.all([readFile(vscode.Uri.joinPath(dist, 'preview.js').fsPath, 'utf8'), readFile(vscode.Uri.joinPath(dist, 'preview.css').fsPath, 'utf8')]);
    panel.webview.html = renderPreviewHtml({ script, styles });
  }

  /** Shows a new version of the page; returns its revision (the current one when nothing changed: no reload). */
  show(html: string, title: string): number {
    if (this.latest?.html === html && this.latest.title === title) return this.revision;
    this.latest = { html, title };
    this.revision++;
    if (this.ready) this.post({ type: 'render', revision: this.revision, html, title });
    return this.revision;
  }

  /** The page as the webview paints it now, rasterized inside its sandbox. */
  snapshot(): Promise<PageSnapshot> {
    if (!this.panel || !this.ready) return Promise.reject(new Error('Open the preview first (Kimi: Preview).'));
    const requestId = `raster-${++this.requestCounter}`;
    return new Promise<PageSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error('The preview did not send its snapshot in time.'));
      }, snapshotTimeoutMs);
      this.waiting.set(requestId, {
        resolve: (snapshot) => (clearTimeout(timer), resolve(snapshot)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.post({ type: 'rasterize', requestId });
    });
  }

  showComparison(target: string, snapshot: string): void {
    this.post({ type: 'comparison', target, snapshot });
  }

  setStatus(text: string): void {
    this.post({ type: 'status', text: text.slice(0, 300) });
  }

  private post(message: HostToPreviewMessage): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parsePreviewToHost(raw);
    if (!parsed.ok) {
      this.log.warn(`Preview: ignored an invalid message from the webview (${parsed.error}).`);
      return;
    }
    await this.handle(parsed.message);
  }

  private async handle(message: PreviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const runtime = await readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'previewFrame.js').fsPath, 'utf8');
        this.post({ type: 'runtime', source: runtime });
        if (this.latest) this.post({ type: 'render', revision: this.revision, html: this.latest.html, title: this.latest.title });
        return;
      }
      case 'rendered':
        this.paintedRevision = Math.max(this.paintedRevision, message.revision);
        for (const waiter of this.paintWaiters.splice(0)) {
          if (waiter.revision <= this.paintedRevision) waiter.resolve();
          else this.paintWaiters.push(waiter);
        }
        this.renderedEmitter.fire({ revision: message.revision, at: performance.now(), paintedAt: message.paintedAt - performance.timeOrigin });
        return;
      case 'compare':
        this.compareEmitter.fire();
        return;
      case 'snapshot': {
        const waiter = this.waiting.get(message.requestId);
        if (!waiter) return;
        this.waiting.delete(message.requestId);
        // The page can forge this message: the PNG must really be one, of the size it claims.
        const info = readPngInfo(message.png);
        if (!info || info.width !== message.width || info.height !== message.height) {
          waiter.reject(new Error('The preview sent a snapshot that is not a PNG of the size it claims.'));
          return;
        }
        waiter.resolve({ png: message.png, width: message.width, height: message.height });
        return;
      }
      case 'snapshotFailed': {
        const waiter = this.waiting.get(message.requestId);
        this.waiting.delete(message.requestId);
        waiter?.reject(new Error(`The page could not be rasterized: ${message.reason}`));
        return;
      }
    }
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
