// The turn recorder: what the chat view is told and what the stored turn holds after each agent event.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredAssistantTurn } from '../../../src/common/conversations/model';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import type { AssembledToolCall, ChatMessage, KimiError } from '../../../src/common/llm/types';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
import { assistantTurn } from './conversationFixtures';

function setUp(turn: StoredAssistantTurn = assistantTurn('a1', { status: 'streaming', startedAt: 1000 })) {
  const posted: HostToWebviewMessage[] = [];
  const persisted: boolean[] = [];
  const clock = { now: 1000 };
  const recorder = new TurnRecorder(turn, {
    post: (message) => posted.push(message),
    persist: (complete) => persisted.push(complete),
    describeTarget: (call) => `target of ${call.id}`,
    now: () => clock.now,
  });
  return { recorder, turn, posted, persisted, clock };
}

const call = (id: string, name = 'read_file'): AssembledToolCall => ({ id, name, argumentsText: '{}', arguments: {}, index: 0 });
const toolMessage = (id: string): ChatMessage => ({ role: 'tool', toolCallId: id, content: 'result' });
const usage = (promptTokens: number, cachedTokens: number, completionTokens: number) => ({
  promptTokens,
  cachedTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
});

function deltas(posted: HostToWebviewMessage[]) {
  return posted.flatMap((message) => (message.type === 'assistantDelta' ? [`${message.channel}:${message.text}`] : []));
}

function lastTurnUpdate(posted: HostToWebviewMessage[]) {
  const updates = posted.filter((message): message is Extract<HostToWebviewMessage, { type: 'turnUpdated' }> => message.type === 'turnUpdated');
  return updates.at(-1)?.turn;
}

describe('TurnRecorder: streaming', () => {
  test('every chunk is posted as an assistantDelta and persisted as incomplete', () => {
    const { recorder, turn, posted, persisted } = setUp();
    recorder.onReasoning('Let me ');
    recorder.onReasoning('think.');
    recorder.onText('Hello');
    recorder.onText(' world');
    assert.deepEqual(deltas(posted), ['reasoning:Let me ', 'reasoning:think.', 'text:Hello', 'text: world']);
    assert.ok(posted.every((message) => message.type !== 'assistantDelta' || message.turnId === 'a1'));
    assert.deepEqual(persisted, [false, false, false, false]);
    assert.equal(turn.reasoning, 'Let me think.');
    assert.equal(turn.text, 'Hello world');
  });

  test('empty chunks post nothing and do not swallow the next separator', () => {
    const { recorder, turn, posted } = setUp();
    recorder.onText('Step one.');
    recorder.onMessages([{ role: 'assistant', content: 'Step one.', reasoningContent: '', toolCalls: [{ id: 'c1', name: 'read_file', argumentsText: '{}' }] }]);
    recorder.onMessages([toolMessage('c1')]);
    recorder.onText('');
    recorder.onText('Step two.');
    assert.equal(turn.text, 'Step one.\n\nStep two.');
    assert.equal(deltas(posted).length, 2);
  });

  test('steps are separated by a blank line in text and in reasoning, not within a step', () => {
    const { recorder, turn, posted } = setUp();
    recorder.onReasoning('First');
    recorder.onReasoning(' thought.');
    recorder.onText('Looking.');
    recorder.onMessages([{ role: 'assistant', content: 'Looking.', reasoningContent: 'First thought.', toolCalls: [{ id: 'c1', name: 'read_file', argumentsText: '{}' }] }]);
    recorder.onMessages([toolMessage('c1')]);
    recorder.onReasoning('Second.');
    recorder.onText('Found');
    recorder.onText(' it.');
    assert.equal(turn.reasoning, 'First thought.\n\nSecond.');
    assert.equal(turn.text, 'Looking.\n\nFound it.');
    assert.deepEqual(deltas(posted).slice(3), ['reasoning:\n\nSecond.', 'text:\n\nFound', 'text: it.']);
  });

  test('the first text of a step without earlier text gets no separator', () => {
    const { recorder, turn } = setUp();
    recorder.onReasoning('Only reasoning first.');
    recorder.onMessages([toolMessage('c1')]);
    recorder.onText('Answer.');
    assert.equal(turn.text, 'Answer.');
  });

  test('reasoningMs is the time from the start until the first text', () => {
    const { recorder, turn, clock } = setUp();
    clock.now = 1500;
    recorder.onReasoning('hmm');
    clock.now = 4200;
    recorder.onText('Answer');
    clock.now = 9000;
    recorder.onText(' more');
    recorder.finish({ reason: 'answered', steps: 1 });
    assert.equal(turn.reasoningMs, 3200);
  });

  test('reasoningMs counts the model calls only, not the wait for the user to approve a tool', () => {
    const { recorder, turn, clock } = setUp();
    clock.now = 3000;
    recorder.onReasoning('I need to run the tests.');
    recorder.onToolCall(call('c1', 'run_command'), 'pending');
    // The user takes a minute to approve the command, then it runs for 4 s.
    clock.now = 63_000;
    recorder.onToolCall(call('c1', 'run_command'), 'running');
    clock.now = 67_000;
    recorder.onToolResult(call('c1', 'run_command'), { content: 'ok', status: 'done', summary: 'exit code 0' });
    recorder.onMessages([toolMessage('c1')]);
    clock.now = 69_500;
    recorder.onReasoning('They pass.');
    clock.now = 70_000;
    recorder.onText('All tests pass.');
    recorder.finish({ reason: 'answered', steps: 2 });
    assert.equal(turn.reasoningMs, 2000 + 3000);
  });

  test('reasoningMs stays unset without reasoning, and is set at the end when no text came', () => {
    const plain = setUp();
    plain.recorder.onText('Direct answer');
    plain.recorder.finish({ reason: 'answered', steps: 1 });
    assert.equal(plain.turn.reasoningMs, undefined);

    const onlyReasoning = setUp();
    onlyReasoning.recorder.onReasoning('long thought');
    onlyReasoning.clock.now = 6000;
    onlyReasoning.recorder.finish({ reason: 'length', steps: 1 });
    assert.equal(onlyReasoning.turn.reasoningMs, 5000);
  });

  test('complete events persist as complete: messages, tool results, the end', () => {
    const { recorder, persisted } = setUp();
    recorder.onMessages([{ role: 'assistant', content: 'x', reasoningContent: '' }]);
    recorder.onToolResult(call('c1'), { content: 'ok', status: 'done', summary: '1 line' });
    recorder.finish({ reason: 'answered', steps: 1 });
    assert.deepEqual(persisted, [true, true, true]);
  });

  test('onMessages appends to the stored messages in order', () => {
    const { recorder, turn } = setUp();
    const assistant: ChatMessage = { role: 'assistant', reasoningContent: 'r', toolCalls: [{ id: 'c1', name: 'read_file', argumentsText: '{}' }] };
    recorder.onMessages([assistant]);
    recorder.onMessages([toolMessage('c1')]);
    assert.deepEqual(turn.messages, [assistant, toolMessage('c1')]);
  });
});

