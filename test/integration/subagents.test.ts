// Subagents in the real extension host: the model's `task` call starts three subagents, each its own conversation
// with the workspace's read-only tools; the fake server makes one fail and rate-limits another past the client's own
// retries (the scheduler backs off and it goes on), and the answer still comes with the two reports. Stop on one
// subagent's card (the webview's own message) ends that one alone. The subagents are saved with the conversation
// and come back when it is reopened. A subagent allowed to edit proposes through the same change review as the
// parent: nothing is written unless the user accepts.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AssistantTurnView, SubagentView } from '../../src/common/protocol';
import { type ChatCompletionRequestBody, faults, firstUserText } from '../fixtures/fake-kimi/server';
import { fakeModelSuite, openCalculatorInNewChat, waitFor } from './fake-model';

const SUBAGENT_MARK = 'You are working as a subagent';
const isParent = (body: ChatCompletionRequestBody) => !String(body.messages[0]?.content).includes(SUBAGENT_MARK);
const ofTask = (prompt: string) => (body: ChatCompletionRequestBody) => !isParent(body) && firstUserText(body) === prompt;

const tasks = [
  { description: 'Read the calculator', prompt: 'What does src/calculator.ts export? Read it.' },
  { description: 'Name the language', prompt: 'Which language is the project written in?' },
  { description: 'Check the build', prompt: 'How is the project built?' },
];

