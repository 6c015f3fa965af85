import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamAssembler } from '../../../src/common/llm/streamAssembler';
import type { StreamEvent } from '../../../src/common/llm/types';

type Delta = Record<string, unknown>;

function chunk(delta: Delta, extra: { finish?: string; usage?: unknown; choiceUsage?: unknown; meta?: unknown; model?: string } = {}) {
  return {
    id: 'cmpl-1',
    object: 'chat.completion.chunk',
    model: extra.model ?? 'kimi-k2.6',
    choices: [
      {
        index: 0,
        delta,
        finish_reason: extra.finish ?? null,
        ...(extra.choiceUsage ? { usage: extra.choiceUsage } : {}),
      },
    ],
    ...(extra.usage ? { usage: extra.usage } : {}),
    ...(extra.meta ? { meta: extra.meta } : {}),
  };
}

function run(chunks: unknown[], assembler = new StreamAssembler({ toolCallIdStyle: 'name-index' })): StreamEvent[] {
  return [...chunks.flatMap((item) => assembler.push(item)), ...assembler.finish()];
}

function ofType<T extends StreamEvent['type']>(events: StreamEvent[], type: T): Extract<StreamEvent, { type: T }>[] {
  return events.filter((event): event is Extract<StreamEvent, { type: T }> => event.type === type);
}

const price = { input: 1, cachedInput: 0.25, output: 2 };

