// What the preview shows and keeps up to date: an HTML document of the workspace (live as it is typed, saved or
// changed on disk), a proposal under review (its editable scratch copy, then the file once accepted), or the
// HTML/CSS/JS blocks of the answer the chat is streaming.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { pageFromCodeBlocks } from '../../common/preview/codeBlockPage';
import { inlineLocalAssets } from '../../common/preview/pageAssets';
import type { HostToWebviewMessage } from '../../common/protocol';
import { watchFileChanges, type FileChangeWatch } from '../../node/fileChangeWatch';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import type { ReviewSession } from '../review/changeReview';
import type { PreviewPanel } from './previewPanel';
import { workspaceAssetLoader } from './workspaceAssets';

export type PreviewSource =
  /** `uri` is read; `assetsFrom` is the file whose folder relative assets resolve against (the real file of a proposal). */
  | { kind: 'document'; uri: vscode.Uri; assetsFrom: vscode.Uri; title: string }
  | { kind: 'chat' };

export const isHtmlPath = (path: string): boolean => /\.x?html?$/i.test(path);

/** The part of the change review the preview follows: the proposals, with their scratch documents. */
export interface ProposalFeed {
  readonly onDidChange: vscode.Event<void>;
  readonly pending: readonly ReviewSession[];
  snapshots(): Promise<{ id: string; proposalUri: string }[]>;
}

/** How often a streaming answer may repaint the preview: a frame reload per chunk would only flicker. */
const chatRepaintMs = 120;

export class PreviewSources extends Disposable {
  private source: PreviewSource | undefined;
  /** Renders asked for, and the newest of them whose page went to the panel (an older one's page must not follow it). */
  private renderRequests = 0;
  private renderShown = 0;
  private readonly followedProposals = new Set<string>();
  private chatAnswer: { turnId: string; text: string } | undefined;
  private chatTimer: ReturnType<typeof setTimeout> | undefined;
  /** The shown local file, watched directly: VS Code's watcher reports another program's save only later. */
  private diskWatch: FileChangeWatch | undefined;
  /** Subscriptions held while a document is the source (see watchDocuments). */
  private documentEvents: vscode.Disposable | undefined;
  /** While true (a Build UI from Image run), every HTML proposal is followed even if the preview was not showing one. */
  followProposals = false;

  constructor(
    private readonly panel: PreviewPanel,
    proposals: ProposalFeed,
    private readonly log: Logger,
  ) {
    super();
    this.register(proposals.onDidChange(() => void this.followNewProposals(proposals)));
    // A closed preview follows nothing: opened again, it starts from the active editor (or the chat).
    this.register(panel.onDidClose(() => this.setSource(undefined)));
  }

  /** How many proposals the preview has followed since activation (a Build UI run checks that its own produced one). */
  get proposalsFollowed(): number {
    return this.followedProposals.size;
  }

  /** The workspace file the preview shows (the file of a proposal too), if it shows one. */
  get currentFile(): vscode.Uri | undefined {
    return this.source?.kind === 'document' ? this.source.assetsFrom : undefined;
  }

  follow(source: PreviewSource): Promise<void> {
    this.setSource(source);
    if (source.kind === 'chat') {
      this.repaintChat();
      return Promise.resolve();
    }
    return this.render();
  }

  /** Every post to the chat view passes here: the streaming answer's code blocks feed the preview. */
  observeChat(message: HostToWebviewMessage): void {
    if (message.type === 'assistantDelta') {
      if (message.channel !== 'text') return;
      this.chatAnswer = this.chatAnswer?.turnId === message.turnId ? { turnId: message.turnId, text: this.chatAnswer.text + message.text } : { turnId: message.turnId, text: message.text };
    } else if ((message.type === 'turnAppended' || message.type === 'turnUpdated') && message.turn.role === 'assistant') {
      this.chatAnswer = { turnId: message.turn.id, text: message.turn.text };
    } else {
      return;
    }
    if (this.source?.kind === 'chat' && this.chatTimer === undefined) this.chatTimer = setTimeout(() => this.repaintChat(), chatRepaintMs);
  }

  private setSource(source: PreviewSource | undefined): void {
    this.source = source;
    if (source?.kind === 'document') this.documentEvents ??= this.watchDocuments();
    else {
      this.documentEvents?.dispose();
      this.documentEvents = undefined;
    }
    this.diskWatch?.close();
    this.diskWatch = undefined;
    if (source?.kind === 'document' && source.uri.scheme === 'file') {
      const watched = source.uri;
      this.diskWatch = watchFileChanges(watched.fsPath, () => this.changedOnDisk(watched));
    }
  }

