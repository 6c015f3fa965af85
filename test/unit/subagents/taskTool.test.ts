// The `task` tool end to end on plain Node: a real answer (runAssistantTurn, the agent loop, the Kimi client)
// against the strict fake Moonshot server, whose subagents read a real workspace through the real tool set.
// One subagent fails, one is rate limited and backs off, and the parent still answers with the reports it got;
// Stop on one subagent ends it alone; the records survive the stored-conversation schema.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApprovalBroker } from '../../../src/common/agent/approvals';
import { runAssistantTurn, type TurnEnvironment } from '../../../src/common/chat/assistantTurn';
import { newAssistantTurn, newConversation, newUserTurn } from '../../../src/common/conversations/newConversation';
import { storedConversationSchema, type StoredAssistantTurn, type StoredConversation } from '../../../src/common/conversations/model';
import { toAssistantView } from '../../../src/common/conversations/viewModel';
import { RetryPolicy } from '../../../src/common/llm/retryPolicy';
import { AssistantTurnSchema, type HostToWebviewMessage } from '../../../src/common/protocol';
import { defaultSettings } from '../../../src/common/settings';
import { SubagentScheduler } from '../../../src/common/subagents/scheduler';
import { SUBAGENT_INSTRUCTIONS } from '../../../src/common/subagents/subagentJob';
import { SensitiveConsents } from '../../../src/common/tools/consentGate';
import { createToolSet } from '../../../src/common/tools/toolSet';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';
import { faults, firstUserText, startFakeKimi, type ChatCompletionRequestBody, type FakeKimi } from '../../fixtures/fake-kimi/server';
import { clientOf, recordingClock } from '../llm/fakeKimiHarness';

const tasks = [
  { description: 'Find the parser', prompt: 'Where is the parser? Read notes.md.' },
  { description: 'Check the tests', prompt: 'Which test framework is used?' },
  { description: 'Look at the build', prompt: 'How is the project built?' },
];
const ofTask = (prompt: string) => (body: ChatCompletionRequestBody) => firstUserText(body) === prompt;
const isParent = (body: ChatCompletionRequestBody) => !JSON.stringify(body.messages[0]).includes('You are working as a subagent');

interface Rig {
  fake: FakeKimi;
  root: string;
  scheduler: SubagentScheduler;
  posted: HostToWebviewMessage[];
  answer(text: string): { conversation: StoredConversation; turn: StoredAssistantTurn; done: Promise<unknown>; stop: () => void };
}

function rigFor(maxParallel: number): Rig {
  const rig = { posted: [] } as unknown as Rig;
  before(async () => {
    rig.fake = await startFakeKimi({ flavor: 'moonshot' });
    rig.root = mkdtempSync(join(tmpdir(), 'kimi-subagents-'));
    writeFileSync(join(rig.root, 'notes.md'), 'The parser lives in src/parse.ts.\n');
    // The back-off waits of the test are instant; what is waited is recorded by the clock.
    rig.scheduler = new SubagentScheduler({ maxParallel: () => maxParallel, retry: new RetryPolicy({ clock: recordingClock(), random: () => 0.5 }) });
    const client = clientOf(rig.fake, { retry: { clock: recordingClock(), random: () => 0.5 } });
    const approvals = new ApprovalBroker();
    const settings = () => ({ ...defaultSettings, 'autoApprove.readOnlyTools': true });
    const toolsFor = (recorder: Parameters<TurnEnvironment['tools']>[0], signal: AbortSignal) =>
      createToolSet({ workspace: new NodeWorkspace(rig.root, { ripgrep: false }), settings, approvals, recorder, consents: new SensitiveConsents(), signal }, { readOnly: false });
    const environment: TurnEnvironment = {
      modelLabel: () => 'Kimi K2.6',
      connect: async () => ({ ok: true, stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }) }),
      rulesFiles: async () => [],
      tools: toolsFor,
      limits: () => ({ maxSteps: 6, webSearch: false }),
      subagents: { scheduler: rig.scheduler, tools: toolsFor },
    };
    rig.answer = (text) => {
      const conversation = newConversation(text, Date.now());
      conversation.turns.push(newUserTurn({ text, chips: [], images: [], context: [] }));
      const turn = newAssistantTurn('Kimi K2.6', Date.now());
      conversation.turns.push(turn);
      const abort = new AbortController();
      const done = runAssistantTurn(conversation, turn, environment, {
        post: (message) => void rig.posted.push(structuredClone(message)),
        persist: () => undefined,
        signal: abort.signal,
        now: Date.now,
        warn: () => undefined,
      });
      return { conversation, turn, done, stop: () => abort.abort() };
    };
  });
  after(async () => {
    await rig.fake.close();
    rmSync(rig.root, { recursive: true, force: true });
  });
  return rig;
}

