// How the calls of one response are scheduled: consecutive read-only calls together, calls that change
// something one at a time in the model's order, results always in the model's order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn, type ToolOutcome } from '../../../src/common/agent/agentLoop';
import type { AssembledToolCall, StreamEvent } from '../../../src/common/llm/types';
import { deferred, done, fakeTools, recordingObserver, scriptedModel, settleUntil, toolCall, type Deferred } from './agentFakes';

/** Executors that log start/end and finish only when the test releases them, one release per call id. */
function gatedExecutors() {
  const log: string[] = [];
  const gates = new Map<string, Deferred<void>>();
  const gateOf = (id: string) => {
    let gate = gates.get(id);
    if (!gate) {
      gate = deferred();
      gates.set(id, gate);
    }
    return gate;
  };
  const executor = async (call: AssembledToolCall): Promise<ToolOutcome> => {
    log.push(`start ${call.id}`);
    await gateOf(call.id).promise;
    log.push(`end ${call.id}`);
    return done(`result ${call.id}`);
  };
  return { log, executor, release: (id: string) => gateOf(id).resolve() };
}

function oneResponse(calls: AssembledToolCall[]): StreamEvent[] {
  return [...calls.map((call): StreamEvent => ({ type: 'toolCall', call })), { type: 'finish', reason: 'tool_calls' }];
}

describe('runAgentTurn: tool scheduling', () => {
  test('read-only calls of one response run at the same time', async () => {
    const { log, executor, release } = gatedExecutors();
    const tools = fakeTools({ read_file: executor, search: executor }, ['read_file', 'search']);
    const calls = [toolCall('r1', 'read_file', '{}', 0), toolCall('r2', 'search', '{}', 1), toolCall('r3', 'read_file', '{}', 2)];
    const model = scriptedModel([oneResponse(calls), [{ type: 'text', text: 'ok' }]]);
    const observer = recordingObserver();
    const turn = runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, new AbortController().signal);

    await settleUntil(() => log.length >= 3);
    // All three started while none has finished: they run concurrently.
    assert.deepEqual(log, ['start r1', 'start r2', 'start r3']);
    // Finishing out of order still answers in the model's order.
    release('r3');
    release('r1');
    release('r2');
    assert.equal((await turn).reason, 'answered');
    assert.deepEqual(
      observer.messages.flatMap((message) => (message.role === 'tool' ? [message.toolCallId] : [])),
      ['r1', 'r2', 'r3'],
    );
  });

  test('calls that change files run one at a time, in the model order', async () => {
    const { log, executor, release } = gatedExecutors();
    const tools = fakeTools({ edit_file: executor, write_file: executor });
    const calls = [toolCall('w1', 'edit_file', '{}', 0), toolCall('w2', 'write_file', '{}', 1), toolCall('w3', 'edit_file', '{}', 2)];
    const model = scriptedModel([oneResponse(calls), [{ type: 'text', text: 'ok' }]]);
    const turn = runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, recordingObserver(), new AbortController().signal);

    await settleUntil(() => log.length >= 2);
    assert.deepEqual(log, ['start w1'], 'the second write waits for the first');
    release('w2');
    release('w3');
    await settleUntil(() => log.length >= 2);
    assert.deepEqual(log, ['start w1'], 'releasing later calls early does not let them overtake');
    release('w1');
    await turn;
    assert.deepEqual(log, ['start w1', 'end w1', 'start w2', 'end w2', 'start w3', 'end w3']);
  });

  test('a write is a barrier: reads before it finish first, reads after it wait for it', async () => {
    const { log, executor, release } = gatedExecutors();
    const tools = fakeTools({ read_file: executor, edit_file: executor }, ['read_file']);
    const calls = [
      toolCall('r1', 'read_file', '{}', 0),
      toolCall('r2', 'read_file', '{}', 1),
      toolCall('w1', 'edit_file', '{}', 2),
      toolCall('r3', 'read_file', '{}', 3),
      toolCall('r4', 'read_file', '{}', 4),
    ];
    const model = scriptedModel([oneResponse(calls), [{ type: 'text', text: 'ok' }]]);
    const observer = recordingObserver();
    const turn = runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, new AbortController().signal);

    await settleUntil(() => log.length >= 3);
    assert.deepEqual(log, ['start r1', 'start r2']);
    release('r2');
    release('r1');
    await settleUntil(() => log.includes('start w1'));
    assert.deepEqual(log.slice(2), ['end r2', 'end r1', 'start w1']);
    release('r3');
    release('r4');
    await settleUntil(() => log.length >= 7);
    assert.equal(log.at(-1), 'start w1', 'the reads after the edit wait for it');
    release('w1');
    await turn;
    assert.deepEqual(log.slice(5), ['end w1', 'start r3', 'start r4', 'end r3', 'end r4']);
    assert.deepEqual(
      observer.messages.flatMap((message) => (message.role === 'tool' ? [message.content] : [])),
      ['result r1', 'result r2', 'result w1', 'result r3', 'result r4'],
    );
  });

  test('the observer sees pending while streaming, then running and a result for each executed call', async () => {
    const tools = fakeTools({ read_file: async () => done('x') }, ['read_file']);
    const model = scriptedModel([oneResponse([toolCall('r1', 'read_file', '{}')]), [{ type: 'text', text: 'ok' }]]);
    const observer = recordingObserver();
    await runAgentTurn([], { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, new AbortController().signal);
    assert.deepEqual(
      observer.events.filter((event) => event.kind === 'toolCall' || event.kind === 'toolResult').map((event) => (event.kind === 'toolCall' ? event.status : 'result')),
      ['pending', 'running', 'result'],
    );
  });
});
