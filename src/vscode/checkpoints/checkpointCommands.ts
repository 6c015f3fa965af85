// Commands of the checkpoints: how much space the journal takes in this workspace, against its cap.
import * as vscode from 'vscode';
import { formatBytes } from '../../common/checkpoints/checkpoints';
import type { EditorCheckpoints } from './editorCheckpoints';

export const SHOW_JOURNAL_SIZE_COMMAND = 'kimiAssistant.showCheckpointJournal';

export function registerCheckpointCommands(checkpoints: EditorCheckpoints | undefined): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_JOURNAL_SIZE_COMMAND, async () => {
      if (!checkpoints) {
        void vscode.window.showInformationMessage('Kimi: this workspace keeps no checkpoints (its folder is not on the local disk).');
        return;
      }
      const { usedBytes, maxBytes } = await checkpoints.checkpoints.usage();
      const choice = await vscode.window.showInformationMessage(
        `Kimi: the checkpoint journal of this workspace takes ${formatBytes(usedBytes)} of its ${formatBytes(maxBytes)} limit. Deleting a conversation deletes its checkpoints.`,
        'Change Limit',
      );
      if (choice === 'Change Limit') await vscode.commands.executeCommand('workbench.action.openSettings', 'kimiAssistant.checkpoints.maxJournalMB');
    }),
  ];
}
