// The question before a restore: a quick pick that lists each file with what will happen to it (picking one
// opens its diff), says which commands are not undone and how big the journal is, and offers Restore or Cancel.
// Automation in development and test hosts may answer it (see automation.ts), as the user would.
import * as vscode from 'vscode';
import type { RestorePlan } from '../../common/checkpoints/restorePlan';
import { PendingQuestions } from '../../common/pendingQuestions';

export interface PendingRestoreQuestion {
  title: string;
  files: { path: string; change: string }[];
  commands: string[];
}

type Item = vscode.QuickPickItem & { action?: 'restore' | 'cancel'; path?: string };

export class RestoreConfirmation {
  private readonly pending = new PendingQuestions<PendingRestoreQuestion, boolean>();

  /** Asks; resolves true only on an explicit Restore. `openDiff` shows one file's change when its item is picked. */
  ask(plan: RestorePlan, title: string, openDiff: (path: string) => void): Promise<boolean> {
    const question: PendingRestoreQuestion = {
      title,
      files: plan.steps.map((step) => ({ path: step.path, change: describeChange(step.current.kind, step.target.kind) })),
      commands: plan.commands,
    };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = title;
    pick.placeholder = 'Pick a file to see its diff; Restore writes every file listed, or none if one has changed meanwhile';
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    const count = plan.steps.length === 1 ? '1 file' : `${plan.steps.length} files`;
    pick.items = [
      { label: `$(discard) Restore ${count}`, action: 'restore', alwaysShow: true },
      { label: '$(close) Cancel', action: 'cancel', alwaysShow: true },
      { label: 'Files', kind: vscode.QuickPickItemKind.Separator },
      ...question.files.map((file): Item => ({ label: file.path, description: file.change, path: file.path })),
      ...(plan.commands.length > 0
        ? [
            { label: 'Not undone', kind: vscode.QuickPickItemKind.Separator } as Item,
            ...plan.commands.map((command): Item => ({ label: `$(warning) ${command}`, description: 'a command Kimi ran: what it changed in files Kimi did not edit is not restored', alwaysShow: true })),
          ]
        : []),
    ];
    return new Promise<boolean>((resolve) => {
      const settle = this.pending.open(question, (yes) => {
        pick.dispose();
        resolve(yes);
      });
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems;
        if (chosen?.path) openDiff(chosen.path);
        else if (chosen?.action) settle(chosen.action === 'restore');
      });
      pick.onDidHide(() => settle(false));
      pick.show();
    });
  }

  /** The question waiting for an answer, if any (for automation and tests). */
  pendingQuestion(): PendingRestoreQuestion | undefined {
    return this.pending.latest();
  }

  /** Answers the waiting question as the user would; false when none is waiting. */
  answer(yes: boolean): boolean {
    return this.pending.answer(yes);
  }
}

function describeChange(now: 'file' | 'absent', restored: 'file' | 'absent'): string {
  if (restored === 'absent') return 'deleted (Kimi created it)';
  if (now === 'absent') return 'created again (deleted since)';
  return 'restored to its earlier version';
}