  /**
   * The edits, saves and disk changes a shown file repaints on. Only while a file is shown: otherwise every
   * keystroke in the editor would pass through here for nothing.
   */
  private watchDocuments(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{html,htm,css,js}');
    return vscode.Disposable.from(
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)),
      // Saving a linked stylesheet or script repaints the page that inlines it.
      vscode.workspace.onDidSaveTextDocument((document) => this.assetSaved(document.uri)),
      watcher,
      watcher.onDidChange((uri) => this.changedOnDisk(uri)),
      watcher.onDidCreate((uri) => this.changedOnDisk(uri)),
    );
  }

  private repaintChat(): void {
    this.chatTimer = undefined;
    const page = this.chatAnswer ? pageFromCodeBlocks(this.chatAnswer.text) : undefined;
    if (page !== undefined) this.panel.show(page, 'Code block in the chat');
  }

  /**
   * Unsaved text is rendered as it is, at once (no read). An edit's first event comes before the document is
   * marked dirty, and a reload from disk may bring an older version than the disk has now: a change to a clean
   * document reads the file instead, and the dirty flag's own event then brings the edit's text.
   */
  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    if (this.source?.kind !== 'document' || this.source.uri.toString() !== event.document.uri.toString()) return;
    if (event.document.isDirty) void this.render(event.document.getText());
    else if (event.contentChanges.length > 0) void this.render();
  }

  private assetSaved(uri: vscode.Uri): void {
    if (this.source?.kind !== 'document' || isHtmlPath(uri.path)) return;
    if (uri.path.startsWith(`${vscode.Uri.joinPath(this.source.assetsFrom, '..').path}/`)) void this.render();
  }

  /** A change by another program (or our own save: the page is then the same, and the panel skips it). */
  private changedOnDisk(uri: vscode.Uri): void {
    if (this.source?.kind !== 'document') return;
    if (this.source.uri.toString() === uri.toString()) void this.render();
    else if (!isHtmlPath(uri.path)) this.assetSaved(uri);
  }

  /**
   * Renders the current source, from `text` when the change brought it. Renders run side by side, so a slow read
   * (the file after a save) never holds back an edit's text; the page of an older render never replaces a newer one's.
   */
  private async render(text?: string): Promise<void> {
    const source = this.source;
    if (source?.kind !== 'document') return;
    const request = ++this.renderRequests;
    try {
      const page = await this.pageOf(source, text);
      if (this.source !== source || request < this.renderShown) return;
      this.renderShown = request;
      this.panel.show(page, source.title);
    } catch (error) {
      this.log.warn(`Preview: could not read ${source.uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async pageOf(source: Extract<PreviewSource, { kind: 'document' }>, text: string | undefined): Promise<string> {
    // Unsaved edits show as typed; otherwise the file on disk is the truth (an open document may not have reloaded yet).
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === source.uri.toString());
    const current = text ?? (open?.isDirty ? open.getText() : await this.readText(source.uri));
    const loader = workspaceAssetLoader(source.assetsFrom);
    return loader ? inlineLocalAssets(current, loader) : current;
  }

  /** A local file straight from the disk (the extension host runs where the files are); other schemes through VS Code. */
  private async readText(uri: vscode.Uri): Promise<string> {
    if (uri.scheme === 'file') return readFile(uri.fsPath, 'utf8');
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  /** A proposal for an HTML file: show its editable scratch copy, then the file once it is accepted. */
  private async followNewProposals(proposals: ProposalFeed): Promise<void> {
    if (!this.panel.isOpen && !this.followProposals) return;
    const showingPage = this.source?.kind === 'document';
    if (!this.followProposals && !showingPage) return;
    const uris = new Map((await proposals.snapshots()).map((snapshot) => [snapshot.id, snapshot.proposalUri]));
    for (const session of proposals.pending) {
      const proposalUri = uris.get(session.id);
      if (this.followedProposals.has(session.id) || !proposalUri || !isHtmlPath(session.change.relativePath)) continue;
      // Outside a Build UI run, only a proposal for the page already shown takes over the preview.
      if (!this.followProposals && this.currentFile?.toString() !== session.change.uri.toString()) continue;
      this.followedProposals.add(session.id);
      const target = session.change.uri;
      await this.follow({ kind: 'document', uri: vscode.Uri.parse(proposalUri), assetsFrom: target, title: `${session.change.relativePath} (proposed)` });
      void session.done.then((outcome) => {
        const showsThisProposal = this.source?.kind === 'document' && this.source.uri.toString() === proposalUri;
        if (!showsThisProposal) return;
        // Accepted: the file. Rejected: the file as it stays (none for a new file: the preview then shows nothing new).
        if (outcome.kind === 'rejected' && session.change.isNewFile) this.setSource(undefined);
        else void this.follow({ kind: 'document', uri: target, assetsFrom: target, title: session.change.relativePath });
      });
    }
  }

  override dispose(): void {
    if (this.chatTimer !== undefined) clearTimeout(this.chatTimer);
    this.diskWatch?.close();
    this.documentEvents?.dispose();
    super.dispose();
  }
}