describe('TurnRecorder: usage and cost', () => {
  test('usage is summed across steps; lastPromptTokens follows the latest call', () => {
    const { recorder, turn, posted } = setUp();
    recorder.onUsage(usage(1000, 0, 50));
    recorder.onUsage(usage(1200, 1000, 80));
    assert.deepEqual(turn.usage, { promptTokens: 2200, cachedTokens: 1000, completionTokens: 130 });
    assert.equal(recorder.lastPromptTokens, 1280);
    const view = lastTurnUpdate(posted);
    assert.deepEqual(view?.role === 'assistant' && view.usage, turn.usage);
  });

  test('cost is summed and estimated if any step was estimated', () => {
    const exact = setUp();
    exact.recorder.onCost({ usd: 0.25, estimated: false });
    exact.recorder.onCost({ usd: 0.5, estimated: false });
    assert.deepEqual(exact.turn.cost, { usd: 0.75, estimated: false });

    const mixed = setUp();
    mixed.recorder.onCost({ usd: 0.25, estimated: false });
    mixed.recorder.onCost({ usd: 0.5, estimated: true });
    mixed.recorder.onCost({ usd: 0.125, estimated: false });
    assert.deepEqual(mixed.turn.cost, { usd: 0.875, estimated: true });
  });

  test('a retry posts a warning notice with the wait in seconds and the next attempt number', () => {
    const { recorder, posted } = setUp();
    const error: KimiError = { category: 'rateLimited', message: 'Too many requests.', action: 'wait', retryable: true };
    recorder.onRetry(2, 2600, error);
    assert.deepEqual(posted.at(-1), { type: 'notice', level: 'warning', message: 'Too many requests. Retrying in 3 s (attempt 2).', group: 'retry' });
  });
});

