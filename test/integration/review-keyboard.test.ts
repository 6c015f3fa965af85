// The review and the answer from the keyboard, in the real editor: Accept / Reject Hunk at Cursor and Next /
// Previous Hunk without arguments (as a keybinding runs them), on either side of the diff, and Open Answer in
// Accessible View showing the last answer as read-only markdown.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { shippedText, workspaceRoot } from './extension-host';
import { fakeModelSuite, resetFile, waitFor } from './fake-model';

const FILE = 'src/calculator.ts';
const ORIGINAL = shippedText(FILE);
const BOTH = ORIGINAL.replace('return a + b;', 'return a + b; // sum').replace('return total / values.length;', 'return values.length ? total / values.length : 0;');

suite('review and answer from the keyboard', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('review-keyboard-test-key');
  let uri: vscode.Uri;

  suiteSetup(async () => {
    uri = vscode.Uri.joinPath(workspaceRoot(), FILE);
  });

  suiteTeardown(async () => {
    // The suites after this one start from a quiet editor area, as they would without it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  setup(async () => {
    const document = await resetFile(uri, ORIGINAL);
    if (document.isDirty) await document.save();
  });

  /** A turn whose model proposes both changes (two hunks); resolves with the open review's diff tab. */
  async function proposeTwoHunks() {
    kimi.fake.enqueue(
      { kind: 'reply', content: 'Two small changes.', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: FILE, content: BOTH }) }] },
      { kind: 'reply', content: 'Done with both.' },
    );
    // Ask About Selection needs a selection to ask about.
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(5, 0, 11, 1);
    const turn = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Please change this.' });
    const review = await waitFor(async () => (await kimi.api.pendingReviews()).find((candidate) => candidate.relativePath === FILE), 'a review opens');
    assert.equal(review.hunkIds.length, 2);
    const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputTextDiff && candidate.input.modified.toString() === review.proposalUri);
    assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff, 'a diff editor shows the proposal');
    return { review, input: tab.input, turn };
  }

  async function editorAt(documentUri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(documentUri), { preview: false });
    editor.selection = new vscode.Selection(line - 1, 0, line - 1, 0);
    return editor;
  }

  test('Next / Previous Hunk move the cursor from hunk to hunk, wrapping at the ends', async () => {
    const { review, input, turn } = await proposeTwoHunks();
    const editor = await editorAt(input.modified, 1);
    await vscode.commands.executeCommand('kimiAssistant.nextHunk');
    assert.equal(editor.selection.active.line + 1, 3, 'the first hunk (add) is on line 3');
    await vscode.commands.executeCommand('kimiAssistant.nextHunk');
    assert.equal(editor.selection.active.line + 1, 11, 'the second hunk (average) is on line 11');
    await vscode.commands.executeCommand('kimiAssistant.nextHunk');
    assert.equal(editor.selection.active.line + 1, 3, 'Next after the last wraps to the first');
    await vscode.commands.executeCommand('kimiAssistant.previousHunk');
    assert.equal(editor.selection.active.line + 1, 11, 'Previous before the first wraps to the last');
    await vscode.commands.executeCommand('kimiAssistant.rejectChange', review.id);
    await turn;
  });

  test('Reject Hunk at Cursor on the base side and Accept Hunk at Cursor on the proposal side answer those hunks', async () => {
    const { review, input, turn } = await proposeTwoHunks();
    await editorAt(input.original, 11);
    await vscode.commands.executeCommand('kimiAssistant.rejectHunk');
    const [remaining] = await kimi.api.pendingReviews();
    assert.ok(remaining, 'the review stays open for the other hunk');
    assert.equal(remaining.hunkIds.length, 1);
    assert.equal(remaining.hunkIds[0], review.hunkIds[0], 'the hunk at the cursor (average) was the one rejected');
    await editorAt(input.modified, 3);
    await vscode.commands.executeCommand('kimiAssistant.acceptHunk');
    await waitFor(async () => ((await kimi.api.pendingReviews()).length === 0 ? true : undefined), 'the review ends');
    await turn;
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return a + b; // sum'));
  });

  test('Open Answer in Accessible View shows the last answer as read-only markdown', async () => {
    kimi.fake.enqueue({ kind: 'reply', content: 'The function adds **two** numbers.\n\n```ts\nadd(1, 2)\n```' });
    const source = await vscode.window.showTextDocument(uri);
    source.selection = new vscode.Selection(1, 0, 3, 1);
    await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'What does add do?' });
    await vscode.commands.executeCommand('kimiAssistant.openAccessibleView');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor opened');
    assert.equal(editor.document.uri.scheme, 'kimi-answer');
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /^# Kimi, answer \d+ of \d+\n/);
    assert.match(editor.document.getText(), /The function adds \*\*two\*\* numbers\.\n\n```ts\nadd\(1, 2\)\n```\n$/);
    assert.equal(editor.document.isDirty, false);
  });
});
