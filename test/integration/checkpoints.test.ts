// Checkpoints and rewind in the real extension host: a three-turn agent run by the scripted fake model, its
// edits accepted in the real review, then "Restore files to here" on the second message (the chat webview's
// message, through the real route), the preview's question answered, and the bytes on disk checked. A user's
// edit since then makes the next restore refuse, naming the file, with nothing written.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StoredConversation } from '../../src/common/conversations/model';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, waitFor } from './fake-model';

const FOLDER = 'checkpoint-demo';
const ORIGINAL_A = Buffer.from('export const greeting = "hello";\r\nexport const count = 1;\r\n', 'utf8');
const ORIGINAL_B = Buffer.from('# Notes\n\nfirst line\n', 'utf8');

suite('checkpoints and rewind in the real extension host', function () {
  this.timeout(120_000);
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  let root: vscode.Uri;
  const path = (name: string) => join(root.fsPath, FOLDER, name);

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel('checkpoints-test-key');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration workspace has a folder');
    root = folder;
    await mkdir(join(root.fsPath, FOLDER), { recursive: true });
    await writeFile(path('a.ts'), ORIGINAL_A);
    await writeFile(path('notes.md'), ORIGINAL_B);
    await vscode.commands.executeCommand('kimiAssistant.newChat');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(join(root.fsPath, FOLDER), { recursive: true, force: true });
    await disconnectFakeModel(fake);
  });

  /** One user turn: the model makes these tool calls one per step, each proposal is accepted in the review. */
  async function agentTurn(text: string, calls: { name: 'edit_file' | 'write_file'; args: Record<string, unknown> }[]): Promise<void> {
    fake.enqueue(
      ...calls.map((call) => ({ kind: 'reply' as const, reasoning: 'I will change a file.', toolCalls: [{ name: call.name, arguments: JSON.stringify(call.args) }] })),
      { kind: 'reply', content: 'Done.' },
    );
    const turnsBefore = api.currentConversation()?.turns.length ?? 0;
    api.simulateChatWebviewMessages([{ type: 'send', text, chips: [], images: [] }]);
    for (const call of calls) {
      const review = await waitFor(async () => (await api.pendingReviews()).find((candidate) => candidate.relativePath === call.args.path), `the review of ${String(call.args.path)} opens`);
      await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    }
    await waitFor(() => {
      const turns = api.currentConversation()?.turns ?? [];
      const last = turns.at(-1);
      return turns.length === turnsBefore + 2 && last?.role === 'assistant' && last.status === 'done';
    }, 'the turn ends');
  }

  test('three turns, then "Restore files to here" on the second message brings back the bytes after turn 1', async () => {
    await agentTurn('Rename the greeting.', [{ name: 'edit_file', args: { path: `${FOLDER}/a.ts`, old_string: '"hello"', new_string: '"hi"' } }]);
    const afterTurn1 = await readFile(path('a.ts'));
    assert.equal(afterTurn1.toString('utf8'), 'export const greeting = "hi";\r\nexport const count = 1;\r\n', 'the CRLF file was edited in place');
    await agentTurn('Count two, and start a helper.', [
      { name: 'edit_file', args: { path: `${FOLDER}/a.ts`, old_string: 'count = 1', new_string: 'count = 2' } },
      { name: 'write_file', args: { path: `${FOLDER}/helper.ts`, content: 'export function helper(): number {\n  return 2;\n}\n' } },
    ]);
    await agentTurn('Add a note.', [{ name: 'edit_file', args: { path: `${FOLDER}/notes.md`, old_string: 'first line', new_string: 'first line\nsecond line' } }]);
    assert.equal((await readFile(path('helper.ts'), 'utf8')).includes('helper'), true);

    // The conversation's messages refer to their checkpoints, on disk (so this works after a reload).
    const conversationId = api.currentConversation()?.id ?? '';
    const stored = JSON.parse(await readFile(join(api.conversationsFolder(), `${conversationId}.json`), 'utf8')) as StoredConversation;
    const userTurns = stored.turns.filter((turn) => turn.role === 'user');
    assert.equal(userTurns.length, 3);
    assert.ok(userTurns.every((turn) => typeof turn.checkpointId === 'string' && turn.checkpointId.length > 0), 'each message names its checkpoint');
    const usage = await api.checkpoints.usage();
    assert.ok(usage && usage.usedBytes > ORIGINAL_A.length && usage.maxBytes === 200 * 1024 * 1024, `journal size ${JSON.stringify(usage)}`);

    api.simulateChatWebviewMessages([{ type: 'restoreFiles', turnId: userTurns[1]!.id }]);
    const question = await waitFor(() => api.checkpoints.pendingRestore(), 'the restore asks, with its preview');
    assert.deepEqual(question.files, [
      { path: `${FOLDER}/a.ts`, change: 'restored to its earlier version' },
      { path: `${FOLDER}/helper.ts`, change: 'deleted (Kimi created it)' },
      { path: `${FOLDER}/notes.md`, change: 'restored to its earlier version' },
    ]);
    assert.match(question.title, /before message 2 \(checkpoint journal: .* of 200\.0 MB\)/);
    const preview = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label.startsWith('Kimi: restore files'));
    assert.ok(preview, 'the multi-file diff of the restore is open');
    assert.ok(api.checkpoints.answerRestore(true));

    await waitFor(() => api.checkpoints.lastNotice(), 'the restore reports');
    assert.deepEqual(api.checkpoints.lastNotice(), { level: 'info', message: 'Restored 3 files to before message 2.' });
    assert.deepEqual(await readFile(path('a.ts')), afterTurn1, 'a.ts has the bytes it had after turn 1');
    assert.deepEqual(await readFile(path('notes.md')), ORIGINAL_B, 'notes.md has its original bytes');
    await assert.rejects(readFile(path('helper.ts')), /ENOENT/, 'the file turn 2 created is gone');
  });

  test("a user's edit since then is a conflict named per file, and nothing is written", async () => {
    const conversation = api.currentConversation();
    const firstMessage = conversation?.turns.find((turn) => turn.role === 'user');
    assert.ok(firstMessage);
    const mine = Buffer.from('export const greeting = "mine";\r\nexport const count = 1;\r\n', 'utf8');
    await writeFile(path('a.ts'), mine);
    const notesBefore = await readFile(path('notes.md'));
    api.simulateChatWebviewMessages([{ type: 'restoreFiles', turnId: firstMessage.id }]);
    await waitFor(() => api.checkpoints.lastNotice()?.level === 'error', 'the restore refuses');
    assert.match(api.checkpoints.lastNotice()?.message ?? '', new RegExp(`^Nothing was restored: ${FOLDER}/a\\.ts: changed since Kimi's last edit`));
    assert.equal(api.checkpoints.pendingRestore(), undefined, 'no question was asked');
    assert.deepEqual(await readFile(path('a.ts')), mine);
    assert.deepEqual(await readFile(path('notes.md')), notesBefore);
  });

  test('"Restore conversation to here" cuts the conversation back and puts the message in the input', async () => {
    const before = api.currentConversation();
    const second = before?.turns.filter((turn) => turn.role === 'user')[1];
    assert.ok(second);
    api.simulateChatWebviewMessages([{ type: 'restoreConversation', turnId: second.id }]);
    await waitFor(() => api.currentConversation()?.turns.length === 2, 'the conversation is cut back to the first exchange');
    assert.equal(api.currentConversation()?.turns[0]?.role, 'user');
  });
});
