// Commands of the change review. Without a review id they act on the review in the active editor, or on
// every open review (Accept All / Reject All across files).
import * as vscode from 'vscode';
import { describeStatus } from '../../common/edits/pendingChanges';
import type { ChangeReview } from './changeReview';
import { answerHunkAtCursor } from './reviewKeyboard';

export function registerReviewCommands(review: ChangeReview): vscode.Disposable[] {
  const targets = (reviewId: unknown): string[] => {
    if (typeof reviewId === 'string') return [reviewId];
    const active = vscode.window.activeTextEditor?.document.uri;
    const inEditor = active ? review.reviewOf(active) : undefined;
    return inEditor ? [inEditor.id] : review.pending.map((session) => session.id);
  };
  const updateContext = () => void vscode.commands.executeCommand('setContext', 'kimiAssistant.reviewsPending', review.pending.length > 0);
  return [
    review.onDidChange(updateContext),
    // With ids from a CodeLens; without them (palette, keybinding) on the hunk at the cursor.
    vscode.commands.registerCommand('kimiAssistant.acceptHunk', (reviewId: unknown, hunkId: unknown) =>
      typeof reviewId === 'string' && typeof hunkId === 'string' ? review.acceptHunk(reviewId, hunkId) : answerHunkAtCursor(review, true)),
    vscode.commands.registerCommand('kimiAssistant.rejectHunk', (reviewId: unknown, hunkId: unknown) =>
      typeof reviewId === 'string' && typeof hunkId === 'string' ? review.rejectHunk(reviewId, hunkId) : answerHunkAtCursor(review, false)),
    vscode.commands.registerCommand('kimiAssistant.acceptChange', async (reviewId?: unknown) => {
      for (const id of targets(reviewId)) await review.acceptAll(id);
    }),
    vscode.commands.registerCommand('kimiAssistant.rejectChange', (reviewId?: unknown) => {
      for (const id of targets(reviewId)) review.rejectAll(id);
    }),
    vscode.commands.registerCommand('kimiAssistant.pendingChanges', () => pickPendingChange(review)),
    // Not in the palette: what the quick pick's and the chat panel's Accept All / Reject All do, for keybindings and tests.
    vscode.commands.registerCommand('kimiAssistant.acceptAllPending', () => review.acceptEverything()),
    vscode.commands.registerCommand('kimiAssistant.rejectAllPending', () => review.rejectEverything()),
    vscode.commands.registerCommand('kimiAssistant.openReview', async (reviewId?: unknown) => {
      for (const id of targets(reviewId)) await review.open(id);
    }),
  ];
}

type PendingPick = vscode.QuickPickItem & { run(): Promise<void> | void };

/** Kimi: Pending Changes: every change of the batch with +/− and status; Accept All and Reject All first. */
async function pickPendingChange(review: ChangeReview): Promise<void> {
  const changes = review.pendingChanges();
  const open = new Set(review.pending.map((session) => session.id));
  const items: PendingPick[] = [];
  if (open.size > 0) {
    items.push(
      { label: '$(check-all) Accept All', description: `${open.size} pending`, run: () => review.acceptEverything() },
      { label: '$(close-all) Reject All', description: `${open.size} pending`, run: () => review.rejectEverything() },
      { label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined },
    );
  }
  for (const change of changes) {
    items.push({
      label: `$(diff) ${change.relativePath}`,
      description: `+${change.added} −${change.removed}`,
      detail: describeStatus(change.status),
      run: () => (open.has(change.reviewId) ? review.open(change.reviewId) : undefined),
    });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Kimi: no changes are waiting for review.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Kimi: Pending Changes', placeHolder: 'Open a change, or answer all of them' });
  await picked?.run();
}