describe('task tool: three subagents, one fails, one backs off', () => {
  const rig = rigFor(2);

  test('the parent gets two reports and a failure, and answers; every request is one the API accepts', async () => {
    const { fake } = rig;
    fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Three independent questions: subagents.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks }) }] },
      { kind: 'reply', reasoning: 'Two reports came back.', content: 'The parser is in src/parse.ts and the tests use node:test; the build check failed.' },
    );
    fake.enqueueFor(ofTask(tasks[0]!.prompt),
      { kind: 'reply', reasoning: 'Read the notes.', toolCalls: [{ name: 'read_file', arguments: '{"path":"notes.md"}' }] },
      { kind: 'reply', reasoning: 'Found it.', content: 'The parser is in src/parse.ts (notes.md line 1).' },
    );
    fake.enqueueFor(ofTask(tasks[1]!.prompt),
      // Four 429s use up the client's own retries; the scheduler then backs off and the subagent goes on.
      faults.rateLimited(0), faults.rateLimited(0), faults.rateLimited(0), faults.rateLimited(0),
      { kind: 'reply', reasoning: 'Easy.', content: 'The tests use node:test.' },
    );
    fake.enqueueFor(ofTask(tasks[2]!.prompt), faults.connectionReset(3, { reasoning: 'Looking at the build scripts now, one by one.', chunkSize: 4 }));

    const { conversation, turn, done } = rig.answer('Investigate the project.');
    await done;

    assert.equal(turn.status, 'done');
    assert.equal(turn.text, 'The parser is in src/parse.ts and the tests use node:test; the build check failed.');
    const subagents = turn.subagents ?? [];
    assert.deepEqual(subagents.map((subagent) => [subagent.description, subagent.phase]), [
      ['Find the parser', 'done'],
      ['Check the tests', 'done'],
      ['Look at the build', 'error'],
    ]);
    const taskCard = turn.toolCards.find((card) => card.tool === 'task');
    assert.equal(taskCard?.status, 'done');
    assert.equal(taskCard?.summary, '3 subagents: 2 done, 1 failed');
    assert.ok(subagents.every((subagent) => subagent.callId === taskCard?.id), 'each subagent names the call that started it');

    // What the parent read: both reports, and the failure said as such.
    const parentFollowUp = fake.requests.filter((request) => !request.rejected && isParent(request.body as ChatCompletionRequestBody)).at(-1);
    const toolMessage = (parentFollowUp?.body as ChatCompletionRequestBody).messages.find((message) => message.role === 'tool');
    const result = toolMessage?.role === 'tool' ? String(toolMessage.content) : '';
    assert.match(result, /status="done">\nThe parser is in src\/parse\.ts \(notes\.md line 1\)\./);
    assert.match(result, /status="done">\nThe tests use node:test\./);
    assert.match(result, /description="Look at the build" status="failed">\nThe subagent failed: /);

    // The first subagent read the real file through the real tool set; its card id is its own.
    const [parser, tests] = subagents;
    assert.deepEqual(parser?.toolCards.map((card) => [card.tool, card.target, card.status]), [['read_file', 'notes.md', 'done']]);
    assert.match(parser?.toolCards[0]?.id ?? '', new RegExp(`^${parser?.id}/`));
    assert.match(String(parser?.messages.find((message) => message.role === 'tool')?.content), /The parser lives in src\/parse\.ts/);
    // Its history keeps reasoning_content on every assistant message, so its second request was accepted.
    assert.ok(parser?.messages.filter((message) => message.role === 'assistant').every((message) => message.role === 'assistant' && typeof message.reasoningContent === 'string' && message.reasoningContent.length > 0));
    const rejected = fake.requests.filter((request) => request.rejected);
    assert.equal(rejected.length, 4, `only the scripted 429s are refused: ${JSON.stringify(rejected.map((request) => request.rejected))}`);
    assert.ok(rejected.every((request) => request.rejected?.status === 429));
    assert.equal(tests?.report, 'The tests use node:test.', 'the rate-limited subagent resumed and reported');

    // A subagent's request: the parent's system prompt, its instructions, its task; no task tool, no write tools.
    const subagentRequest = fake.requests.find((request) => !isParent(request.body as ChatCompletionRequestBody))?.body as ChatCompletionRequestBody;
    assert.ok(String(subagentRequest.messages[0]?.content).endsWith(SUBAGENT_INSTRUCTIONS));
    assert.deepEqual(subagentRequest.tools?.map((tool) => tool.function.name), ['read_file', 'list_files', 'search', 'get_diagnostics']);
    const parentRequest = fake.requests[0]?.body as ChatCompletionRequestBody;
    assert.deepEqual(parentRequest.tools?.map((tool) => tool.function.name).slice(-1), ['task']);

    // Tokens and cost per subagent; the turn's cost includes what they spent.
    assert.ok(subagents.slice(0, 2).every((subagent) => (subagent.usage?.completionTokens ?? 0) > 0 && (subagent.cost?.usd ?? 0) > 0));
    const subagentUsd = subagents.reduce((sum, subagent) => sum + (subagent.cost?.usd ?? 0), 0);
    assert.ok((turn.cost?.usd ?? 0) > subagentUsd, 'the answer costs its own requests plus its subagents\'');

    // The view passes the protocol's schema; the record survives a save and a reload.
    assert.ok(AssistantTurnSchema.safeParse(toAssistantView(turn)).success);
    const reloaded = storedConversationSchema.parse(JSON.parse(JSON.stringify(conversation)));
    const reloadedTurn = reloaded.turns.at(-1);
    assert.equal(reloadedTurn?.role, 'assistant');
    assert.deepEqual(reloadedTurn?.role === 'assistant' ? reloadedTurn.subagents : undefined, turn.subagents);
    assert.ok(rig.posted.some((message) => message.type === 'turnUpdated' && message.turn.role === 'assistant' && message.turn.subagents?.some((subagent) => subagent.phase === 'running')), 'live status reached the view');
    assert.equal(rig.posted.filter((message) => message.type === 'notice' && message.group === 'retry').length, 0, "a subagent's retries show on its card, not as chat notices");
  });
});

