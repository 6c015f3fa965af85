// Accept / Reject above each hunk of a proposal in the review diff (CodeLens: public API, keyboard reachable).
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ChangeReview } from './changeReview';
import { PROPOSAL_SCHEME } from './proposalFiles';

export class ReviewCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly review: ChangeReview) {
    super();
    this.register(review.onDidChange(() => this.changed.fire()));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => {
      if (this.review.reviewOf(event.document.uri)) this.changed.fire();
    }));
    this.register(vscode.languages.registerCodeLensProvider({ scheme: PROPOSAL_SCHEME }, this));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const session = this.review.reviewOf(document.uri);
    if (!session) return [];
    const hunks = await this.review.hunksOf(session.id);
    const lenses: vscode.CodeLens[] = [];
    hunks.forEach((hunk, index) => {
      const line = Math.min(Math.max(hunk.proposedStart - 1, 0), Math.max(document.lineCount - 1, 0));
      const range = new vscode.Range(line, 0, line, 0);
      const label = hunks.length > 1 ? ` (${index + 1}/${hunks.length})` : '';
      lenses.push(
        new vscode.CodeLens(range, { title: `$(check) Accept${label}`, command: 'kimiAssistant.acceptHunk', arguments: [session.id, hunk.id] }),
        new vscode.CodeLens(range, { title: '$(close) Reject', command: 'kimiAssistant.rejectHunk', arguments: [session.id, hunk.id] }),
      );
    });
    if (hunks.length > 1) {
      const top = new vscode.Range(0, 0, 0, 0);
      lenses.unshift(
        new vscode.CodeLens(top, { title: '$(check-all) Accept All', command: 'kimiAssistant.acceptChange', arguments: [session.id] }),
        new vscode.CodeLens(top, { title: '$(close-all) Reject All', command: 'kimiAssistant.rejectChange', arguments: [session.id] }),
      );
    }
    return lenses;
  }
}
