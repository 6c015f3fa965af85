// The right side of a review diff: Kimi's proposal, an editable file held in memory under the
// `kimi-proposal` scheme. Its URI is the workspace-relative path of the file it proposes for, with the review
// id as the query (`kimi-proposal:/src/app.ts?r1-…`), so the diff's breadcrumb and the language mode read
// like the real file, nothing lands in the extension's storage, and language servers that only look at
// `file:` documents do not report problems in a copy.
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
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${relativePath}`, query: reviewId });
  }

  /** Creates the proposal before its diff opens; later text arrives through the document (edits and saves). */
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

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.lookup(uri);
    return { type: vscode.FileType.File, ctime: file.ctime, mtime: file.mtime, size: file.bytes.byteLength };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.lookup(uri).bytes;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const existing = this.files.get(uri.toString());
    // Only a proposal the review created exists here: a "Save As" into this scheme has nowhere to go.
    if (!existing) throw options.create ? vscode.FileSystemError.NoPermissions(uri) : vscode.FileSystemError.FileNotFound(uri);
    existing.bytes = content;
    existing.mtime = Math.max(Date.now(), existing.mtime + 1);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    this.remove(uri);
  }

  rename(oldUri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }

  private lookup(uri: vscode.Uri): ProposalFile {
    const file = this.files.get(uri.toString());
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }
}
