// "Apply" on a chat code block: the block replaces the selection (or the file) as a proposal in the
// same review as the agent's edits, never as a direct write.
import * as vscode from 'vscode';
import type { ChangeReview } from './changeReview';

export function reviewCodeBlockReplacement(review: ChangeReview) {
  return async (document: vscode.TextDocument, range: vscode.Range, code: string): Promise<void> => {
    const base = document.getText();
    const proposed = base.slice(0, document.offsetAt(range.start)) + code + base.slice(document.offsetAt(range.end));
    if (proposed === base) {
      void vscode.window.showInformationMessage('Kimi: the code block is already in the file.');
      return;
    }
    await review.propose({
      uri: document.uri,
      relativePath: vscode.workspace.asRelativePath(document.uri, false),
      baseText: base,
      proposedText: proposed,
      isNewFile: false,
    });
  };
}
