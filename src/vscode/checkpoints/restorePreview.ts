// Shows what a restore will change before it happens: VS Code's multi-file diff, each file's current text
// against the version to be put back (an empty side for a file that will be created or deleted), served
// read-only from memory under the kimi-checkpoint scheme.
import * as vscode from 'vscode';
import type { RestorePlan } from '../../common/checkpoints/restorePlan';
import { Disposable } from '../disposable';

export const CHECKPOINT_SCHEME = 'kimi-checkpoint';

export class RestorePreview extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private counter = 0;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(CHECKPOINT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens the diff of every file the plan writes; resolves once it is shown. */
  async show(plan: RestorePlan, root: vscode.Uri, title: string): Promise<void> {
    const preview = `p${++this.counter}`;
    const decoder = new TextDecoder();
    const resources = plan.steps.map((step) => {
      const file = vscode.Uri.joinPath(root, step.path);
      const side = (which: string, bytes: Uint8Array | undefined) => {
        // The path is the file's own (the diff's label shows it); the query keeps previews and sides apart.
        const uri = vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: `/${step.path}`, query: `${preview}-${which}` });
        this.contents.set(uri.toString(), bytes ? decoder.decode(bytes) : '');
        return uri;
      };
      // Left: the file now (its real document when it exists, so unsaved-state and language features apply).
      const current = step.currentBytes ? file : side('now', undefined);
      return [file, current, side('restored', step.targetBytes)] as const;
    });
    try {
      await vscode.commands.executeCommand('vscode.changes', title, resources);
    } catch {
      // A VS Code without the multi-file diff: one diff per file.
      for (const [, left, right] of resources) await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false, preserveFocus: true });
    }
  }

  /** Closes the preview's tabs and forgets their text. */
  async close(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
      const input = tab.input;
      if (input instanceof vscode.TabInputTextDiff) return input.modified.scheme === CHECKPOINT_SCHEME;
      // The multi-file diff editor has no public input type: matched by its label.
      return tab.label.startsWith(PREVIEW_TITLE_PREFIX);
    });
    this.contents.clear();
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
  }
}

export const PREVIEW_TITLE_PREFIX = 'Kimi: restore files';