describe('TurnRecorder: tool cards', () => {
  test('a card follows its call from pending to running to awaiting approval to the result', () => {
    const { recorder, turn, posted } = setUp();
    const edit = call('edit_file:0', 'edit_file');
    recorder.onToolCall(edit, 'pending');
    assert.deepEqual(turn.toolCards, [{ id: 'edit_file:0', tool: 'edit_file', target: 'target of edit_file:0', status: 'pending', textOffset: 0 }]);
    recorder.onToolCall(edit, 'running');
    recorder.markAwaitingApproval(edit, 'awaiting review');
    assert.equal(turn.toolCards[0]?.status, 'awaiting-approval');
    assert.equal(turn.toolCards[0]?.summary, 'awaiting review');
    recorder.onToolResult(edit, { content: 'accepted', status: 'done', summary: 'accepted 2 of 2 hunks' });
    assert.deepEqual(turn.toolCards, [
      { id: 'edit_file:0', tool: 'edit_file', target: 'target of edit_file:0', status: 'done', summary: 'accepted 2 of 2 hunks', textOffset: 0 },
    ]);
    const view = lastTurnUpdate(posted);
    assert.deepEqual(view?.role === 'assistant' && view.toolCalls, turn.toolCards);
  });

  test("each card remembers where in the turn's text the call was made, so the view can draw it there", () => {
    const { recorder, turn } = setUp();
    recorder.onText('Let me read it.');
    recorder.onToolCall(call('call_0'), 'pending');
    recorder.onToolCall(call('call_1', 'search'), 'pending');
    recorder.onToolResult(call('call_0'), { content: 'a', status: 'done', summary: '3 lines' });
    recorder.onMessages([toolMessage('call_0'), toolMessage('call_1')]);
    recorder.onText('It divides by zero.');
    recorder.onToolCall(call('call_2', 'edit_file'), 'pending');
    assert.equal(turn.text, 'Let me read it.\n\nIt divides by zero.');
    assert.deepEqual(
      turn.toolCards.map((card) => `${card.id}@${card.textOffset}`),
      ['call_0@15', 'call_1@15', `call_2@${turn.text.length}`],
      'a later status change keeps the place where the call was made',
    );
  });

  test('a call id reused by a later step gets a new card instead of overwriting the settled one', () => {
    const { recorder, turn } = setUp();
    recorder.onToolCall(call('call_0'), 'pending');
    recorder.onToolResult(call('call_0'), { content: 'a', status: 'done', summary: 'first' });
    recorder.onMessages([toolMessage('call_0')]);
    recorder.onToolCall(call('call_0', 'search'), 'pending');
    recorder.onToolCall(call('call_0', 'search'), 'running');
    recorder.onToolResult(call('call_0', 'search'), { content: 'b', status: 'error', summary: 'second' });
    assert.deepEqual(
      turn.toolCards.map((card) => `${card.tool} ${card.status} ${card.summary}`),
      ['read_file done first', 'search error second'],
    );
  });
});

describe('TurnRecorder: finish', () => {
  const cases = [
    { name: 'answered with text', text: 'Answer', result: { reason: 'answered', steps: 1 }, status: 'done', error: undefined },
    { name: 'answered with nothing', text: '', result: { reason: 'answered', steps: 1 }, status: 'done', error: /finished without an answer/ },
    { name: 'length after text', text: 'Cut sh', result: { reason: 'length', steps: 1 }, status: 'done', error: /cut short/ },
    { name: 'length during reasoning', text: '', result: { reason: 'length', steps: 1 }, status: 'done', error: /used up by reasoning/ },
    { name: 'step limit', text: 'Working', result: { reason: 'stepLimit', steps: 25 }, status: 'done', error: /maximum number of tool steps/ },
    { name: 'cancelled', text: 'Part', result: { reason: 'cancelled', steps: 1 }, status: 'stopped', error: undefined },
    {
      name: 'error',
      text: 'Part',
      result: { reason: 'error', steps: 1, error: { category: 'server', message: 'The server failed.', action: 'retry', detail: '502', retryable: true } },
      status: 'error',
      error: /The server failed\./,
    },
    {
      name: 'a cancelled error',
      text: 'Part',
      result: { reason: 'error', steps: 1, error: { category: 'cancelled', message: 'Stopped.', action: 'none', retryable: false } },
      status: 'stopped',
      error: undefined,
    },
  ] as const;

  for (const { name, text, result, status, error } of cases) {
    test(`${name}: status ${status}${error ? ' with a message' : ''}, partial text kept`, () => {
      const { recorder, turn, posted, persisted } = setUp();
      if (text) recorder.onText(text);
      recorder.finish(result);
      assert.equal(turn.status, status);
      assert.equal(turn.text, text);
      if (error) assert.match(turn.error?.message ?? '', error);
      else assert.equal(turn.error, undefined);
      assert.equal(persisted.at(-1), true);
      const view = lastTurnUpdate(posted);
      assert.equal(view?.role === 'assistant' && view.status, status);
    });
  }

  test('the actions point the user somewhere useful', () => {
    const length = setUp();
    length.recorder.finish({ reason: 'length', steps: 1 });
    assert.equal(length.turn.error?.action, 'openSettings');
    const failed = setUp();
    failed.recorder.finish({ reason: 'error', steps: 1, error: { category: 'auth', message: 'Bad key.', action: 'setKey', detail: 'd', retryable: false } });
    assert.deepEqual(failed.turn.error, { message: 'Bad key.', action: 'setKey', category: 'auth', detail: 'd' });
  });

  test('cards still pending, running or awaiting approval become rejected; settled ones stay', () => {
    const { recorder, turn } = setUp();
    recorder.onToolCall(call('a'), 'pending');
    recorder.onToolCall(call('b'), 'running');
    recorder.markAwaitingApproval(call('c'));
    recorder.onToolResult(call('d'), { content: '', status: 'done', summary: 'ok' });
    recorder.onToolResult(call('e'), { content: '', status: 'error', summary: 'bad' });
    recorder.finish({ reason: 'cancelled', steps: 1 });
    assert.deepEqual(
      turn.toolCards.map((card) => `${card.id}:${card.status}`),
      ['a:rejected', 'b:rejected', 'c:rejected', 'd:done', 'e:error'],
    );
  });
});
