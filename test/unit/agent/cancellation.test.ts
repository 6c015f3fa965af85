// Stop at any moment: during the stream, during a tool, between calls. The turn ends 'cancelled' and the
// history it leaves behind is valid for the next request (no tool call without its answer).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/common/agent/agentLoop';
import type { StreamEvent } from '../../../src/common/llm/types';
import { aborted, assertEveryCallAnswered, done, editThatWaitsForStop, fakeTools, kimiError, recordingObserver, scriptedModel, settleUntil, toolCall } from './agentFakes';

describe('runAgentTurn: cancellation', () => {
  test('Stop during the stream (cancelled error event) keeps the partial text and runs no tool', async () => {
    const controller = new AbortController();
    const tools = fakeTools({ read_file: async () => done('x') }, ['read_file']);
    const model = scriptedModel([
      async function* (request) {
        yield { type: 'reasoning', text: 'Reading' } satisfies StreamEvent;
        yield { type: 'text', text: 'Let me look' } satisfies StreamEvent;
        yield { type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') } satisfies StreamEvent;
        controller.abort();
        await aborted(request.signal);
        yield { type: 'error', error: kimiError('cancelled', 'Stopped.') } satisfies StreamEvent;
      },
    ]);
    const observer = recordingObserver();
    const result = await runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, controller.signal);
    assert.equal(result.reason, 'cancelled');
    assert.deepEqual(tools.executed, []);
    assert.deepEqual(observer.messages, [{ role: 'assistant', content: 'Let me look', reasoningContent: 'Reading' }]);
  });

  test('a stream that just ends after Stop, with a complete tool call, still ends cancelled and runs nothing', async () => {
    const controller = new AbortController();
    const tools = fakeTools({ read_file: async () => done('x') }, ['read_file']);
    const model = scriptedModel([
      async function* () {
        yield { type: 'text', text: 'Checking' } satisfies StreamEvent;
        yield { type: 'toolCall', call: toolCall('c1', 'read_file', '{"path":"a"}') } satisfies StreamEvent;
        controller.abort();
      },
    ]);
    const observer = recordingObserver();
    const result = await runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, controller.signal);
    assert.equal(result.reason, 'cancelled');
    assert.deepEqual(tools.executed, []);
    assert.deepEqual(observer.messages, [{ role: 'assistant', content: 'Checking', reasoningContent: '' }]);
    assertEveryCallAnswered(observer.messages);
  });

  test('a stream that just ends after Stop without tool calls is cancelled, not answered', async () => {
    const controller = new AbortController();
    const model = scriptedModel([
      async function* () {
        yield { type: 'text', text: 'Half an ans' } satisfies StreamEvent;
        controller.abort();
      },
    ]);
    const result = await runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools: fakeTools({}) }, recordingObserver(), controller.signal);
    assert.equal(result.reason, 'cancelled');
  });

  test('Stop during a tool: the running tool sees the signal, later calls are not run, every call is answered', async () => {
    const controller = new AbortController();
    const { tools, editStarted } = editThatWaitsForStop();
    const calls = [toolCall('e1', 'edit_file', '{}', 0), toolCall('cmd1', 'run_command', '{}', 1)];
    const model = scriptedModel([
      [...calls.map((call): StreamEvent => ({ type: 'toolCall', call })), { type: 'finish', reason: 'tool_calls' }],
      [{ type: 'text', text: 'never requested' }],
    ]);
    const observer = recordingObserver();
    const turn = runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, controller.signal);
    await settleUntil(editStarted);
    assert.ok(editStarted());
    controller.abort();
    const result = await turn;

    assert.equal(result.reason, 'cancelled');
    assert.equal(model.requests.length, 1, 'no model call after Stop');
    assert.deepEqual(tools.executed, ['e1']);
    assert.deepEqual(
      observer.messages.map((message) => (message.role === 'tool' ? `${message.toolCallId}: ${message.content}` : message.role)),
      ['assistant', 'e1: Rejected: the user stopped the request.', 'cmd1: Not run: the user stopped the request.'],
    );
    assertEveryCallAnswered(observer.messages);
    const statuses = observer.events.flatMap((event) => (event.kind === 'toolResult' ? [`${event.id} ${event.outcome.status}`] : []));
    assert.deepEqual(statuses, ['e1 rejected', 'cmd1 rejected']);
  });

  test('Stop during parallel reads: every read is answered and no further step starts', async () => {
    const controller = new AbortController();
    let started = 0;
    const tools = fakeTools(
      {
        read_file: async (_call, signal) => {
          started++;
          await aborted(signal);
          throw new Error('The operation was aborted');
        },
      },
      ['read_file'],
    );
    const calls = [toolCall('r1', 'read_file', '{}', 0), toolCall('r2', 'read_file', '{}', 1)];
    const model = scriptedModel([[...calls.map((call): StreamEvent => ({ type: 'toolCall', call })), { type: 'finish', reason: 'tool_calls' }]]);
    const observer = recordingObserver();
    const turn = runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, controller.signal);
    await settleUntil(() => started === 2);
    controller.abort();
    const result = await turn;
    assert.equal(result.reason, 'cancelled');
    assert.equal(model.requests.length, 1);
    assertEveryCallAnswered(observer.messages);
    assert.equal(observer.messages.length, 3);
  });

  test('a signal aborted before the turn starts ends it cancelled without adding messages', async () => {
    const controller = new AbortController();
    controller.abort();
    const model = scriptedModel([[{ type: 'error', error: kimiError('cancelled') }]]);
    const observer = recordingObserver();
    const result = await runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools: fakeTools({}) }, observer, controller.signal);
    assert.equal(result.reason, 'cancelled');
    assert.deepEqual(observer.messages, []);
  });
});