describe('StreamAssembler', () => {
  test('reasoning then text deltas arrive in order, then finish with the reported model', () => {
    const events = run([
      chunk({ role: 'assistant', reasoning_content: 'Let me ' }),
      chunk({ reasoning_content: 'think.' }),
      chunk({ content: 'Hello' }),
      chunk({ content: ' world' }),
      chunk({}, { finish: 'stop' }),
    ]);
    assert.deepEqual(
      events.map((event) => event.type),
      ['reasoning', 'reasoning', 'text', 'text', 'finish'],
    );
    assert.equal(ofType(events, 'text').map((event) => event.text).join(''), 'Hello world');
    assert.deepEqual(ofType(events, 'finish')[0], { type: 'finish', reason: 'stop', model: 'kimi-k2.6', requestId: 'cmpl-1' });
  });

  test('tool-call fragments are buffered by index and emitted complete at the end', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'read_file:0', type: 'function', function: { name: 'read_file', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'search:1', type: 'function', function: { name: 'search', arguments: '{"pat' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: 'tern":"x"}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }),
      chunk({}, { finish: 'tool_calls' }),
    ]);
    const calls = ofType(events, 'toolCall').map((event) => event.call);
    assert.deepEqual(calls, [
      { index: 0, id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}', arguments: { path: 'a.ts' } },
      { index: 1, id: 'search:1', name: 'search', argumentsText: '{"pattern":"x"}', arguments: { pattern: 'x' } },
    ]);
    assert.equal(ofType(events, 'finish')[0]?.reason, 'tool_calls');
  });

  test('an argument fragment may arrive before the delta carrying id and name', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'functions.f:0', type: 'function', function: { name: 'f', arguments: '1}' } }] }),
      chunk({}, { finish: 'tool_calls' }),
    ]);
    const call = ofType(events, 'toolCall')[0]?.call;
    assert.equal(call?.id, 'functions.f:0');
    assert.equal(call?.name, 'f');
    assert.deepEqual(call?.arguments, { a: 1 });
  });

  test('invalid argument JSON keeps the raw text and a parseError; empty arguments parse as {}', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'a:0', function: { name: 'a', arguments: '{"broken": ' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'b:1', function: { name: 'b', arguments: '' } }] }),
      chunk({}, { finish: 'tool_calls' }),
    ]);
    const [broken, empty] = ofType(events, 'toolCall').map((event) => event.call);
    assert.equal(broken?.argumentsText, '{"broken": ');
    assert.equal(broken?.arguments, undefined);
    assert.ok(broken?.parseError);
    assert.deepEqual(empty?.arguments, {});
    assert.equal(empty?.parseError, undefined);
  });

  test('a call that never got an id gets one in the preset style', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 2, function: { name: 'read_file', arguments: '{}' } }] }),
      chunk({}, { finish: 'tool_calls' }),
    ]);
    assert.equal(ofType(events, 'toolCall')[0]?.call.id, 'read_file:2');
  });

  test('usage from the top level, with cached tokens in prompt_tokens_details and reasoning tokens', () => {
    const events = run([
      chunk({ content: 'x' }, { finish: 'stop' }),
      {
        id: 'cmpl-1',
        model: 'kimi-k2.6',
        choices: [],
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 200,
          total_tokens: 1200,
          prompt_tokens_details: { cached_tokens: 600 },
          completion_tokens_details: { reasoning_tokens: 150 },
        },
      },
    ]);
    assert.deepEqual(ofType(events, 'usage')[0]?.usage, {
      promptTokens: 1000,
      cachedTokens: 600,
      completionTokens: 200,
      reasoningTokens: 150,
      totalTokens: 1200,
    });
  });

  test('usage inside choices[0] with a top-level cached_tokens (Moonshot)', () => {
    const events = run([
      chunk({ content: 'x' }),
      chunk({}, { finish: 'stop', choiceUsage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55, cached_tokens: 32 } }),
    ]);
    assert.deepEqual(ofType(events, 'usage')[0]?.usage, { promptTokens: 50, cachedTokens: 32, completionTokens: 5, totalTokens: 55 });
  });

  test('cost: the provider-reported spend wins over the estimate', () => {
    const assembler = new StreamAssembler({ price });
    const events = run(
      [
        chunk({ content: 'x' }),
        chunk({}, { finish: 'stop', usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 }, meta: { usage: { credits_used: 2600, usd_spent: 0.0013 } } }),
      ],
      assembler,
    );
    assert.deepEqual(ofType(events, 'cost')[0]?.cost, { usd: 0.0013, estimated: false, credits: 2600 });
  });

  test('cost: estimated from the price when the provider says nothing', () => {
    const events = run(
      [chunk({ content: 'x' }), chunk({}, { finish: 'stop', usage: { prompt_tokens: 1_000_000, completion_tokens: 500_000, total_tokens: 1_500_000, cached_tokens: 400_000 } })],
      new StreamAssembler({ price }),
    );
    // 600k * $1 + 400k * $0.25 + 500k * $2, per million
    assert.deepEqual(ofType(events, 'cost')[0]?.cost, { usd: 1.7, estimated: true });
    const noPrice = run([chunk({}, { finish: 'stop', usage: { prompt_tokens: 1, completion_tokens: 1 } })]);
    assert.equal(ofType(noPrice, 'cost').length, 0);
  });

  test('the response model may differ from the requested id', () => {
    const events = run([chunk({ content: 'x' }, { finish: 'stop', model: 'kimi-k2.6' })]);
    assert.equal(ofType(events, 'finish')[0]?.model, 'kimi-k2.6');
  });

  test('leaked tool-call markup, split across chunks, is a protocol error and never shown', () => {
    const events = run([
      chunk({ content: 'I will read it. <|tool_calls' }),
      chunk({ content: '_section_begin|><|tool_call_begin|>functions.read_file:0' }),
      chunk({ content: '<|tool_call_argument_begin|>{"path":"a"}<|tool_call_end|>' }),
      chunk({}, { finish: 'stop' }),
    ]);
    const shown = ofType(events, 'text').map((event) => event.text).join('');
    assert.equal(shown, 'I will read it. ');
    const error = ofType(events, 'error')[0]?.error;
    assert.equal(error?.category, 'protocol');
    assert.match(error?.detail ?? '', /^<\|tool_calls_section_begin\|>/);
    assert.equal(ofType(events, 'finish').length, 0);
  });

  test('a held-back "<" that never becomes markup is shown at the end', () => {
    const events = run([chunk({ content: 'a <' }), chunk({ content: '| b' }), chunk({ content: ' <|tool' }), chunk({}, { finish: 'stop' })]);
    assert.equal(ofType(events, 'text').map((event) => event.text).join(''), 'a <| b <|tool');
    assert.equal(ofType(events, 'error').length, 0);
  });

  test('a stream that ends without a finish_reason is a network error and drops partial tool calls', () => {
    const assembler = new StreamAssembler();
    const events = run([chunk({ content: 'partial' }), chunk({ tool_calls: [{ index: 0, id: 'a:0', function: { name: 'a', arguments: '{' } }] })], assembler);
    assert.equal(assembler.hasOutput, true);
    assert.equal(ofType(events, 'toolCall').length, 0);
    assert.equal(ofType(events, 'error')[0]?.error.category, 'network');
  });

  test('a chunk of the wrong shape is a protocol error', () => {
    const events = run([{ choices: 'nope' }, chunk({}, { finish: 'stop' })]);
    assert.equal(ofType(events, 'error')[0]?.error.category, 'protocol');
  });

  test('finish_reason content_filter ends with a contentFiltered error', () => {
    const events = run([chunk({ content: 'Some' }), chunk({}, { finish: 'content_filter' })]);
    assert.equal(ofType(events, 'error')[0]?.error.category, 'contentFiltered');
  });

  test('hasOutput stays false until a token arrives', () => {
    const assembler = new StreamAssembler();
    assembler.push(chunk({ role: 'assistant' }));
    assert.equal(assembler.hasOutput, false);
    assembler.push(chunk({ reasoning_content: 'h' }));
    assert.equal(assembler.hasOutput, true);
  });
});
