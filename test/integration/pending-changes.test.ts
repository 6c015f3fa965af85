// The turn's pending changes in the real editor: a turn that proposes two files lists each with its +/− and
// status, Accept All (through the review state machine) writes every open review, and the chat's title shows
// this conversation's cost, the sum of its turns' costs.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { shippedText, workspaceRoot } from './extension-host';
import { fakeModelSuite, resetFile, waitFor } from './fake-model';

const FILE = 'src/calculator.ts';
const NEW_FILE = 'src/pending-notes.ts';
const NEW_TEXT = 'export const note = 1;\nexport const other = 2;\n';
const ORIGINAL = shippedText(FILE);

suite('pending changes', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('pending-test-key');
  let root: vscode.Uri;
  let uri: vscode.Uri;
  let newUri: vscode.Uri;

  suiteSetup(async () => {
    root = workspaceRoot();
    uri = vscode.Uri.joinPath(root, FILE);
    newUri = vscode.Uri.joinPath(root, NEW_FILE);
  });

  setup(async () => {
    const document = await resetFile(uri, ORIGINAL);
    if (document.isDirty) await document.save();
    await rm(newUri.fsPath, { force: true });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('kimiAssistant.rejectAllPending');
    await resetFile(uri, ORIGINAL);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(newUri.fsPath, { force: true });
  });

  test('a turn proposing two files lists each with +/− and status; Accept All writes them; the title shows the conversation cost', async () => {
    kimi.fake.enqueue(
      {
        kind: 'reply',
        reasoning: 'Two files to change.',
        toolCalls: [
          { name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: '  return a + b;', new_string: '  return b + a;' }) },
          { name: 'write_file', arguments: JSON.stringify({ path: NEW_FILE, content: NEW_TEXT }) },
        ],
      },
      { kind: 'reply', content: 'Both done.' },
    );
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(5, 0, 11, 1);
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    const turn = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Change two files.' });

    const first = await waitFor(() => kimi.api.pendingChanges().find((change) => change.relativePath === FILE && change.open), 'the first change is listed');
    assert.deepEqual({ ...first, reviewId: '' }, { reviewId: '', relativePath: FILE, added: 1, removed: 1, status: 'awaiting-review', open: true });
    await vscode.commands.executeCommand('kimiAssistant.acceptAllPending');
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return b + a;'));

    // The agent proposes one change at a time: the second opens once the first is answered.
    const second = await waitFor(() => kimi.api.pendingChanges().find((change) => change.relativePath === NEW_FILE && change.open), 'the second change is listed');
    assert.equal(second.status, 'awaiting-review');
    assert.deepEqual([second.added, second.removed], [2, 0]);
    await vscode.commands.executeCommand('kimiAssistant.acceptAllPending');
    assert.equal(await readFile(newUri.fsPath, 'utf8'), NEW_TEXT);
    assert.equal(kimi.api.pendingChanges().find((change) => change.relativePath === NEW_FILE)?.status, 'accepted');
    assert.equal((await kimi.api.pendingReviews()).length, 0);

    await turn;
    const turns = kimi.api.currentConversation()?.turns ?? [];
    const costs = turns.flatMap((entry) => (entry.role === 'assistant' && entry.cost ? [entry.cost] : []));
    assert.ok(costs.length > 0, 'the fake provider reported a cost');
    const cost = await waitFor(() => kimi.api.conversationCost() ?? undefined, 'the conversation has a cost');
    assert.ok(Math.abs(cost.usd - costs.reduce((sum, entry) => sum + entry.usd, 0)) < 1e-9, `the conversation cost ${cost.usd} is not its turns' sum`);
    assert.equal(cost.estimated, costs.some((entry) => entry.estimated));
  });

  test('with two reviews open at once, Accept All writes both through the state machine', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const firstId = await kimi.api.proposeChange(FILE, ORIGINAL.replace('let total = 0;', 'let total = 0; // start'));
    const secondId = await kimi.api.proposeChange(NEW_FILE, NEW_TEXT);
    const listed = kimi.api.pendingChanges();
    assert.deepEqual(listed.filter((change) => change.open).map((change) => [change.reviewId, change.status]), [[firstId, 'awaiting-review'], [secondId, 'awaiting-review']]);
    await vscode.commands.executeCommand('kimiAssistant.acceptAllPending');
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('let total = 0;', 'let total = 0; // start'));
    assert.equal(await readFile(newUri.fsPath, 'utf8'), NEW_TEXT);
    // The list also keeps the earlier answered changes of the turn: look at these two.
    const these = kimi.api.pendingChanges().filter((change) => change.reviewId === firstId || change.reviewId === secondId);
    assert.deepEqual(these.map((change) => [change.relativePath, change.status, change.open]), [[FILE, 'accepted', false], [NEW_FILE, 'accepted', false]]);
    assert.equal((await kimi.api.pendingReviews()).length, 0);
  });
});
