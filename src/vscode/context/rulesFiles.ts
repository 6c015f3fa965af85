// Workspace rules for the system prompt: AGENTS.md at the root and .kimi/rules/*.md. Read once and re-read
// only when one of them changes, so the system prompt stays byte-identical between requests.
import * as vscode from 'vscode';
import type { RulesFile } from '../../common/context/systemPrompt';
import { Disposable } from '../disposable';

const MAX_RULES_CHARS = 40_000;

export class RulesFiles extends Disposable {
  private cached: Promise<RulesFile[]> | undefined;
  private watching = false;

  read(): Promise<RulesFile[]> {
    this.watchOnce();
    this.cached ??= this.load();
    return this.cached;
  }

  /**
   * The watcher only has a cache to drop once the rules were read. Creating it then, not at activation,
   * took 3–12 ms (a third to a half of activate()) off every start.
   */
  private watchOnce(): void {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (this.watching || !root) return;
    this.watching = true;
    const watcher = this.register(
      vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '{AGENTS.md,.kimi/rules/*.md}')),
    );
    const invalidate = () => (this.cached = undefined);
    this.register(watcher.onDidChange(invalidate));
    this.register(watcher.onDidCreate(invalidate));
    this.register(watcher.onDidDelete(invalidate));
  }

  private async load(): Promise<RulesFile[]> {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (!root) return [];
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '{AGENTS.md,.kimi/rules/*.md}'), null, 50);
    const files = await Promise.all(
      uris.map(async (uri) => ({
        path: vscode.workspace.asRelativePath(uri, false),
        content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).slice(0, MAX_RULES_CHARS),
      })),
    );
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }
}
