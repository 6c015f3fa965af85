import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fixtures/fake-kimi/server';
import { CompletionCollector } from '../../../src/common/llm/completion';
import { clientOf, collectEvents, eventsOfType, freshTest, harnessForSuite, startHarness } from './fakeKimiHarness';

const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };
const longReply = { reasoning: 'Thinking about it carefully. ', content: 'The answer is a fairly long text. '.repeat(4), chunkSize: 4 };

describe('stream faults (fake server)', () => {
  const harness = harnessForSuite('aimlapi');

  test('a reset after tokens reports a network error, keeps the partial answer, and does not retry', async () => {
    const { fake, client, before } = freshTest(harness);
    fake.enqueue(faults.connectionReset(12, longReply));
    const events = await collectEvents(client.stream(ask));
    const collector = new CompletionCollector();
    events.forEach((event) => collector.add(event));
    const result = collector.snapshot();
    assert.equal(result.error?.category, 'network');
    assert.ok(result.reasoningContent.length > 0);
    assert.ok(result.content.length > 0);
    assert.ok(longReply.content.startsWith(result.content));
    assert.equal(eventsOfType(events, 'retry').length, 0);
    assert.equal(fake.requests.length, before + 1);
  });

  test('a reset before any token is retried and the retry succeeds', async () => {
    const { fake, client, clock } = freshTest(harness);
    fake.enqueue(faults.connectionReset(1, longReply), { kind: 'reply', content: 'second try' });
    const events = await collectEvents(client.stream(ask));
    assert.equal(eventsOfType(events, 'retry')[0]?.error.category, 'network');
    assert.equal(eventsOfType(events, 'text').map((event) => event.text).join(''), 'second try');
    assert.equal(clock.waits.length, 1);
  });

  test('a stream cut without [DONE] or finish is a network error with the partial answer', async () => {
    const { fake, client } = harness;
    fake.enqueue(faults.cutWithoutDone(10, longReply));
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'network');
    assert.match(result.error?.message ?? '', /closed before the answer was complete/);
    assert.ok(result.content.length > 0 || result.reasoningContent.length > 0);
  });

  test('a malformed chunk is a protocol error', async () => {
    const { fake, client } = harness;
    fake.enqueue(faults.malformedChunk(5, longReply));
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'protocol');
  });

  test('leaked tool-call markup is reported, not shown', async () => {
    const { fake, client } = harness;
    fake.enqueue({ kind: 'reply', content: 'Let me look.', toolCalls: [{ name: 'read_file', arguments: '{"path":"a.ts"}' }], leakToolMarkup: true });
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'protocol');
    assert.doesNotMatch(result.content, /<\|/);
    assert.equal(result.toolCalls.length, 0);
  });

  test('cancelling mid-stream aborts the HTTP request at once', async () => {
    const signals: AbortSignal[] = [];
    const client = clientOf(harness.fake, {
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return globalThis.fetch(input, init);
      },
    });
    // 100 chunks 50 ms apart: about 5 s if nothing stops it.
    harness.fake.enqueue({ kind: 'reply', content: 'x'.repeat(100), chunkSize: 1, chunkDelayMs: 50 });
    const controller = new AbortController();
    const collector = new CompletionCollector();
    // How soon the stream ends after the abort is measured by scripts/bench/cancellation.ts.
    for await (const event of client.stream({ ...ask, signal: controller.signal })) {
      collector.add(event);
      if (event.type === 'text') controller.abort();
    }
    const result = collector.snapshot();
    assert.equal(result.error?.category, 'cancelled');
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(result.content.length < 100);
    assert.equal(signals.length, 1);
    assert.equal(signals[0]?.aborted, true);
  });

  test('cancelling during a backoff wait ends at once with cancelled', async () => {
    const controller = new AbortController();
    const client = clientOf(harness.fake, {
      retry: {
        clock: {
          now: () => Date.now(),
          sleep: (_ms, signal) => new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })),
        },
      },
    });
    harness.fake.enqueue(faults.rateLimited(30));
    const types: string[] = [];
    for await (const event of client.stream({ ...ask, signal: controller.signal })) {
      types.push(event.type === 'error' ? `error:${event.error.category}` : event.type);
      if (event.type === 'retry') setTimeout(() => controller.abort(), 10);
    }
    assert.deepEqual(types, ['retry', 'error:cancelled']);
  });

  test('a request that hangs past the timeout is a timeout error', async () => {
    const client = clientOf(harness.fake, { timeoutMs: 300 });
    harness.fake.enqueue(faults.hang(3, longReply));
    const result = await client.complete(ask);
    assert.equal(result.error?.category, 'timeout');
  });

  test('an already aborted signal sends nothing', async () => {
    const before = harness.fake.requests.length;
    const result = await harness.client.complete({ ...ask, signal: AbortSignal.abort() });
    assert.equal(result.error?.category, 'cancelled');
    assert.equal(harness.fake.requests.length, before);
  });
});

describe('a consumer that stops reading', () => {
  test('breaking out of the stream closes the request and logs it as cancelled', async () => {
    const harness = await startHarness('moonshot');
    try {
      harness.fake.enqueue({ kind: 'reply', content: 'y'.repeat(60), chunkSize: 1, chunkDelayMs: 30 });
      for await (const event of harness.client.stream(ask)) {
        if (event.type === 'text') break;
      }
      assert.equal(harness.logs.length, 1);
      assert.match(harness.logs[0] ?? '', /error=cancelled/);
    } finally {
      await harness.fake.close();
    }
  });
});
