// Long tasks in the real extension host, with the strict fake Kimi as the model: Plan mode offers no write tool
// (and refuses one the model asks for anyway), "Approve and run" switches to Agent with the edited plan in context
// and the run edits the file; on a fake with a small context window, automatic compaction keeps a conversation
// going that would otherwise overflow (before a turn and inside a long one), with the todo list intact.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi, RecordedRequest } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, resetFile, waitFor } from './fake-model';

const FILE = 'src/calculator.ts';
const ORIGINAL = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'workspaces', 'basic', FILE), 'utf8');
const WRITE_TOOLS = ['edit_file', 'write_file', 'run_command'];
const TODOS = { todos: [{ content: 'Swap the operands', status: 'in_progress' }, { content: 'Check the result', status: 'pending' }] };
const PLAN = '## Goal\nSwap the operands in add.\n\n## Steps\n1. Edit src/calculator.ts.\n\n## Risks\nNone.';

interface ChatBody {
  messages: { role: string; content?: unknown }[];
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
}

const chatBodies = (fake: FakeKimi, from = 0): ChatBody[] =>
  fake.requests.slice(from).filter((request: RecordedRequest) => request.path === '/v1/chat/completions').map((request) => request.body as ChatBody);
const toolNames = (body: ChatBody | undefined) => (body?.tools ?? []).map((tool) => tool.function.name);
const lastUserText = (body: ChatBody | undefined) => JSON.stringify(body?.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');

function lastAnswer(api: KimiAssistantApi) {
  const turn = api.currentConversation()?.turns.at(-1);
  return turn?.role === 'assistant' ? turn : undefined;
}

/** Sends a message as the chat webview would (validation and all) and waits for its answer to end. */
async function sendAndWait(api: KimiAssistantApi, text: string): Promise<void> {
  const before = api.currentConversation()?.turns.length ?? 0;
  api.simulateChatWebviewMessages([{ type: 'send', text, chips: [], images: [] }]);
  await waitFor(() => {
    const conversation = api.currentConversation();
    const turn = lastAnswer(api);
    return conversation && conversation.turns.length >= before + 2 && turn && turn.status !== 'streaming';
  }, `the answer to "${text}" ends`, 30_000);
}

suite('plan mode in the real extension host', function () {
  this.timeout(90_000);
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel('long-task-plan-key');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the integration workspace has a folder');
    uri = vscode.Uri.joinPath(root, FILE);
    const document = await resetFile(uri, ORIGINAL);
    if (document.isDirty) await document.save();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('kimiAssistant.rejectAllPending');
    await vscode.commands.executeCommand('kimiAssistant.setMode', 'agent');
    await resetFile(uri, ORIGINAL);
    await disconnectFakeModel(fake);
  });

  test('Plan offers no write tool and refuses one; Approve and run switches to Agent with the edited plan, and the run edits', async () => {
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    // The toolbar's switch posts this message; the command does the same from the palette.
    api.simulateChatWebviewMessages([{ type: 'setMode', mode: 'plan' }]);
    await waitFor(() => api.longTask().mode === 'plan', 'the chat is in Plan mode');

    const start = fake.requests.length;
    fake.enqueue(
      { kind: 'reply', reasoning: 'List the steps.', toolCalls: [{ name: 'todo_write', arguments: JSON.stringify(TODOS) }] },
      { kind: 'reply', reasoning: 'Read the file.', toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: FILE }) }] },
      // A model that tries to write anyway is refused: nothing is proposed.
      { kind: 'reply', reasoning: 'Just do it.', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: FILE, content: 'gone' }) }] },
      { kind: 'reply', reasoning: 'Write the plan.', content: PLAN },
    );
    await sendAndWait(api, 'Plan how to swap the operands in add.');

    const planBodies = chatBodies(fake, start);
    assert.equal(planBodies.length, 4);
    for (const body of planBodies) {
      assert.deepEqual(toolNames(body), ['read_file', 'list_files', 'search', 'get_diagnostics', 'todo_write']);
      assert.ok(!toolNames(body).some((name) => WRITE_TOOLS.includes(name)));
    }
    assert.match(lastUserText(planBodies[0]), /Plan mode: do not change anything/);
    const refused = lastAnswer(api)?.toolCalls.find((card) => card.tool === 'write_file');
    assert.equal(refused?.status, 'rejected');
    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL, 'Plan mode changed no file');
    assert.equal(api.pendingChanges().filter((change) => change.open).length, 0);

    const task = api.longTask();
    assert.equal(task.plan?.text, PLAN);
    assert.deepEqual(task.todos, TODOS.todos);

    const edited = `${PLAN}\n\nAlso: keep the comment.`;
    const approvedAt = fake.requests.length;
    fake.enqueue(
      { kind: 'reply', reasoning: 'Carry it out.', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: '  return a + b;', new_string: '  return b + a;' }) }] },
      { kind: 'reply', reasoning: 'Done.', content: 'Swapped.' },
    );
    // "Approve and run" in the plan panel posts this, with the text as the user edited it.
    api.simulateChatWebviewMessages([{ type: 'approvePlan', text: edited }]);
    await waitFor(() => api.pendingChanges().find((change) => change.relativePath === FILE && change.open), 'the approved run proposes the edit');
    await vscode.commands.executeCommand('kimiAssistant.acceptAllPending');
    await waitFor(() => lastAnswer(api)?.status === 'done' && lastAnswer(api)?.text === 'Swapped.', 'the approved run ends');

    assert.equal(await readFile(uri.fsPath, 'utf8'), ORIGINAL.replace('return a + b;', 'return b + a;'));
    assert.equal(api.longTask().mode, 'agent');
    assert.equal(api.longTask().plan, null, 'the plan is no longer offered');
    const runBody = chatBodies(fake, approvedAt)[0];
    assert.ok(WRITE_TOOLS.every((name) => toolNames(runBody).includes(name)), 'Agent mode offers the write tools');
    assert.match(lastUserText(runBody), /Approved plan/);
    assert.match(lastUserText(runBody), /Also: keep the comment\./);
    assert.deepEqual(fake.requests.filter((request) => request.rejected).map((request) => request.rejected), []);
  });
});

