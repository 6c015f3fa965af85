import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatePromptTokens } from '../../fixtures/fake-kimi/server';
import type { ChatCompletionRequestBody } from '../../fixtures/fake-kimi/types';
import { chatBody, fakeServersForSuite, finishChunk, postChat, streamChat, type Json } from './httpHelpers';

const withUsage = (overrides: Json = {}, model?: string) =>
  chatBody({ stream_options: { include_usage: true }, ...overrides }, model);

const choiceOf = (chunk: Json) => (chunk.choices as Json[])[0];

describe('fake Kimi: usage and cost', () => {
  const servers = fakeServersForSuite();

  test('AI/ML API puts usage at the top level of the finish chunk when include_usage is set', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'hi', usage: { prompt_tokens: 100, completion_tokens: 20, cached_tokens: 40 } });
    const finish = finishChunk(await streamChat(servers.aimlapi, withUsage()));
    assert.deepEqual(finish.usage, { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 40 } });
    assert.equal(choiceOf(finish).usage, undefined);
  });

  test('without include_usage there is no top-level usage', async () => {
    const stream = await streamChat(servers.aimlapi, chatBody());
    assert.ok(stream.chunks.every((chunk) => chunk.usage === undefined));
  });

  test('Moonshot puts usage in choices[0].usage always, and also top-level with include_usage', async () => {
    const plain = finishChunk(await streamChat(servers.moonshot, chatBody({}, 'kimi-k2.6')));
    assert.equal(plain.usage, undefined);
    assert.equal(typeof (choiceOf(plain).usage as Json).prompt_tokens, 'number');
    const both = finishChunk(await streamChat(servers.moonshot, withUsage({}, 'kimi-k2.6')));
    assert.deepEqual(both.usage, choiceOf(both).usage);
  });

  test("usageIn 'choice' keeps usage out of the top level even with include_usage", async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'x', usageIn: 'choice' });
    const finish = finishChunk(await streamChat(servers.aimlapi, withUsage()));
    assert.equal(finish.usage, undefined);
    assert.deepEqual(deltaKeys(finish), []);
    assert.ok(choiceOf(finish).usage);
  });

  test("usageChunk 'separate' sends usage OpenAI-style in a last chunk with empty choices", async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'x', usageChunk: 'separate', usage: { prompt_tokens: 5, completion_tokens: 1 } });
    const stream = await streamChat(servers.aimlapi, withUsage());
    const last = stream.chunks[stream.chunks.length - 1];
    assert.deepEqual(last.choices, []);
    assert.equal((last.usage as Json).total_tokens, 6);
    assert.equal(finishChunk(stream).usage, undefined);
  });

  test("cachedTokensPlacement 'top-level' reports usage.cached_tokens instead of prompt_tokens_details", async () => {
    servers.moonshot.enqueue({ kind: 'reply', content: 'x', cachedTokensPlacement: 'top-level', usage: { prompt_tokens: 50, cached_tokens: 30 } });
    const usage = choiceOf(finishChunk(await streamChat(servers.moonshot, chatBody({}, 'kimi-k2.6')))).usage as Json;
    assert.equal(usage.cached_tokens, 30);
    assert.equal(usage.prompt_tokens_details, undefined);
  });

  test('reasoning tokens are reported in completion_tokens_details', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', reasoning: 'r'.repeat(40), content: 'c'.repeat(8), usage: { reasoning_tokens: 12 } });
    const usage = finishChunk(await streamChat(servers.aimlapi, withUsage())).usage as Json;
    assert.deepEqual(usage.completion_tokens_details, { reasoning_tokens: 12 });
    assert.equal(usage.completion_tokens, 12, '48 output characters are 12 estimated tokens, reasoning included');
  });

  test('default prompt tokens are the chars/4 estimate of the request', async () => {
    const body = withUsage({ messages: [{ role: 'system', content: 's'.repeat(400) }, { role: 'user', content: 'u'.repeat(401) }] });
    const usage = finishChunk(await streamChat(servers.aimlapi, body)).usage as Json;
    assert.equal(usage.prompt_tokens, 201);
    assert.equal(estimatePromptTokens(body as unknown as ChatCompletionRequestBody), 201);
  });

  test('AI/ML API meta.usage reports a scripted cost as credits at 2,000,000 per USD', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'x', costUsd: 0.0051005 });
    const finish = finishChunk(await streamChat(servers.aimlapi, chatBody()));
    assert.deepEqual(finish.meta, { usage: { credits_used: 10201, usd_spent: 0.0051005 } });
  });

  test('without a scripted cost meta.usage is computed at 1.3x the Moonshot list prices', async () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, cached_tokens: 500_000 };
    servers.aimlapi.enqueue({ kind: 'reply', content: 'x', usage }, { kind: 'reply', content: 'x', usage });
    const k26 = finishChunk(await streamChat(servers.aimlapi, chatBody())).meta as { usage: { usd_spent: number; credits_used: number } };
    // K2.6: 0.5M x $0.95 + 0.5M x $0.16 + 1M x $4.00 = $4.555, x1.3 = $5.9215
    assert.equal(k26.usage.usd_spent, 5.9215);
    assert.equal(k26.usage.credits_used, 11_843_000);
    const k25 = finishChunk(await streamChat(servers.aimlapi, chatBody({}, 'moonshot/kimi-k2-5'))).meta as { usage: { usd_spent: number } };
    // K2.5: 0.5M x $0.60 + 0.5M x $0.10 + 1M x $3.00 = $3.35, x1.3 = $4.355
    assert.equal(k25.usage.usd_spent, 4.355);
  });

  test('Moonshot sends no meta', async () => {
    const stream = await streamChat(servers.moonshot, withUsage({}, 'kimi-k2.6'));
    assert.ok(stream.chunks.every((chunk) => chunk.meta === undefined));
  });

  test('non-streaming answers carry usage, meta.usage and the x-aimlapi cost headers', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'x', costUsd: 0.25, usage: { prompt_tokens: 10, completion_tokens: 2 } });
    const response = await postChat(servers.aimlapi, chatBody());
    assert.equal(response.headers.get('x-aimlapi-credits-used'), '500000');
    assert.equal(response.headers.get('x-aimlapi-usd-spent'), '0.25');
    const body = (await response.json()) as Json;
    assert.deepEqual(body.meta, { usage: { credits_used: 500000, usd_spent: 0.25 } });
    assert.equal((body.usage as Json).total_tokens, 12);
  });

  test('Moonshot non-streaming answers have no cost headers', async () => {
    const response = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(response.headers.get('x-aimlapi-credits-used'), null);
    assert.equal(((await response.json()) as Json).meta, undefined);
  });
});

function deltaKeys(chunk: Json): string[] {
  return Object.keys((choiceOf(chunk).delta as Json) ?? {});
}
