import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collectCompletion, toHistoryMessage } from '../../../src/common/llm/completion';
import { makeKimiError } from '../../../src/common/llm/errors';
import type { StreamEvent } from '../../../src/common/llm/types';

async function* from(events: StreamEvent[]): AsyncGenerator<StreamEvent> {
  yield* events;
}

describe('collecting a completion', () => {
  test('joins deltas and keeps tool calls, usage, cost and finish', async () => {
    const call = { index: 0, id: 'read_file:3', name: 'read_file', argumentsText: '{"path":"a"}', arguments: { path: 'a' } };
    const result = await collectCompletion(
      from([
        { type: 'reasoning', text: 'Think ' },
        { type: 'reasoning', text: 'more.' },
        { type: 'text', text: 'Hi ' },
        { type: 'text', text: 'there' },
        { type: 'toolCall', call },
        { type: 'usage', usage: { promptTokens: 5, cachedTokens: 0, completionTokens: 3, totalTokens: 8 } },
        { type: 'cost', cost: { usd: 0.01, estimated: true } },
        { type: 'finish', reason: 'tool_calls', model: 'kimi-k2.6', requestId: 'r1' },
      ]),
    );
    assert.equal(result.reasoningContent, 'Think more.');
    assert.equal(result.content, 'Hi there');
    assert.deepEqual(result.toolCalls, [call]);
    assert.equal(result.finishReason, 'tool_calls');
    assert.equal(result.model, 'kimi-k2.6');
    assert.equal(result.cost?.usd, 0.01);
  });

  test('an error keeps the partial answer; cancellation shows as the finish reason', async () => {
    const result = await collectCompletion(from([{ type: 'text', text: 'par' }, { type: 'error', error: makeKimiError('cancelled', 'Stopped.') }]));
    assert.equal(result.content, 'par');
    assert.equal(result.finishReason, 'cancelled');
    assert.equal(result.error?.category, 'cancelled');
  });

  test('the history turn keeps reasoning and ids exactly, and drops parse details', () => {
    const message = toHistoryMessage({
      content: '',
      reasoningContent: '  exact\nreasoning ',
      toolCalls: [{ index: 0, id: 'functions.search:12', name: 'search', argumentsText: '{"pattern":', parseError: 'Unexpected end' }],
      finishReason: 'tool_calls',
    });
    assert.deepEqual(message, {
      role: 'assistant',
      reasoningContent: '  exact\nreasoning ',
      toolCalls: [{ id: 'functions.search:12', name: 'search', argumentsText: '{"pattern":' }],
    });
    assert.deepEqual(toHistoryMessage({ content: 'Done.', reasoningContent: '', toolCalls: [], finishReason: 'stop' }), {
      role: 'assistant',
      content: 'Done.',
    });
  });
});
