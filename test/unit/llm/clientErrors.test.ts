import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AIMLAPI_MESSAGES, faults, MOONSHOT_MESSAGES, type Flavor, type ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import type { ErrorCategory } from '../../../src/common/llm/types';
import { collectEvents, eventsOfType, freshTest, harnessForSuite, startHarness, TEST_KEY, type Harness } from './fakeKimiHarness';

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

interface ErrorCase {
  name: string;
  flavor: Flavor;
  script: ScriptedResponse;
  category: ErrorCategory;
  action: string;
  /** The provider's own words that must survive into the error (proves the body was read). */
  detail?: string | RegExp;
}

const cases: ErrorCase[] = [
  { name: 'AI/ML API 401 (flat body)', flavor: 'aimlapi', script: faults.authFailed(), category: 'auth', action: 'setKey', detail: AIMLAPI_MESSAGES.invalidKey },
  { name: 'Moonshot 401', flavor: 'moonshot', script: faults.authFailed(), category: 'auth', action: 'setKey', detail: MOONSHOT_MESSAGES.invalidAuthentication },
  { name: 'AI/ML API 403 out of credits', flavor: 'aimlapi', script: faults.outOfCredits(), category: 'quota', action: 'topUp', detail: AIMLAPI_MESSAGES.outOfCredits },
  { name: 'Moonshot 429 quota exhausted', flavor: 'moonshot', script: faults.quotaExhausted(), category: 'quota', action: 'topUp', detail: MOONSHOT_MESSAGES.quotaExhausted },
  { name: 'AI/ML API 429', flavor: 'aimlapi', script: faults.rateLimited(1), category: 'rateLimited', action: 'wait', detail: AIMLAPI_MESSAGES.tooManyRequests },
  { name: 'Moonshot 429 rate limit', flavor: 'moonshot', script: faults.rateLimited(1), category: 'rateLimited', action: 'wait', detail: MOONSHOT_MESSAGES.rateLimited },
  { name: 'Moonshot engine overloaded', flavor: 'moonshot', script: faults.engineOverloaded(), category: 'overloaded', action: 'wait', detail: MOONSHOT_MESSAGES.engineOverloaded },
  { name: 'Moonshot content filter', flavor: 'moonshot', script: faults.contentFiltered(), category: 'contentFiltered', action: 'none', detail: MOONSHOT_MESSAGES.contentFiltered },
  { name: 'Moonshot 403 permission denied', flavor: 'moonshot', script: faults.permissionDenied(), category: 'auth', action: 'setKey' },
  { name: 'AI/ML API 500', flavor: 'aimlapi', script: faults.serverError(500), category: 'server', action: 'retry' },
  { name: 'Moonshot 500', flavor: 'moonshot', script: faults.serverError(500), category: 'server', action: 'retry' },
  { name: 'AI/ML API 502', flavor: 'aimlapi', script: faults.serverError(502), category: 'server', action: 'retry', detail: 'Bad Gateway' },
  { name: 'AI/ML API 504 generation timeout', flavor: 'aimlapi', script: faults.generationTimeout(), category: 'server', action: 'retry', detail: AIMLAPI_MESSAGES.generationTimeout },
  {
    name: 'AI/ML API 400 (flat body, provider message kept)',
    flavor: 'aimlapi',
    script: { kind: 'error', status: 400, message: 'max_tokens must be at most 262144' },
    category: 'invalidRequest',
    action: 'none',
    detail: 'max_tokens must be at most 262144',
  },
  {
    name: 'Moonshot 400 token limit',
    flavor: 'moonshot',
    script: { kind: 'error', status: 400, message: 'Invalid request: Your request exceeded model token limit: 262144' },
    category: 'contextTooLong',
    action: 'shortenContext',
  },
];

