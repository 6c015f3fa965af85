// The review from the keyboard: the hunk at the cursor is accepted or rejected, and the cursor moves to the
// next or previous hunk, in either side of the review diff. The context key `kimiAssistant.activeEditorIsReview`
// limits the keybindings to review diffs; the palette shows the commands while any review is open.
import * as vscode from 'vscode';
import type { Hunk } from '../../common/edits/hunks';
import { hunkAtLine, neighbourHunk } from '../../common/edits/hunkNavigation';
import type { ChangeReview } from './changeReview';

const REVIEW_EDITOR_CONTEXT = 'kimiAssistant.activeEditorIsReview';

interface CursorInReview {
  editor: vscode.TextEditor;
  reviewId: string;
  hunks: Hunk[];
  /** 1-based cursor line, and where each hunk starts on this side of the diff. */
  line: number;
  startOf(hunk: Hunk): number;
  lineCountOf(hunk: Hunk): number;
}

async function cursorInReview(review: ChangeReview): Promise<CursorInReview | undefined> {
  const editor = vscode.window.activeTextEditor;
  const found = editor ? review.reviewOfEditor(editor.document.uri) : undefined;
  if (!editor || !found) {
    void vscode.window.showInformationMessage('Kimi: put the cursor in a review diff first (Kimi: Open Review).');
    return undefined;
  }
  const onProposal = found.side === 'proposal';
  return {
    editor,
    reviewId: found.session.id,
    hunks: await review.hunksOf(found.session.id),
    line: editor.selection.active.line + 1,
    startOf: (hunk) => (onProposal ? hunk.proposedStart : hunk.originalStart),
    lineCountOf: (hunk) => (onProposal ? hunk.proposedLineCount : hunk.originalLineCount),
  };
}

/** Accept / Reject for the hunk at the cursor (the CodeLens passes ids instead). */
export async function answerHunkAtCursor(review: ChangeReview, accept: boolean): Promise<void> {
  const cursor = await cursorInReview(review);
  if (!cursor) return;
  const hunk = hunkAtLine(cursor.hunks, cursor.line, cursor.startOf, cursor.lineCountOf);
  if (!hunk) return;
  await (accept ? review.acceptHunk(cursor.reviewId, hunk.id) : review.rejectHunk(cursor.reviewId, hunk.id));
}

async function goToHunk(review: ChangeReview, step: 1 | -1): Promise<void> {
  const cursor = await cursorInReview(review);
  if (!cursor) return;
  const hunk = neighbourHunk(cursor.hunks, cursor.line, cursor.startOf, step);
  if (!hunk) return;
  const line = Math.min(Math.max(cursor.startOf(hunk) - 1, 0), cursor.editor.document.lineCount - 1);
  const position = new vscode.Position(line, 0);
  cursor.editor.selection = new vscode.Selection(position, position);
  cursor.editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerReviewKeyboard(review: ChangeReview): vscode.Disposable[] {
  const updateContext = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand('setContext', REVIEW_EDITOR_CONTEXT, uri !== undefined && review.reviewOfEditor(uri) !== undefined);
  };
  return [
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    review.onDidChange(updateContext),
    vscode.commands.registerCommand('kimiAssistant.nextHunk', () => goToHunk(review, 1)),
    vscode.commands.registerCommand('kimiAssistant.previousHunk', () => goToHunk(review, -1)),
  ];
}
