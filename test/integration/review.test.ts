// The change review in the real editor: the fake model proposes edits through edit_file/write_file, and the
// tests accept, reject, split by hunk, edit the proposal, and change the file underneath, as a user would.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { shippedText, workspaceRoot } from './extension-host';
import { fakeModelSuite, resetFile, waitFor } from './fake-model';

const FILE = 'src/calculator.ts';
const ORIGINAL = shippedText(FILE);

suite('change review', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('review-test-key');
  let uri: vscode.Uri;

  suiteSetup(async () => {
    uri = vscode.Uri.joinPath(workspaceRoot(), FILE);
  });

  setup(async () => {
    const document = await resetFile(uri, ORIGINAL);
    if (document.isDirty) await document.save();
  });

  /** Starts a turn whose first model answer is the given tool call; resolves when its review is open. */
  async function propose(tool: 'edit_file' | 'write_file', args: Record<string, unknown>) {
    kimi.fake.enqueue(
      { kind: 'reply', reasoning: 'I will change the file.', toolCalls: [{ name: tool, arguments: JSON.stringify(args) }] },
      { kind: 'reply', content: 'Done.' },
    );
    const requestsBefore = kimi.fake.requests.length;
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(5, 0, 11, 1);
    const turn = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Please change this.' });
    const review = await waitFor(async () => (await kimi.api.pendingReviews()).find((candidate) => candidate.relativePath === FILE), 'a review opens');
    const toolResult = async () => {
      await turn;
      const followUp = kimi.fake.requests.slice(requestsBefore).map((request) => request.body as { messages?: { role: string; content?: unknown }[] }).at(-1);
      const tool = followUp?.messages?.filter((message) => message.role === 'tool').at(-1);
      return String(tool?.content ?? '');
    };
    return { review, toolResult };
  }

  test('the diff opens beside the file without taking focus, and Accept changes the document; Undo restores it', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: '  return b + a;' });
    const diffTab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === review.proposalUri);
    assert.ok(diffTab, 'a diff editor shows the proposal');
    // Named like the file it is for (the breadcrumb reads src › calculator.ts, the language mode follows), not like the extension's storage.
    const proposalUri = vscode.Uri.parse(review.proposalUri);
    assert.equal(proposalUri.scheme, 'kimi-proposal');
    assert.equal(proposalUri.path, `/${FILE}`);
    // The diff editor loads the proposal in the window; the extension host hears of it a moment later.
    const proposalDocument = await waitFor(() => vscode.workspace.textDocuments.find((document) => document.uri.toString() === review.proposalUri), 'the proposal loads');
    assert.equal(proposalDocument.languageId, 'typescript');
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), ORIGINAL.replace('return a + b;', 'return b + a;'));
    assert.equal(document.isDirty, false, 'a file that was clean is saved after accepting');
    assert.match(await toolResult(), /accepted/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), ORIGINAL, 'one Undo restores the original text');
  });

  test('Reject leaves the file byte-identical and tells the model', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: 'let total = 0;', new_string: 'let total = 1;' });
    await vscode.commands.executeCommand('kimiAssistant.rejectChange', review.id);
    assert.match(await toolResult(), /rejected/);
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL);
    assert.equal((await kimi.api.pendingReviews()).length, 0);
  });

  test('accepting one hunk of two applies only that hunk', async () => {
    const both = ORIGINAL.replace('return a + b;', 'return a + b; // sum').replace('return total / values.length;', 'return values.length ? total / values.length : 0;');
    const { review, toolResult } = await propose('write_file', { path: FILE, content: both });
    assert.equal(review.hunkIds.length, 2, 'two separate hunks');
    await vscode.commands.executeCommand('kimiAssistant.acceptHunk', review.id, review.hunkIds[0]);
    const [remaining] = await kimi.api.pendingReviews();
    assert.ok(remaining, 'the review stays open for the other hunk');
    assert.equal(remaining.hunkIds.length, 1);
    await vscode.commands.executeCommand('kimiAssistant.rejectHunk', review.id, remaining.hunkIds[0]);
    assert.match(await toolResult(), /accepted 1 of 2 hunks/);
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return a + b; // sum'));
  });

  test('the user edits the proposal before accepting and gets their version', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: '  return a + b + 0;' });
    const proposal = await vscode.workspace.openTextDocument(vscode.Uri.parse(review.proposalUri));
    const edit = new vscode.WorkspaceEdit();
    const offset = proposal.getText().indexOf('a + b + 0');
    edit.replace(proposal.uri, new vscode.Range(proposal.positionAt(offset), proposal.positionAt(offset + 'a + b + 0'.length)), 'b + a');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return b + a;'));
    assert.match(await toolResult(), /edited your proposal/);
  });

  test('the user saves an edited proposal: it stays saved in place and is what Accept writes', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: '  return a + b + 0;' });
    const proposal = await vscode.workspace.openTextDocument(vscode.Uri.parse(review.proposalUri));
    const edited = proposal.getText().replace('a + b + 0', 'b + a');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.uri, new vscode.Range(proposal.positionAt(0), proposal.positionAt(proposal.getText().length)), edited);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(proposal.isDirty, true);
    assert.ok(await proposal.save(), 'VS Code saved the proposal');
    assert.equal(proposal.isDirty, false);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(proposal.uri)), edited, 'the saved proposal reads back as saved');
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return b + a;'));
    assert.match(await toolResult(), /edited your proposal/);
  });

  test('the diff tab of a review that has ended (as a window reload restores it) is closed, an open review\'s stays', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: '  return a + b + 1;' });
    const reviewTabs = (scheme: string) =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === scheme);
    const open = vscode.Uri.parse(review.proposalUri);
    // The same file under a review id this window never had: what a reload brings back.
    const ended = open.with({ authority: 'r9-ended' });
    await vscode.commands.executeCommand('vscode.diff', ended.with({ scheme: 'kimi-review-base' }), ended, 'restored review', { preview: false });
    await waitFor(() => reviewTabs(open.scheme).every((tab) => (tab.input as vscode.TabInputTextDiff).modified.authority !== 'r9-ended'), "the ended review's tab closes");
    assert.deepEqual(reviewTabs(open.scheme).map((tab) => (tab.input as vscode.TabInputTextDiff).modified.toString()), [open.toString()], 'the open review keeps its diff');
    await vscode.commands.executeCommand('kimiAssistant.rejectChange', review.id);
    await toolResult();
  });

  test("the copy under review gets no problems of its own: TypeScript reports them for a file, not for the proposal", async () => {
    const typo = "  const typo: number = 'not a number';\n  return a + b + typo;";
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: typo });
    const proposalUri = vscode.Uri.parse(review.proposalUri);
    const broken = ORIGINAL.replace('  return a + b;', typo);
    // The same text as a file of the workspace: TypeScript checks it, so it is running and finds the problem.
    const control = vscode.Uri.joinPath(workspaceRoot(), 'src', 'problems-control.ts');
    await writeFile(control.fsPath, broken);
    try {
      await vscode.window.showTextDocument(control, { preview: false, preserveFocus: true });
      await waitFor(() => vscode.languages.getDiagnostics(control).some((problem) => /not assignable/.test(problem.message)), 'TypeScript reports the problem for the file', 45_000);
      assert.deepEqual(vscode.languages.getDiagnostics(proposalUri).map((problem) => problem.message), [], 'the proposal has problems listed of its own');
    } finally {
      await vscode.workspace.fs.delete(control);
      await vscode.commands.executeCommand('kimiAssistant.rejectChange', review.id);
      await toolResult();
    }
  });

  test('a file changed on disk at the same place since the proposal is not clobbered', async () => {
    const { review, toolResult } = await propose('edit_file', { path: FILE, old_string: '  return a + b;', new_string: '  return b + a;' });
    const theirs = ORIGINAL.replace('return a + b;', 'return Math.fround(a + b);');
    await writeFile(uri.fsPath, theirs);
    const document = await vscode.workspace.openTextDocument(uri);
    await waitFor(() => document.getText() === theirs, 'the editor picks up the change on disk');
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    assert.match(await toolResult(), /changed while the proposal waited/);
    assert.equal(await readFile(uri.fsPath, 'utf8'), theirs, 'the change made meanwhile is intact');
  });

  test('a change elsewhere in a dirty buffer is kept and the file is not saved behind the user', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '// unsaved note\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const { review } = await propose('edit_file', { path: FILE, old_string: 'let total = 0;', new_string: 'let total = 0; // start' });
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    assert.equal(document.getText(), `// unsaved note\n${ORIGINAL.replace('let total = 0;', 'let total = 0; // start')}`);
    assert.equal(document.isDirty, true, 'the buffer stays unsaved, as the user left it');
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL, 'nothing was written to disk');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