describe('client errors from both provider shapes (fake server)', () => {
  const harnesses: Record<Flavor, Harness> = { aimlapi: harnessForSuite('aimlapi', { maxAttempts: 1 }), moonshot: harnessForSuite('moonshot', { maxAttempts: 1 }) };

  for (const errorCase of cases) {
    test(`${errorCase.name} → ${errorCase.category}`, async () => {
      const { fake, client } = harnesses[errorCase.flavor];
      fake.enqueue(errorCase.script);
      const events = await collectEvents(client.stream(ask));
      assert.equal(events.length, 1);
      const error = eventsOfType(events, 'error')[0]?.error;
      assert.equal(error?.category, errorCase.category);
      assert.equal(error?.action, errorCase.action);
      assert.doesNotMatch(error?.message ?? '', /no body|status code/);
      if (typeof errorCase.detail === 'string') assert.equal(error?.detail, errorCase.detail);
      if (errorCase.detail instanceof RegExp) assert.match(error?.detail ?? '', errorCase.detail);
      assert.doesNotMatch(JSON.stringify(error), new RegExp(TEST_KEY));
    });
  }

  test('the 400 message tells what was wrong (a real validation failure of the fake server)', async () => {
    const { client } = harnesses['aimlapi'];
    const result = await client.complete({ ...ask, maxOutputTokens: 262_144 });
    assert.equal(result.error?.category, 'contextTooLong');
    assert.match(result.error?.detail ?? '', /exceeded model token limit: 262144/);
  });

  test('an unknown model is a 404 pointing at the settings', async () => {
    const { fake } = harnesses['moonshot'];
    const client = new KimiClient({ provider: 'moonshot', baseUrl: fake.url, model: 'kimi-k9', apiKey: TEST_KEY, thinking: true, maxOutputTokens: 1024, maxAttempts: 1 });
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'invalidRequest');
    assert.equal(result.error?.action, 'openSettings');
    assert.match(result.error?.message ?? '', /kimi-k9/);
  });

  test('a wrong key is auth; no key at all is noKey and sends nothing', async () => {
    const { fake } = harnesses['aimlapi'];
    const before = fake.requests.length;
    const wrongKey = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: 'sk-wrongwrongwrong', thinking: true, maxOutputTokens: 1024 });
    const wrong = await wrongKey.complete(ask);
    assert.equal(wrong.error?.category, 'auth');
    assert.doesNotMatch(JSON.stringify(wrong), /wrongwrong/);
    const noKey = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: ' ', thinking: true, maxOutputTokens: 1024 });
    const missing = await noKey.complete(ask);
    assert.equal(missing.error?.category, 'noKey');
    assert.equal(missing.error?.action, 'setKey');
    assert.equal(fake.requests.length, before + 1);
  });

  test('an unreachable server is a network error', async () => {
    const client = new KimiClient({ provider: 'aimlapi', baseUrl: 'http://127.0.0.1:9/v1', apiKey: TEST_KEY, thinking: true, maxOutputTokens: 1024, maxAttempts: 1 });
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'network');
    assert.equal(result.error?.retryable, true);
  });

  test('non-streaming calls and the model list map errors the same way', async () => {
    const { fake, client } = harnesses['aimlapi'];
    fake.enqueue(faults.outOfCredits());
    const result = await client.completeNonStreaming(ask);
    assert.equal(result.error?.category, 'quota');
    assert.equal(result.error?.detail, AIMLAPI_MESSAGES.outOfCredits);
    const badKey = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: 'nope-nope', thinking: true, maxOutputTokens: 1024 });
    const models = await badKey.listModels();
    assert.equal(models.ok, false);
    assert.equal(models.ok ? '' : models.error.category, 'auth');
  });
});

describe('client retries (fake server)', () => {
  const harness = harnessForSuite('moonshot');

  test('429 with Retry-After is retried after that wait, then succeeds', async () => {
    const { fake, client, clock, before } = freshTest(harness);
    fake.enqueue(faults.rateLimited(2), { kind: 'reply', content: 'finally' });
    const events = await collectEvents(client.stream(ask));
    const retries = eventsOfType(events, 'retry');
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.attempt, 2);
    assert.equal(retries[0]?.delayMs, 2000);
    assert.equal(retries[0]?.error.category, 'rateLimited');
    assert.deepEqual(clock.waits, [2000]);
    assert.equal(eventsOfType(events, 'text').map((event) => event.text).join(''), 'finally');
    assert.equal(eventsOfType(events, 'finish').length, 1);
    assert.equal(fake.requests.length, before + 2);
  });

  test('server errors back off exponentially up to maxAttempts, then report', async () => {
    const { fake, client, clock } = freshTest(harness);
    fake.enqueue(faults.serverError(500), faults.serverError(503), faults.serverError(500), faults.serverError(500));
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'server');
    // random() = 0.5 → 75% of 1 s, 2 s, 4 s
    assert.deepEqual(clock.waits, [750, 1500, 3000]);
    assert.equal(fake.pendingResponses(), 0);
  });

  test('quota is never retried', async () => {
    const { fake, client, clock, before } = freshTest(harness);
    fake.enqueue(faults.quotaExhausted(), { kind: 'reply', content: 'should not be reached' });
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'quota');
    assert.equal(fake.requests.length, before + 1);
    assert.deepEqual(clock.waits, []);
    assert.equal(fake.pendingResponses(), 1);
    assert.equal((await client.complete(ask)).content, 'should not be reached');
  });

  test('non-streaming calls retry too', async () => {
    const { fake, client, clock } = freshTest(harness);
    fake.enqueue(faults.engineOverloaded(1), { kind: 'reply', content: 'single' });
    const result = await client.completeNonStreaming(ask);
    assert.equal(result.content, 'single');
    assert.deepEqual(clock.waits, [1000]);
  });
});

describe('error bodies the SDK would drop', () => {
  test('the flat body is read from the raw response, request id included', async () => {
    const harness = await startHarness('aimlapi', { maxAttempts: 1 });
    try {
      harness.fake.enqueue(faults.outOfCredits());
      const result = await harness.client.complete(ask);
      const sent = harness.fake.requests.at(-1)?.rejected?.body as { requestId?: string } | undefined;
      assert.ok(sent?.requestId);
      assert.equal(result.error?.requestId, sent.requestId);
    } finally {
      await harness.fake.close();
    }
  });

  test('a non-JSON error body (a gateway page) still reaches the detail', async () => {
    const gateway = async () => new Response('upstream connect error or disconnect/reset before headers', { status: 502 });
    const client = new KimiClient({ provider: 'aimlapi', apiKey: TEST_KEY, thinking: true, maxOutputTokens: 1024, maxAttempts: 1, fetch: gateway });
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'server');
    assert.equal(result.error?.status, 502);
    assert.equal(result.error?.detail, 'upstream connect error or disconnect/reset before headers');
  });
});
