import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapCompletionResponse } from '../../../src/common/llm/completionResponse';

const context = { toolCallIdStyle: 'name-index' as const, providerLabel: 'Moonshot', price: { input: 1, cachedInput: 0.5, output: 2 } };

describe('non-streaming responses', () => {
  test('message, reasoning, tool calls and usage map like a stream', () => {
    const result = mapCompletionResponse(
      {
        id: 'cmpl-9',
        model: 'kimi-k2.6',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: '',
              reasoning_content: 'why',
              tool_calls: [{ id: 'read_file:0', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 1_000_000, completion_tokens: 0, total_tokens: 1_000_000, prompt_tokens_details: { cached_tokens: 1_000_000 } },
      },
      context,
    );
    assert.equal(result.reasoningContent, 'why');
    assert.deepEqual(result.toolCalls[0], { index: 0, id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a"}', arguments: { path: 'a' } });
    assert.equal(result.finishReason, 'tool_calls');
    assert.deepEqual(result.cost, { usd: 0.5, estimated: true });
    assert.equal(result.requestId, 'cmpl-9');
  });

  test('AI/ML API spend headers count as reported cost', () => {
    const result = mapCompletionResponse(
      { choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 } },
      { ...context, headers: new Headers({ 'x-aimlapi-usd-spent': '0.25', 'x-aimlapi-credits-used': '500000' }) },
    );
    assert.deepEqual(result.cost, { usd: 0.25, estimated: false, credits: 500000 });
  });

  test('leaked markup and a wrong shape are protocol errors', () => {
    const leaked = mapCompletionResponse(
      { choices: [{ message: { content: 'ok <|tool_calls_section_begin|>x' }, finish_reason: 'stop' }] },
      context,
    );
    assert.equal(leaked.content, 'ok ');
    assert.equal(leaked.error?.category, 'protocol');
    assert.equal(mapCompletionResponse({ nope: true }, context).error?.category, 'protocol');
  });
});
