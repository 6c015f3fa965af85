// Workspace rules for the system prompt: AGENTS.md at the root and .kimi/rules/*.md. Read once and re-read
// only when one of them changes, so the system prompt stays byte-identical between requests.
import * as vscode from 'vscode';
import type { RulesFile } from '../../common/context/systemPrompt';
import { checkAttachedFile } from '../../common/tools/attachedFiles';
import { nodeFileSystem } from '../../node/nodeWorkspace';
import { Disposable } from '../disposable';
import type { Logger } from '../log';

const MAX_RULES_CHARS = 40_000;

export class RulesFiles extends Disposable {
  private cached: Promise<RulesFile[]> | undefined;
  private watching = false;

  constructor(private readonly log?: Logger) {
    super();
  }

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
    const local = root.uri.scheme === 'file';
    const files = await Promise.all(
      uris.map(async (uri) => {
        const path = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
        // Rules go into every prompt unasked: a rules file that is really a link to a secret is left out.
        const check = await checkAttachedFile(local ? root.uri.fsPath : root.uri.path, path, local ? nodeFileSystem : undefined, { nameMustBeSafe: true });
        if (!check.ok) {
          this.log?.warn(`Rules file left out of the prompt: ${check.reason}.`);
          return undefined;
        }
        return { path, content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).slice(0, MAX_RULES_CHARS) };
      }),
    );
    return files.filter((file): file is RulesFile => file !== undefined).sort((a, b) => a.path.localeCompare(b.path));
  }
}