suite('subagents in the real extension host', function () {
  this.timeout(90_000);
  const kimi = fakeModelSuite('subagents-test-key');

  const lastTurn = (): AssistantTurnView | undefined => {
    const turn = kimi.api.currentConversation()?.turns.at(-1);
    return turn?.role === 'assistant' ? turn : undefined;
  };
  const parentRequests = () => kimi.fake.requests.filter((request) => request.body && !request.rejected && isParent(request.body as ChatCompletionRequestBody));
  const toolResultOf = (body: ChatCompletionRequestBody) => {
    const message = body.messages.find((candidate) => candidate.role === 'tool');
    return message?.role === 'tool' ? String(message.content) : '';
  };

  test('three subagents, one fails: the parent gets two reports and answers; all is saved and restored', async () => {
    await openCalculatorInNewChat();
    kimi.fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Three independent questions: one subagent each.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks }) }] },
      { kind: 'reply', reasoning: 'Two of three reported.', content: 'calculator.ts exports add; the project is TypeScript. The build check failed.' },
    );
    kimi.fake.enqueueFor(ofTask(tasks[0]!.prompt),
      { kind: 'reply', reasoning: 'Read the file first.', toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: 'src/calculator.ts' }) }] },
      { kind: 'reply', reasoning: 'It exports add.', content: 'src/calculator.ts exports `add` (line 1).' },
    );
    // Rate limited past the client's own four attempts: the scheduler backs off (Retry-After: 0) and it goes on.
    kimi.fake.enqueueFor(ofTask(tasks[1]!.prompt), ...Array.from({ length: 4 }, () => faults.rateLimited(0)), { kind: 'reply', reasoning: 'The file ends in .ts.', content: 'TypeScript.' });
    // A connection cut after the answer began: the client cannot retry it, so this subagent fails.
    kimi.fake.enqueueFor(ofTask(tasks[2]!.prompt), faults.connectionReset(3, { reasoning: 'Looking at the build scripts, one at a time.', chunkSize: 4 }));

    await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Investigate with subagents.' });

    const turn = lastTurn();
    assert.ok(turn, 'the answer turn exists');
    assert.equal(turn.status, 'done');
    assert.equal(turn.text, 'calculator.ts exports add; the project is TypeScript. The build check failed.');
    const subagents = turn.subagents ?? [];
    assert.deepEqual(subagents.map((subagent) => [subagent.description, subagent.phase]), [
      ['Read the calculator', 'done'],
      ['Name the language', 'done'],
      ['Check the build', 'error'],
    ]);
    const taskCard = turn.toolCalls.find((card) => card.tool === 'task');
    assert.equal(taskCard?.summary, '3 subagents: 2 done, 1 failed');
    // The first subagent read the real file through the workspace tools of VS Code.
    assert.deepEqual(subagents[0]?.toolCalls.map((card) => [card.tool, card.target, card.status]), [['read_file', 'src/calculator.ts', 'done']]);
    assert.ok(subagents.slice(0, 2).every((subagent) => (subagent.usage?.completionTokens ?? 0) > 0 && subagent.cost !== undefined), 'tokens and cost per subagent');

    const result = toolResultOf(parentRequests().at(-1)?.body as ChatCompletionRequestBody);
    assert.match(result, /description="Read the calculator" status="done">\nsrc\/calculator\.ts exports `add` \(line 1\)\./);
    assert.match(result, /description="Name the language" status="done">\nTypeScript\./);
    assert.match(result, /description="Check the build" status="failed">\nThe subagent failed: /);
    const refused = kimi.fake.requests.filter((request) => request.rejected);
    assert.deepEqual(refused.map((request) => request.rejected?.status), [429, 429, 429, 429], `only the scripted 429s are refused: ${JSON.stringify(refused.map((request) => request.rejected?.body))}`);

    // Saved with the conversation: each subagent's own history, reasoning_content on every assistant message.
    const conversationId = kimi.api.currentConversation()?.id ?? '';
    const saved = JSON.parse(await readFile(join(kimi.api.conversationsFolder(), `${conversationId}.json`), 'utf8')) as { turns: { role: string; subagents?: { messages: { role: string; reasoningContent?: string }[] }[] }[] };
    const savedSubagents = saved.turns.at(-1)?.subagents ?? [];
    assert.equal(savedSubagents.length, 3);
    const reader = savedSubagents[0]?.messages ?? [];
    assert.deepEqual(reader.map((message) => message.role), ['assistant', 'tool', 'assistant']);
    assert.ok(reader.filter((message) => message.role === 'assistant').every((message) => (message.reasoningContent ?? '').length > 0));

    // Restored with it: a new chat, then the conversation reopened from history.
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    await waitFor(() => kimi.api.currentConversation() === undefined, 'the new chat is empty');
    kimi.api.simulateChatWebviewMessages([{ type: 'openConversation', id: conversationId }]);
    const reopened = await waitFor(() => (kimi.api.currentConversation()?.id === conversationId ? lastTurn() : undefined), 'the conversation reopens');
    assert.deepEqual(reopened.subagents, subagents, 'the subagent cards come back as they were');
  });

  test('Stop on one subagent ends that one alone; the other reports and the parent answers', async () => {
    await openCalculatorInNewChat();
    const two = [
      { description: 'Think for a long time', prompt: 'Think about everything in this workspace.' },
      { description: 'Answer quickly', prompt: 'Say which file holds add.' },
    ];
    kimi.fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Two subagents.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks: two }) }] },
      { kind: 'reply', reasoning: 'One came back.', content: 'add is in src/calculator.ts; the other task was stopped.' },
    );
    kimi.fake.enqueueFor(ofTask(two[0]!.prompt), faults.hang(3, { reasoning: 'This needs a very long think, so here it goes slowly.', chunkSize: 4 }));
    kimi.fake.enqueueFor(ofTask(two[1]!.prompt), { kind: 'reply', reasoning: 'Known.', content: 'src/calculator.ts.', chunkSize: 2, chunkDelayMs: 100 });

    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Two subagents, one stopped.' });
    const slow = await waitFor(
      () => lastTurn()?.subagents?.find((subagent: SubagentView) => subagent.description === two[0]!.description && subagent.note === 'Thinking…'),
      'the slow subagent is thinking',
    );
    // What the Stop button on its card posts, through the host's validation and routing.
    kimi.api.simulateChatWebviewMessages([{ type: 'stopSubagent', subagentId: slow.id }]);
    await waitFor(() => lastTurn()?.subagents?.find((subagent) => subagent.id === slow.id)?.phase === 'stopped', 'the stopped subagent shows stopped');
    assert.equal(lastTurn()?.status, 'streaming', 'the answer goes on');
    await asked;

    const turn = lastTurn();
    assert.equal(turn?.status, 'done');
    assert.deepEqual(turn?.subagents?.map((subagent) => subagent.phase), ['stopped', 'done']);
    assert.equal(turn?.text, 'add is in src/calculator.ts; the other task was stopped.');
    const hung = kimi.fake.requests.find((request) => request.body && firstUserText(request.body as ChatCompletionRequestBody) === two[0]!.prompt);
    assert.ok(hung?.closedBeforeEnd, "the stopped subagent's request was cut");
    const result = toolResultOf(parentRequests().at(-1)?.body as ChatCompletionRequestBody);
    assert.match(result, /description="Think for a long time" status="stopped by the user">/);
    assert.match(result, /description="Answer quickly" status="done">\nsrc\/calculator\.ts\./);
  });

  test('a subagent allowed to edit proposes through the same review: rejected, the file stays as it was', async () => {
    const hashOfCalculator = await openCalculatorInNewChat();
    const before = await hashOfCalculator();
    const prompt = 'Rename add to sum in src/calculator.ts.';
    kimi.fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Delegate the edit.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ description: 'Rename add', prompt, tools: 'edit' }) }] },
      { kind: 'reply', reasoning: 'It was rejected.', content: 'The rename was rejected.' },
    );
    kimi.fake.enqueueFor(ofTask(prompt),
      { kind: 'reply', reasoning: 'Edit it.', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: 'src/calculator.ts', old_string: 'export function add(', new_string: 'export function sum(' }) }] },
      { kind: 'reply', reasoning: 'Rejected.', content: 'The user rejected the rename.' },
    );
    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Rename through a subagent.' });
    const review = await waitFor(async () => (await kimi.api.pendingReviews())[0], 'the subagent\'s change opens for review');
    assert.equal(review.relativePath, 'src/calculator.ts');
    await waitFor(() => lastTurn()?.subagents?.[0]?.toolCalls[0]?.status === 'awaiting-approval', "the subagent's card waits for the review");
    await vscode.commands.executeCommand('kimiAssistant.rejectChange', review.id);
    await asked;
    const turn = lastTurn();
    assert.deepEqual(turn?.subagents?.map((subagent) => subagent.phase), ['done']);
    assert.deepEqual(turn?.subagents?.[0]?.toolCalls.map((call) => [call.tool, call.status]), [['edit_file', 'rejected']]);
    assert.equal(await hashOfCalculator(), before, 'no file changed');
  });
});