describe('task tool: Stop', () => {
  const rig = rigFor(4);

  test('Stop on one subagent ends it alone; the parent gets the other reports', async () => {
    const { fake } = rig;
    const two = tasks.slice(0, 2);
    fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Two subagents.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks: two }) }] },
      { kind: 'reply', reasoning: 'One report.', content: 'Answered with one report.' },
    );
    fake.enqueueFor(ofTask(two[0]!.prompt), faults.hang(2, { reasoning: 'This will take a long time to think through.', chunkSize: 4 }));
    fake.enqueueFor(ofTask(two[1]!.prompt), { kind: 'reply', reasoning: 'Quick.', content: 'node:test', chunkDelayMs: 30, chunkSize: 2 });
    const { turn, done } = rig.answer('Two questions.');
    const hung = await waitFor(() => turn.subagents?.find((subagent) => subagent.description === two[0]!.description && subagent.note === 'Thinking…'));
    assert.equal(rig.scheduler.stop(hung.id), true);
    await done;
    assert.deepEqual(turn.subagents?.map((subagent) => subagent.phase), ['stopped', 'done']);
    assert.equal(turn.status, 'done');
    assert.equal(turn.text, 'Answered with one report.');
    const followUp = fake.requests.at(-1)?.body as ChatCompletionRequestBody;
    const result = String(followUp.messages.find((message) => message.role === 'tool')?.content);
    assert.match(result, /status="stopped by the user">\nThe user stopped this subagent\./);
    assert.match(result, /status="done">\nnode:test/);
  });

  test("Stop on the turn ends every subagent and the answer; nothing is left running", async () => {
    const { fake } = rig;
    fake.enqueueFor(isParent, { kind: 'reply', reasoning: 'Subagents.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks }) }] });
    for (const task of tasks) fake.enqueueFor(ofTask(task.prompt), faults.hang(3, { reasoning: 'Thinking hard about it for a while.', chunkSize: 4 }));
    const { turn, done, stop } = rig.answer('Three questions, stopped.');
    await waitFor(() => turn.subagents?.length === 3 && turn.subagents.every((subagent) => subagent.note === 'Thinking…'));
    stop();
    await done;
    assert.equal(turn.status, 'stopped');
    assert.deepEqual(turn.subagents?.map((subagent) => subagent.phase), ['stopped', 'stopped', 'stopped']);
    assert.equal(rig.scheduler.running, 0);
  });

  test('a subagent asked to write gets no write tool: the call is refused and no file changes', async () => {
    const { fake, root } = rig;
    const prompt = 'Write a file.';
    fake.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Delegate.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ description: 'Write', prompt }) }] },
      { kind: 'reply', reasoning: 'Done.', content: 'It could not write.' },
    );
    fake.enqueueFor(ofTask(prompt),
      { kind: 'reply', reasoning: 'Try anyway.', toolCalls: [{ name: 'write_file', arguments: '{"path":"notes.md","content":"overwritten"}' }] },
      { kind: 'reply', reasoning: 'Refused.', content: 'I cannot write files.' },
    );
    const { turn, done } = rig.answer('Write something.');
    await done;
    const [writer] = turn.subagents ?? [];
    assert.deepEqual(writer?.toolCards.map((card) => [card.tool, card.status, card.summary]), [['write_file', 'error', 'unavailable']]);
    assert.equal(readFileSync(join(root, 'notes.md'), 'utf8'), 'The parser lives in src/parse.ts.\n');
    assert.equal(writer?.report, 'I cannot write files.');
  });
});

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
