import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKimiError } from '../../../src/common/llm/errors';
import { parseRetryAfter, RetryPolicy, systemClock } from '../../../src/common/llm/retryPolicy';

const rateLimited = makeKimiError('rateLimited', 'slow down');

describe('RetryPolicy', () => {
  test('backoff doubles per attempt with jitter between 50% and 100%, capped', () => {
    const low = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0 });
    const high = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0.999999 });
    assert.deepEqual([1, 2, 3, 4].map((n) => low.backoffDelay(n)), [500, 1000, 2000, 2500]);
    assert.deepEqual([1, 2, 3, 4].map((n) => high.backoffDelay(n)), [1000, 2000, 4000, 5000]);
  });

  test('retries only transient errors, only before output, up to maxAttempts', () => {
    const policy = new RetryPolicy({ maxAttempts: 3, random: () => 0 });
    assert.deepEqual(policy.decide(rateLimited, 1, false), { retry: true, delayMs: 500 });
    assert.deepEqual(policy.decide(rateLimited, 3, false), { retry: false });
    assert.deepEqual(policy.decide(rateLimited, 1, true), { retry: false });
    assert.deepEqual(policy.decide(makeKimiError('quota', 'pay'), 1, false), { retry: false });
    assert.deepEqual(policy.decide(makeKimiError('auth', 'key'), 1, false), { retry: false });
    for (const category of ['overloaded', 'server', 'network'] as const) {
      assert.equal(policy.decide(makeKimiError(category, 'x'), 1, false).retry, true, category);
    }
    assert.equal(new RetryPolicy().maxAttempts, 4);
  });

  test('Retry-After is honoured, and too long a wait is not retried', () => {
    const policy = new RetryPolicy({ maxRetryAfterMs: 60_000 });
    assert.deepEqual(policy.decide({ ...rateLimited, retryAfterMs: 7000 }, 1, false), { retry: true, delayMs: 7000 });
    assert.deepEqual(policy.decide({ ...rateLimited, retryAfterMs: 90_000 }, 1, false), { retry: false });
  });

  test('parses Retry-After as seconds, an HTTP date, or retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now), 5000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }), now), 250);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  test('the system clock sleep ends on abort, long before its time is up', async () => {
    // Ended within one turn of the event loop after the abort; the lag itself: scripts/bench/cancellation.ts.
    const controller = new AbortController();
    let ended = false;
    const sleeping = systemClock.sleep(10_000, controller.signal).then(() => {
      ended = true;
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(ended, false);
    controller.abort();
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(ended, true);
    await sleeping;
  });

  test('the system clock sleep ends when its time is up', async () => {
    await systemClock.sleep(5);
    await systemClock.sleep(5, new AbortController().signal);
  });
});
