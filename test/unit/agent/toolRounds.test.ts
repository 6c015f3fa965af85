// The agent loop's rounds: answering without tools, feeding tool results back, and how each kind of failure
// (bad arguments, unknown tools, throwing executors, stream errors, limits) ends up in the history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/common/agent/agentLoop';
import type { ChatMessage, StreamEvent } from '../../../src/common/llm/types';
import { assertEveryCallAnswered, done, fakeTools, kimiError, recordingObserver, scriptedModel, toolCall, type ScriptedStep } from './agentFakes';

const history: ChatMessage[] = [
  { role: 'system', content: 'You are a test.' },
  { role: 'user', content: 'Where is main?' },
];

const readFileTools = () =>
  fakeTools({ read_file: async (call) => done(`contents of ${String((call.arguments as { path?: string }).path)}`) }, ['read_file']);

function run(steps: ScriptedStep[], tools = readFileTools(), maxSteps = 10) {
  const model = scriptedModel(steps);
  const observer = recordingObserver();
  const result = runAgentTurn(history, { maxSteps, webSearch: false, stream: model.stream, tools }, observer, new AbortController().signal);
  return { model, observer, tools, result };
}

describe('runAgentTurn: rounds', () => {
  test('an answer without tools ends the turn after one step with one assistant message', async () => {
    const { result, observer, model } = run([
      [
        { type: 'reasoning', text: 'Think' },
        { type: 'reasoning', text: 'ing.' },
        { type: 'text', text: 'It is ' },
        { type: 'text', text: 'in src/main.ts.' },
        { type: 'finish', reason: 'stop' },
      ],
    ]);
    assert.deepEqual(await result, { reason: 'answered', steps: 1 });
    assert.deepEqual(observer.messages, [{ role: 'assistant', content: 'It is in src/main.ts.', reasoningContent: 'Thinking.' }]);
    assert.deepEqual(model.requests, [history]);
    assert.deepEqual(
      observer.events.filter((event) => event.kind === 'reasoning' || event.kind === 'text'),
      [
        { kind: 'reasoning', text: 'Think' },
        { kind: 'reasoning', text: 'ing.' },
        { kind: 'text', text: 'It is ' },
        { kind: 'text', text: 'in src/main.ts.' },
      ],
    );
  });

  test('one tool round: the assistant message keeps reasoning and call ids, tool messages answer in the model order', async () => {
    const first = toolCall('functions.read_file:0', 'read_file', '{"path":"a.ts"}', 0);
    const second = toolCall('functions.read_file:1', 'read_file', '{"path":"b.ts"}', 1);
    const { result, observer, model } = run([
      [
        { type: 'reasoning', text: 'I need both files.' },
        { type: 'toolCall', call: first },
        { type: 'toolCall', call: second },
        { type: 'finish', reason: 'tool_calls' },
      ],
      [{ type: 'text', text: 'Done.' }, { type: 'finish', reason: 'stop' }],
    ]);
    assert.deepEqual(await result, { reason: 'answered', steps: 2 });
    const expectedTurn: ChatMessage[] = [
      {
        role: 'assistant',
        reasoningContent: 'I need both files.',
        toolCalls: [
          { id: 'functions.read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' },
          { id: 'functions.read_file:1', name: 'read_file', argumentsText: '{"path":"b.ts"}' },
        ],
      },
      { role: 'tool', toolCallId: 'functions.read_file:0', content: 'contents of a.ts' },
      { role: 'tool', toolCallId: 'functions.read_file:1', content: 'contents of b.ts' },
    ];
    assert.deepEqual(observer.messages, [...expectedTurn, { role: 'assistant', content: 'Done.', reasoningContent: '' }]);
    // The second request replays the first step exactly, after the original history.
    assert.deepEqual(model.requests[1], [...history, ...expectedTurn]);
    assert.equal('content' in (observer.messages[0] as object), false, 'a tool-call message without text has no content');
  });

  test('each batch reported through onMessages is complete: the assistant call first, its answers in one batch after', async () => {
    const call = toolCall('c1', 'read_file', '{"path":"a.ts"}');
    const { result, observer } = run([[{ type: 'toolCall', call }, { type: 'finish', reason: 'tool_calls' }], [{ type: 'text', text: 'ok' }]]);
    await result;
    const batches = observer.events.flatMap((event) => (event.kind === 'messages' ? [event.messages.map((message) => message.role)] : []));
    assert.deepEqual(batches, [['assistant'], ['tool'], ['assistant']]);
  });

  test('invalid JSON arguments become an error result naming the problem, and the loop goes on', async () => {
    const broken = toolCall('c1', 'read_file', '{"path": "a.ts"', 0);
    assert.ok(broken.parseError);
    const tools = readFileTools();
    const { result, observer } = run(
      [[{ type: 'toolCall', call: broken }, { type: 'finish', reason: 'tool_calls' }], [{ type: 'text', text: 'Retried.' }]],
      tools,
    );
    assert.deepEqual(await result, { reason: 'answered', steps: 2 });
    assert.deepEqual(tools.executed, [], 'a call with unparsable arguments never reaches the executor');
    const answer = observer.messages[1];
    assert.equal(answer?.role, 'tool');
    assert.match(answer.role === 'tool' ? answer.content : '', /^Error: the arguments of read_file are not valid JSON/);
    const resultEvent = observer.events.find((event) => event.kind === 'toolResult');
    assert.equal(resultEvent?.kind === 'toolResult' && resultEvent.outcome.status, 'error');
  });

  test('an unknown tool is passed to tools.execute, whose error result goes back to the model', async () => {
    const tools = readFileTools();
    const { result, observer } = run(
      [[{ type: 'toolCall', call: toolCall('c1', 'delete_everything', '{}') }, { type: 'finish', reason: 'tool_calls' }], [{ type: 'text', text: 'Sorry.' }]],
      tools,
    );
    assert.equal((await result).reason, 'answered');
    assert.deepEqual(tools.executed, ['c1']);
    assert.deepEqual(observer.messages[1], { role: 'tool', toolCallId: 'c1', content: 'Error: unknown tool delete_everything' });
  });

  test('an executor that throws gives an error outcome, not an exception', async () => {
    const tools = fakeTools({
      read_file: async () => {
        throw new Error('disk on fire');
      },
    });
    const { result, observer } = run(
      [[{ type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') }, { type: 'finish', reason: 'tool_calls' }], [{ type: 'text', text: 'ok' }]],
      tools,
    );
    assert.deepEqual(await result, { reason: 'answered', steps: 2 });
    assert.deepEqual(observer.messages[1], { role: 'tool', toolCallId: 'c1', content: 'Error: read_file failed: disk on fire' });
    const resultEvent = observer.events.find((event) => event.kind === 'toolResult');
    assert.deepEqual(resultEvent?.kind === 'toolResult' && resultEvent.outcome, {
      content: 'Error: read_file failed: disk on fire',
      status: 'error',
      summary: 'failed',
    });
  });

  test('the step limit ends the turn with every call answered', async () => {
    const step = (index: number): StreamEvent[] => [
      { type: 'toolCall', call: toolCall(`c${index}`, 'read_file', '{"path":"a"}') },
      { type: 'finish', reason: 'tool_calls' },
    ];
    const { result, observer, model } = run([step(1), step(2), step(3), step(4)], readFileTools(), 3);
    assert.deepEqual(await result, { reason: 'stepLimit', steps: 3 });
    assert.equal(model.requests.length, 3);
    assert.deepEqual(
      observer.messages.map((message) => message.role),
      ['assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool'],
    );
    assertEveryCallAnswered(observer.messages);
  });

  test('an error mid-stream keeps the partial text in an assistant message without tool calls', async () => {
    const error = kimiError('network', 'The connection dropped.');
    const { result, observer } = run([
      [
        { type: 'reasoning', text: 'Hmm.' },
        { type: 'text', text: 'Partial ans' },
        { type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') },
        { type: 'error', error },
      ],
    ]);
    assert.deepEqual(await result, { reason: 'error', error, steps: 1 });
    assert.deepEqual(observer.messages, [{ role: 'assistant', content: 'Partial ans', reasoningContent: 'Hmm.' }]);
  });

  test('an error before any output adds no message', async () => {
    const error = kimiError('auth');
    const { result, observer } = run([[{ type: 'error', error }]]);
    assert.deepEqual(await result, { reason: 'error', error, steps: 1 });
    assert.deepEqual(observer.messages, []);
  });

  test('a stream that throws ends the turn with a protocol error instead of rejecting', async () => {
    const { result, observer } = run([
      async function* () {
        yield { type: 'text', text: 'Half' } satisfies StreamEvent;
        throw new Error('socket exploded');
      },
    ]);
    const outcome = await result;
    assert.equal(outcome.reason, 'error');
    assert.equal(outcome.error?.category, 'protocol');
    assert.equal(outcome.error?.detail, 'socket exploded');
    assert.deepEqual(observer.messages, [{ role: 'assistant', content: 'Half', reasoningContent: '' }]);
  });

  test('finish reason length ends with reason length', async () => {
    const { result } = run([[{ type: 'reasoning', text: 'Long thought' }, { type: 'finish', reason: 'length' }]]);
    assert.deepEqual(await result, { reason: 'length', steps: 1 });
  });

  test('$web_search is answered with its arguments unchanged, without the executor', async () => {
    const argumentsText = '{"search_result":{"search_id":"abc-123"},"usage":{"total_tokens":12}}';
    const tools = readFileTools();
    const { result, observer } = run(
      [[{ type: 'toolCall', call: toolCall('$web_search:0', '$web_search', argumentsText) }, { type: 'finish', reason: 'tool_calls' }], [{ type: 'text', text: 'Found.' }]],
      tools,
    );
    assert.equal((await result).reason, 'answered');
    assert.deepEqual(tools.executed, []);
    assert.deepEqual(observer.messages[1], { role: 'tool', toolCallId: '$web_search:0', content: argumentsText });
  });

  test('usage, cost and retry events reach the observer without adding messages', async () => {
    const { result, observer } = run([
      [
        { type: 'retry', attempt: 2, delayMs: 10, error: kimiError('rateLimited') },
        { type: 'text', text: 'Hi' },
        { type: 'usage', usage: { promptTokens: 10, cachedTokens: 0, completionTokens: 2, totalTokens: 12 } },
        { type: 'cost', cost: { usd: 0.001, estimated: true } },
        { type: 'finish', reason: 'stop' },
      ],
    ]);
    await result;
    assert.deepEqual(
      observer.events.flatMap((event) => (event.kind === 'other' ? [event.name] : [])),
      ['retry', 'usage', 'cost'],
    );
    assert.equal(observer.messages.length, 1);
  });

  test('each request gets its own messages array, not a view of the growing history', async () => {
    const seen: ChatMessage[][] = [];
    const steps: StreamEvent[][] = [[{ type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') }], [{ type: 'text', text: 'ok' }]];
    await runAgentTurn(
      history,
      {
        maxSteps: 5,
        webSearch: false,
        tools: readFileTools(),
        async *stream(request) {
          seen.push(request.messages);
          yield* steps[seen.length - 1] ?? [];
        },
      },
      recordingObserver(),
      new AbortController().signal,
    );
    assert.deepEqual(
      seen.map((messages) => messages.length),
      [2, 4],
    );
  });

  test('the caller\'s history array is not modified', async () => {
    const original = structuredClone(history);
    const { result } = run([[{ type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') }], [{ type: 'text', text: 'ok' }]]);
    await result;
    assert.deepEqual(history, original);
  });
});
