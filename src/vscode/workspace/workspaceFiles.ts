// The workspace's file list for @-mentions and the list_files tool: files.exclude applied by VS Code,
// .gitignore applied here. Cached briefly and dropped when files are created or deleted.
import * as vscode from 'vscode';
import { GitignoreFilter } from '../../common/context/gitignore';
import { Disposable } from '../disposable';

const MAX_FILES = 50_000;
const CACHE_MS = 30_000;

export class WorkspaceFiles extends Disposable {
  private cached: { at: number; files: Promise<string[]> } | undefined;
  private watching = false;

  get root(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  /** Workspace-relative paths with forward slashes, sorted. */
  list(): Promise<string[]> {
    this.watchOnce();
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      this.cached = { at: now, files: this.scan() };
    }
    return this.cached.files;
  }

  /** Started with the first list, the first time there is a cache to drop: not at activation. */
  private watchOnce(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    const invalidate = () => (this.cached = undefined);
    this.register(watcher.onDidCreate(invalidate));
    this.register(watcher.onDidDelete(invalidate));
  }

  /** Folders that contain at least one listed file. */
  async folders(): Promise<string[]> {
    const folders = new Set<string>();
    for (const file of await this.list()) {
      const parts = file.split('/');
      for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'));
    }
    return [...folders].sort();
  }

  private async scan(): Promise<string[]> {
    const root = this.root;
    if (!root) return [];
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), undefined, MAX_FILES);
    const paths = uris.map((uri) => vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/'));
    const ignoreFiles = await Promise.all(
      paths
        .filter((path) => path === '.gitignore' || path.endsWith('/.gitignore'))
        .map(async (path) => ({
          path,
          content: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, path))),
        })),
    );
    const filter = new GitignoreFilter(ignoreFiles);
    return paths.filter((path) => !filter.ignores(path)).sort();
  }
}
