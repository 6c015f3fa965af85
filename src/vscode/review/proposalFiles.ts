// The right side of a review diff: Kimi's proposal, an editable file held in memory under the `kimi-proposal`
// scheme. Its URI is the workspace-relative path of the file it proposes for, under the review id as the
// authority (`kimi-proposal://r1-…/src/app.ts`), so the diff's breadcrumb and the language mode read like the
// real file, nothing lands in the extension's storage, and language servers that only check `file:` documents
// do not report the real file's problems a second time for the copy. (The id is not the query: TypeScript
// names a document by scheme, authority and path, and two reviews of one file would share its buffer.)
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export const PROPOSAL_SCHEME = 'kimi-proposal';

interface ProposalFile {
  bytes: Uint8Array;
  ctime: number;
  mtime: number;
}

export class ProposalFiles extends Disposable implements vscode.FileSystemProvider {
  private readonly files = new Map<string, ProposalFile>();
  private readonly changes = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changes.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, this, { isCaseSensitive: true }));
  }

  uriOf(reviewId: string, relativePath: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, authority: reviewId, path: `/${relativePath}` });
  }

  /**
   * Creates the proposal before its diff opens, without a change event: nothing has it open yet. Later text
   * arrives through the document (the user's edits, a rejected hunk), saved back here.
   */
  create(uri: vscode.Uri, text: string): void {
    const now = Date.now();
    this.files.set(uri.toString(), { bytes: new TextEncoder().encode(text), ctime: now, mtime: now });
  }

  remove(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  watch(): vscode.Disposable {
    // Every change comes through this provider, which reports it itself.
    return new vscode.Disposable(() => undefined);
  }

  /**
   * Straight from memory. The times change only when the text does, so the editor, which compares them with
   * what it read (or saved) last, never reads the proposal again for nothing.
   */
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.toString());
    if (file) return { type: vscode.FileType.File, ctime: file.ctime, mtime: file.mtime, size: file.bytes.byteLength };
    if (this.childrenOf(uri).length > 0) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.toString());
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.bytes;
  }

  /** A save of the proposal (or another program's write to it); only a proposal the review created exists. */
  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const existing = this.files.get(uri.toString());
    // A "Save As" into this scheme has nowhere to go.
    if (!existing) throw options.create ? vscode.FileSystemError.NoPermissions(uri) : vscode.FileSystemError.FileNotFound(uri);
    existing.bytes = content;
    existing.mtime = Math.max(Date.now(), existing.mtime + 1);
    // The editor that saved knows the new times and does not read the text back; other readers learn of it here.
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** The folders of the path exist only so the breadcrumb's picker can list the proposal beside nothing else. */
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    return this.childrenOf(uri);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    if (!this.files.has(uri.toString())) throw vscode.FileSystemError.FileNotFound(uri);
    this.remove(uri);
  }

  rename(oldUri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }

  /** The entries directly inside folder `uri` among the proposals of the same review (same authority). */
  private childrenOf(folder: vscode.Uri): [string, vscode.FileType][] {
    const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    const children = new Map<string, vscode.FileType>();
    for (const key of this.files.keys()) {
      const uri = vscode.Uri.parse(key);
      if (uri.authority !== folder.authority || !uri.path.startsWith(prefix)) continue;
      const [name, ...deeper] = uri.path.slice(prefix.length).split('/');
      if (name) children.set(name, deeper.length > 0 ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...children];
  }
}
