import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScriptedReply } from '../../fixtures/fake-kimi/server';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import { collectEvents, eventsOfType, harnessForSuite, TEST_KEY } from './fakeKimiHarness';

const ask = { messages: [{ role: 'user' as const, content: 'please read the files' }] };

const readArgs = { path: 'src/deeply/nested/file name.ts', offset: 10, limit: 200, note: 'ünïcødé ✓ "quoted" \\ back' };
const searchArgs = { pattern: '\\bfoo\\(', glob: '**/*.ts', case_sensitive: false };

describe('streaming against the fake server', () => {
  const aimlapi = harnessForSuite('aimlapi');
  const moonshot = harnessForSuite('moonshot');

  for (const split of [1, 2, 3, 7, 'random'] as const) {
    for (const argsBeforeName of [false, true]) {
      test(`tool-call arguments split every ${split} characters${argsBeforeName ? ', a fragment before the name' : ''}`, async () => {
        moonshot.fake.enqueue({
          kind: 'reply',
          reasoning: 'I need both files.',
          toolCalls: [
            { name: 'read_file', arguments: JSON.stringify(readArgs) },
            { name: 'search', arguments: JSON.stringify(searchArgs) },
          ],
          toolArgSplit: split,
          argsBeforeName,
        });
        const result = await moonshot.client.complete(ask);
        assert.equal(result.error, undefined);
        assert.equal(result.finishReason, 'tool_calls');
        assert.deepEqual(
          result.toolCalls.map((call) => [call.name, call.arguments]),
          [
            ['read_file', readArgs],
            ['search', searchArgs],
          ],
        );
        assert.deepEqual(result.toolCalls.map((call) => call.id), ['read_file:0', 'search:1']);
      });
    }
  }

  test('usage only inside choices[0], cached tokens at the top level', async () => {
    moonshot.fake.enqueue({
      kind: 'reply',
      content: 'ok',
      usage: { prompt_tokens: 1200, completion_tokens: 30, cached_tokens: 1024, reasoning_tokens: 10 },
      usageIn: 'choice',
      cachedTokensPlacement: 'top-level',
    });
    const result = await moonshot.client.complete(ask);
    assert.equal(result.usage?.promptTokens, 1200);
    assert.equal(result.usage?.cachedTokens, 1024);
    assert.equal(result.usage?.completionTokens, 30);
  });

  test('usage in a separate final chunk with choices: []', async () => {
    aimlapi.fake.enqueue({ kind: 'reply', content: 'ok', usage: { prompt_tokens: 50, completion_tokens: 5 }, usageChunk: 'separate' });
    const result = await aimlapi.client.complete(ask);
    assert.equal(result.usage?.promptTokens, 50);
  });

  test('cost: AI/ML API reports its spend; Moonshot cost is estimated from the catalog', async () => {
    aimlapi.fake.enqueue({ kind: 'reply', content: 'ok', usage: { prompt_tokens: 1000, completion_tokens: 100 }, costUsd: 0.0042 });
    const reported = await aimlapi.client.complete(ask);
    assert.equal(reported.cost?.usd, 0.0042);
    assert.equal(reported.cost?.estimated, false);

    moonshot.fake.enqueue({ kind: 'reply', content: 'ok', usage: { prompt_tokens: 1_000_000, completion_tokens: 100_000, cached_tokens: 500_000 } });
    const estimated = await moonshot.client.complete(ask);
    // K2.6: 500k * 0.95 + 500k * 0.16 + 100k * 4.00, per million
    assert.equal(estimated.cost?.estimated, true);
    assert.ok(Math.abs((estimated.cost?.usd ?? 0) - 0.955) < 1e-9, String(estimated.cost?.usd));
  });

  test('the response model may differ from the requested id', async () => {
    aimlapi.fake.enqueue({ kind: 'reply', content: 'ok' });
    const result = await aimlapi.client.complete(ask);
    assert.equal(result.model, 'kimi-k2.6');
    assert.equal(aimlapi.client.profile.modelId, 'moonshot/kimi-k2-6');
  });

  test('the request body follows each preset', async () => {
    aimlapi.fake.enqueue({ kind: 'reply', content: 'ok' });
    await aimlapi.client.complete({ ...ask, webSearch: true });
    const aimlBody = aimlapi.fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.equal(aimlBody.max_tokens, 4096);
    assert.equal('thinking' in aimlBody, false);
    assert.deepEqual(aimlBody.stream_options, { include_usage: true });
    assert.deepEqual(aimlBody.tools, [{ type: 'builtin_function', function: { name: '$web_search' } }]);

    moonshot.fake.enqueue({ kind: 'reply', content: 'ok' });
    await moonshot.client.complete(ask);
    const moonshotBody = moonshot.fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.equal(moonshotBody.max_completion_tokens, 4096);
    assert.deepEqual(moonshotBody.thinking, { type: 'enabled' });
    assert.equal(moonshot.fake.requests.at(-1)?.headers.authorization, `Bearer ${TEST_KEY}`);
  });

  test('forcing a tool on Moonshot is accepted because thinking goes off for that request', async () => {
    moonshot.fake.enqueue({ kind: 'reply', toolCalls: [{ name: 'read_file', arguments: '{"path":"a"}' }] });
    const result = await moonshot.client.complete({
      ...ask,
      tools: [{ name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
      toolChoice: { name: 'read_file' },
    });
    assert.equal(result.error, undefined);
    assert.equal(moonshot.fake.requests.at(-1)?.rejected, undefined);
    assert.match(moonshot.client.warnings.join('\n'), /Thinking was turned off/);
  });

  test('a non-streaming call maps to the same result as a streamed one', async () => {
    const reply: ScriptedReply = {
      kind: 'reply',
      reasoning: 'Reasoning here.',
      content: 'Text here.',
      toolCalls: [{ name: 'read_file', arguments: '{"path":"x"}', id: 'functions.read_file:7' }],
      usage: { prompt_tokens: 40, completion_tokens: 12, cached_tokens: 8 },
      costUsd: 0.001,
    };
    aimlapi.fake.enqueue(reply, reply);
    const streamed = await aimlapi.client.complete(ask);
    const single = await aimlapi.client.completeNonStreaming(ask);
    const comparable = ({ requestId: _ignored, ...rest }: typeof streamed) => rest;
    assert.deepEqual(comparable(single), comparable(streamed));
    assert.equal((aimlapi.fake.requests.at(-1)?.body as { stream?: boolean }).stream, false);
  });

  test('listModels returns the provider ids', async () => {
    assert.deepEqual(await moonshot.client.listModels(), { ok: true, ids: ['kimi-k2.6', 'kimi-k2.5'] });
  });

  test('one log line per attempt, with timings and tokens, never the key or the prompt', async () => {
    aimlapi.logs.length = 0;
    aimlapi.fake.enqueue({ kind: 'reply', content: 'ok', usage: { prompt_tokens: 10, completion_tokens: 2 } });
    await aimlapi.client.complete({ messages: [{ role: 'user', content: 'my secret prompt' }] });
    assert.equal(aimlapi.logs.length, 1);
    const line = aimlapi.logs[0] ?? '';
    assert.match(line, /provider=aimlapi model=moonshot\/kimi-k2-6 attempt=1 mode=stream status=200 ok ttft=\d+ms total=\d+ms in=10 cached=0 out=2/);
    assert.match(line, /request=chatcmpl-/);
    assert.doesNotMatch(line, /test-key|secret prompt/);
  });

  test('events are typed deltas in order: reasoning, text, tool calls, usage, cost, finish', async () => {
    aimlapi.fake.enqueue({ kind: 'reply', reasoning: 'r'.repeat(20), content: 't'.repeat(20), toolCalls: [{ name: 'search', arguments: '{}' }] });
    const events = await collectEvents(aimlapi.client.stream(ask));
    const order = [...new Set(events.map((event) => event.type))];
    assert.deepEqual(order, ['reasoning', 'text', 'toolCall', 'usage', 'cost', 'finish']);
    assert.equal(eventsOfType(events, 'finish')[0]?.reason, 'tool_calls');
  });

  test('a custom endpoint with a catalog model sends max_tokens and no thinking field', async () => {
    const client = new KimiClient({ provider: 'custom', baseUrl: moonshot.fake.url, model: 'kimi-k2.5', apiKey: TEST_KEY, thinking: false, maxOutputTokens: 2048 });
    moonshot.fake.enqueue({ kind: 'reply', content: 'custom ok' });
    const result = await client.complete(ask);
    assert.equal(result.content, 'custom ok');
    const body = moonshot.fake.requests.at(-1)?.body as Record<string, unknown>;
    assert.equal(body.max_tokens, 2048);
    assert.equal('thinking' in body, false);
  });
});