suite('compaction on a small-window model in the real extension host', function () {
  this.timeout(120_000);
  const WINDOW = 16_000;
  const BIG = 'src/long-notes.ts';
  // About 6,000 tokens when read or sent: three overflow the window, one fits.
  const BIG_TEXT = Array.from({ length: 400 }, (_, line) => `export const note${line} = 'a line of padding for the context window';`).join('\n');
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  let bigUri: vscode.Uri;
  const config = () => vscode.workspace.getConfiguration('kimiAssistant');

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel('long-task-compaction-key', { contextWindow: WINDOW });
    await config().update('maxOutputTokens', 2048, vscode.ConfigurationTarget.Global);
    await config().update('compaction.thresholdTokens', 5000, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.effectiveSettings().settings['compaction.thresholdTokens'] === 5000, 'the threshold is in effect');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root);
    bigUri = vscode.Uri.joinPath(root, BIG);
    await writeFile(bigUri.fsPath, BIG_TEXT);
  });

  suiteTeardown(async () => {
    await config().update('maxOutputTokens', undefined, vscode.ConfigurationTarget.Global);
    await config().update('compaction.thresholdTokens', undefined, vscode.ConfigurationTarget.Global);
    await rm(bigUri.fsPath, { force: true });
    await disconnectFakeModel(fake);
  });

  test('a big message, then two turns that each read a big file: compaction before a turn and inside each, the todo list stays', async () => {
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    const read = { kind: 'reply' as const, reasoning: 'Read the notes.', toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: BIG }) }] };
    const summary = (n: number) => ({ kind: 'reply' as const, reasoning: 'Summarize.', content: `## Goal\nReview the notes.\n\n## Decisions\nPass ${n}.\n\n## Files changed\nNone.\n\n## Open errors\nNone.\n\n## Next\nRead again.` });

    // Turn 1 fills most of the window with the message itself; turn 2 compacts it away before it starts.
    fake.enqueue({ kind: 'reply', reasoning: 'Read.', content: 'First pass done.' });
    await sendAndWait(api, `Review these notes, pass 1:\n${BIG_TEXT}`);
    // Turn 2 and 3 each read the big file: the next model call would pass the threshold, so the answer compacts first.
    fake.enqueue(summary(1), { kind: 'reply', reasoning: 'Plan.', toolCalls: [{ name: 'todo_write', arguments: JSON.stringify(TODOS) }] }, read, summary(2), { kind: 'reply', reasoning: 'Read.', content: 'Second pass done.' });
    await sendAndWait(api, 'Pass 2.');
    fake.enqueue(read, summary(3), { kind: 'reply', reasoning: 'Read.', content: 'Third pass done.' });
    await sendAndWait(api, 'Pass 3.');

    assert.deepEqual(fake.requests.filter((request) => request.rejected).map((request) => request.rejected), []);
    const answers = (api.currentConversation()?.turns ?? []).filter((turn) => turn.role === 'assistant');
    assert.deepEqual(answers.map((turn) => [turn.status, turn.text]), [['done', 'First pass done.'], ['done', 'Second pass done.'], ['done', 'Third pass done.']]);

    const { compactions, todos } = api.longTask();
    assert.equal(compactions.length, 3);
    assert.ok(compactions.every((card) => card.trigger === 'auto'));
    assert.deepEqual(compactions.map((card) => card.afterTurnId), [answers[0]?.id, answers[1]?.id, answers[2]?.id]);
    assert.ok(compactions.slice(1).every((card) => card.summary.includes('## Todo list\n[~] Swap the operands\n[ ] Check the result')));
    assert.ok(compactions.every((card) => card.cost && card.cost.usd > 0), "compaction's own cost is shown on its card");
    assert.deepEqual(todos, TODOS.todos, 'the todo list is intact after three compactions');

    // The summary requests ask for no tool but keep the tool list and the system prompt byte for byte.
    const bodies = chatBodies(fake);
    const summaryBodies = bodies.filter((body) => body.tool_choice === 'none');
    assert.equal(summaryBodies.length, 3);
    assert.ok(summaryBodies.every((body) => JSON.stringify(body.tools) === JSON.stringify(bodies[0]?.tools)));
    assert.ok(summaryBodies.every((body) => JSON.stringify(body.messages[0]) === JSON.stringify(bodies[0]?.messages[0])));
    const last = bodies.at(-1);
    assert.equal(last?.messages.length, 2, 'the last call goes on from the system prompt and the latest summary');
    assert.match(JSON.stringify(last?.messages[1]?.content), /Pass 3\./);
    assert.ok(!JSON.stringify(last?.messages).includes('Pass 2.'), 'older summaries are not sent again');
    const total = api.conversationCost()?.usd ?? 0;
    const turnsCost = answers.reduce((sum, turn) => sum + (turn.cost?.usd ?? 0), 0);
    assert.ok(total > turnsCost, 'the conversation cost includes the compactions');

    // Reopened from the saved file (as after a reload): the list and the compactions come back with it.
    const id = api.currentConversation()?.id ?? '';
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    assert.deepEqual(api.longTask().todos, []);
    api.simulateChatWebviewMessages([{ type: 'openConversation', id }]);
    await waitFor(() => api.currentConversation()?.id === id, 'the conversation reopens');
    assert.deepEqual(api.longTask().todos, TODOS.todos);
    assert.equal(api.longTask().compactions.length, 3);
  });
});
