// Wires the preview feature: the panel, what it follows, Build UI from Image, their commands, and the tap on the
// chat view's posts that feeds the streaming answer's code blocks to the preview.
import * as vscode from 'vscode';
import type { HostToWebviewMessage } from '../../common/protocol';
import type { ChatView } from '../chat/chatController';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { PreviewPanel, type PaintReport } from './previewPanel';
import { isHtmlPath, PreviewSources, type ProposalFeed } from './previewSources';
import { UiFromImage, type CompareRound, type UiChat } from './uiFromImage';

/** What tests and automation may see of the preview. */
export interface PreviewAutomation {
  state(): { open: boolean; revision: number; paintedRevision: number; title: string | undefined; html: string | undefined; file: string | undefined };
  /** The page rasterized in its sandbox, checked to be a PNG of the size it claims. */
  snapshot(): Promise<{ png: string; width: number; height: number }>;
  /** When revisions painted (the extension host's performance.now() scale), the newest 200. */
  paintTimes(): PaintReport[];
  compare(): Promise<CompareRound | undefined>;
  /** Hands a page straight to the panel (no file, no inlining): the bench's measure of the webview path alone. */
  show(html: string): number;
}

export class KimiPreview extends Disposable {
  readonly panel: PreviewPanel;
  readonly sources: PreviewSources;
  private readonly paints: PaintReport[] = [];

  constructor(
    extensionUri: vscode.Uri,
    proposals: ProposalFeed,
    private readonly compareRounds: () => number,
    private readonly log: Logger,
  ) {
    super();
    this.panel = this.register(new PreviewPanel(extensionUri, log));
    this.sources = this.register(new PreviewSources(this.panel, proposals, log));
    this.register(
      this.panel.onDidRender((paint) => {
        this.paints.push(paint);
        if (this.paints.length > 200) this.paints.shift();
      }),
    );
  }

  /** The chat view, with every post also seen by the preview (the answer's code blocks). */
  tapChatView(view: ChatView): ChatView {
    const sources = this.sources;
    return {
      get onDidReceiveMessage() {
        return view.onDidReceiveMessage;
      },
      post(message: HostToWebviewMessage) {
        view.post(message);
        sources.observeChat(message);
      },
      reveal: (preserveFocus) => view.reveal(preserveFocus),
    };
  }

  registerCommands(chat: UiChat): { commands: vscode.Disposable[]; automation: PreviewAutomation } {
    const ui = new UiFromImage({ chat, panel: this.panel, sources: this.sources, compareRounds: this.compareRounds, log: this.log });
    const compareButton = this.panel.onDidRequestCompare(() => void ui.compare());
    const commands = [
      compareButton,
      vscode.commands.registerCommand('kimiAssistant.preview', () => this.openPreview()),
      vscode.commands.registerCommand('kimiAssistant.buildUiFromImage', (args?: unknown) => ui.run(args)),
      vscode.commands.registerCommand('kimiAssistant.compareWithTarget', () => ui.compare()),
    ];
    const automation: PreviewAutomation = {
      state: () => ({
        open: this.panel.isOpen,
        revision: this.panel.currentRevision,
        paintedRevision: this.panel.lastPaintedRevision,
        title: this.panel.currentPage?.title,
        html: this.panel.currentPage?.html,
        file: this.sources.currentFile ? vscode.workspace.asRelativePath(this.sources.currentFile, false) : undefined,
      }),
      snapshot: () => this.panel.snapshot(),
      paintTimes: () => [...this.paints],
      compare: () => ui.compare(),
      show: (html) => this.panel.show(html, 'Shown by automation'),
    };
    return { commands, automation };
  }

  /** Kimi: Preview. Shows the active HTML editor's file, else the chat's code blocks; the editor keeps the focus. */
  private async openPreview(): Promise<void> {
    await this.panel.open();
    const document = vscode.window.activeTextEditor?.document;
    if (document && (document.languageId === 'html' || isHtmlPath(document.uri.path))) {
      await this.sources.follow({ kind: 'document', uri: document.uri, assetsFrom: document.uri, title: vscode.workspace.asRelativePath(document.uri, false) });
    } else if (!this.sources.currentFile) {
      await this.sources.follow({ kind: 'chat' });
    }
  }
}
