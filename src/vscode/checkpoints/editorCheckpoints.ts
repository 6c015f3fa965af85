// Checkpoints in VS Code: the journal in the extension's storage (one folder per workspace), the workspace's
// files on the local disk (an editor's unsaved changes count as the user's edits), and "Restore files to here":
// plan, preview the diff, confirm, restore all or nothing, with an Undo. Local folders only: a remote or
// virtual workspace keeps no checkpoints (its files are not on this disk).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Checkpoints, formatBytes } from '../../common/checkpoints/checkpoints';
import { describeConflict, type RestorePlan } from '../../common/checkpoints/restorePlan';
import type { StoredConversation } from '../../common/conversations/model';
import { NodeCheckpointFiles, NodeCheckpointStore } from '../../node/checkpointStore';
import type { Configuration } from '../configuration';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { RestoreConfirmation } from './restoreConfirmation';
import { PREVIEW_TITLE_PREFIX, RestorePreview } from './restorePreview';

export interface RestoreNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export class EditorCheckpoints extends Disposable {
  readonly checkpoints: Checkpoints;
  readonly confirmation = new RestoreConfirmation();
  private readonly preview = this.register(new RestorePreview());
  /** What the last "Restore files to here" told the user (for automation and tests). */
  lastNotice: RestoreNotice | undefined;

  /** Undefined when the workspace is not a folder on the local disk. */
  static create(storageFolder: string, configuration: Configuration, log: Logger): EditorCheckpoints | undefined {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    return root?.scheme === 'file' ? new EditorCheckpoints(root, storageFolder, configuration, log) : undefined;
  }

  private constructor(
    private readonly root: vscode.Uri,
    storageFolder: string,
    configuration: Configuration,
    private readonly log: Logger,
  ) {
    super();
    const unsaved = (relativePath: string) => {
      const uri = vscode.Uri.joinPath(root, relativePath).toString();
      return vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.toString() === uri);
    };
    this.checkpoints = new Checkpoints({
      store: new NodeCheckpointStore(storageFolder),
      files: new NodeCheckpointFiles(root.fsPath, unsaved),
      maxBytes: () => configuration.settings['checkpoints.maxJournalMB'] * 1024 * 1024,
      notify: (level, message) => {
        log[level === 'error' ? 'error' : 'warn'](message);
        void (level === 'error' ? vscode.window.showErrorMessage(`Kimi: ${message}`) : vscode.window.showWarningMessage(`Kimi: ${message}`));
      },
      now: () => Date.now(),
      newId: () => randomUUID(),
    });
  }

  /** User messages of the conversation whose "Restore files to here" would change a file. */
  restorableTurns(conversation: StoredConversation): Promise<string[]> {
    const turns = conversation.turns.flatMap((turn) => (turn.role === 'user' ? [{ id: turn.id, checkpointId: turn.checkpointId }] : []));
    return this.checkpoints.restorableTurns(conversation.id, turns);
  }

  /** "Restore files to here": the files as they were before this user message was answered. */
  async restoreFiles(conversation: StoredConversation, userTurnId: string): Promise<RestoreNotice> {
    const userTurns = conversation.turns.filter((turn) => turn.role === 'user');
    const index = userTurns.findIndex((turn) => turn.id === userTurnId);
    const checkpointId = userTurns[index]?.checkpointId;
    this.lastNotice = checkpointId
      ? await this.restoreTo(conversation.id, checkpointId, `before message ${index + 1}`)
      : { level: 'warning', message: 'This message has no checkpoint (it was answered before checkpoints were kept).' };
    return this.lastNotice;
  }

  forget(conversationId: string): Promise<void> {
    return this.checkpoints.forget(conversationId);
  }

  private async restoreTo(conversationId: string, checkpointId: string, where: string): Promise<RestoreNotice> {
    const plan = await this.checkpoints.plan(conversationId, checkpointId);
    if (plan.conflicts.length > 0) return this.refused(plan.conflicts.map(describeConflict));
    if (plan.steps.length === 0) return { level: 'info', message: `The files Kimi changed are already as they were ${where}.` };
    const { usedBytes, maxBytes } = await this.checkpoints.usage();
    const title = `${PREVIEW_TITLE_PREFIX} to ${where} (checkpoint journal: ${formatBytes(usedBytes)} of ${formatBytes(maxBytes)})`;
    await this.preview.show(plan, this.root, title);
    const yes = await this.confirmation.ask(plan, title, (path) => void this.showOne(plan, path, title));
    await this.preview.close();
    if (!yes) return { level: 'info', message: 'Restore cancelled; no file was changed.' };
    const result = await this.checkpoints.restore(plan);
    switch (result.kind) {
      case 'busy':
        return { level: 'warning', message: 'Nothing was restored: Kimi started answering meanwhile. Stop it or wait, then restore again.' };
      case 'conflict':
        return this.refused(result.conflicts.map(describeConflict));
      case 'failed':
        this.log.error(`Restore failed at ${result.path}: ${result.error} (rolled back: ${result.rolledBack}).`);
        return {
          level: 'error',
          message: result.rolledBack
            ? `Restore failed writing ${result.path} (${result.error}); the files already written were put back, so nothing changed.`
            : `Restore failed writing ${result.path} (${result.error}), and some files could not be put back: check the log.`,
        };
      case 'restored': {
        const count = result.paths.length === 1 ? '1 file' : `${result.paths.length} files`;
        const undone = plan.commands.length > 0 ? ` What commands Kimi ran since then changed in other files is not undone: ${plan.commands.join('; ')}.` : '';
        this.log.info(`Restored ${count} to ${where}: ${result.paths.join(', ')}.`);
        if (result.undoCheckpointId) this.offerUndo(conversationId, result.undoCheckpointId, count);
        return { level: 'info', message: `Restored ${count} to ${where}.${undone}`.slice(0, 8000) };
      }
    }
  }

  private refused(lines: string[]): RestoreNotice {
    return { level: 'error', message: `Nothing was restored: ${lines.join('; ')}. Undo or save your edits there, then try again.`.slice(0, 8000) };
  }

  private offerUndo(conversationId: string, undoCheckpointId: string, count: string): void {
    void vscode.window.showInformationMessage(`Kimi: restored ${count}.`, 'Undo Restore').then(async (choice) => {
      if (choice !== 'Undo Restore') return;
      const notice = await this.restoreTo(conversationId, undoCheckpointId, 'before the restore');
      void vscode.window[notice.level === 'error' ? 'showErrorMessage' : notice.level === 'warning' ? 'showWarningMessage' : 'showInformationMessage'](`Kimi: ${notice.message}`);
    });
  }

  private async showOne(plan: RestorePlan, path: string, title: string): Promise<void> {
    await this.preview.show({ ...plan, steps: plan.steps.filter((step) => step.path === path) }, this.root, title);
  }
}
