// Commands of the change review. Without a review id they act on the review in the active editor, or on
// every open review (Accept All / Reject All across files).
import * as vscode from 'vscode';
import type { ChangeReview } from './changeReview';

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
    vscode.commands.registerCommand('kimiAssistant.acceptHunk', (reviewId: unknown, hunkId: unknown) =>
      typeof reviewId === 'string' && typeof hunkId === 'string' ? review.acceptHunk(reviewId, hunkId) : undefined),
    vscode.commands.registerCommand('kimiAssistant.rejectHunk', (reviewId: unknown, hunkId: unknown) =>
      typeof reviewId === 'string' && typeof hunkId === 'string' ? review.rejectHunk(reviewId, hunkId) : undefined),
    vscode.commands.registerCommand('kimiAssistant.acceptChange', async (reviewId?: unknown) => {
      for (const id of targets(reviewId)) await review.acceptAll(id);
    }),
    vscode.commands.registerCommand('kimiAssistant.rejectChange', (reviewId?: unknown) => {
      for (const id of targets(reviewId)) review.rejectAll(id);
    }),
    vscode.commands.registerCommand('kimiAssistant.openReview', async (reviewId?: unknown) => {
      for (const id of targets(reviewId)) await review.open(id);
    }),
  ];
}
