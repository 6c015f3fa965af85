// The subagent scheduler: at most the limit at once (the rest start in order as slots free up), a 429 makes every
// subagent wait out the provider's Retry-After and the refused one resume, and Stop ends one subagent or all.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RetryPolicy, type RetryClock } from '../../../src/common/llm/retryPolicy';
import type { KimiError } from '../../../src/common/llm/types';
import { SubagentScheduler, type AttemptOutcome, type ScheduledSubagent } from '../../../src/common/subagents/scheduler';

/** A clock whose sleeps wait until the test releases them; releasing one moves the time on by its length. */
function manualClock(): RetryClock & { sleeps: { ms: number; release(): void }[]; time: number } {
  const clock = {
    time: 0,
    sleeps: [] as { ms: number; release(): void }[],
    now: () => clock.time,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        clock.sleeps.push({
          ms,
          release: () => {
            clock.time += ms;
            resolve();
          },
        });
        signal?.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return clock;
}

function rateLimited(retryAfterMs?: number): KimiError {
  return { category: 'rateLimited', message: 'Too many requests.', action: 'wait', retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

interface TestJob extends ScheduledSubagent {
  phases: string[];
  attempts: number;
  signals: AbortSignal[];
  /** Ends the current attempt with this outcome. */
  finish(outcome?: AttemptOutcome): void;
}

/** A subagent whose attempts last until the test finishes them (or its signal aborts). */
function job(id: string, log: string[] = []): TestJob {
  let finishAttempt: ((outcome: AttemptOutcome) => void) | undefined;
  const created: TestJob = {
    id,
    phases: [],
    attempts: 0,
    signals: [],
    onPhase: (phase) => void created.phases.push(phase),
    attempt: (signal) =>
      new Promise<AttemptOutcome>((resolve) => {
        created.attempts++;
        created.signals.push(signal);
        log.push(`start ${id}`);
        finishAttempt = resolve;
        signal.addEventListener('abort', () => resolve({ kind: 'ended' }), { once: true });
      }),
    finish: (outcome = { kind: 'ended' }) => {
      const finish = finishAttempt;
      finishAttempt = undefined;
      assert.ok(finish, `${id} is not in an attempt`);
      finish(outcome);
    },
  };
  return created;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function scheduler(maxParallel: number, clock: RetryClock = manualClock(), retry: Partial<ConstructorParameters<typeof RetryPolicy>[0]> = {}): SubagentScheduler {
  return new SubagentScheduler({ maxParallel: () => maxParallel, retry: new RetryPolicy({ maxAttempts: 4, baseDelayMs: 1000, random: () => 0.5, clock, ...retry }) });
}

describe('subagent scheduler: the parallel limit', () => {
  test('runs at most maxParallel subagents at once and starts the others in order as slots free up', async () => {
    const log: string[] = [];
    const schedule = scheduler(2);
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((id) => job(id, log));
    const parent = new AbortController();
    const results = jobs.map((each) => schedule.run(each, parent.signal));
    await settle();
    assert.deepEqual(log, ['start a', 'start b']);
    assert.equal(schedule.running, 2);
    assert.equal(schedule.queued, 3);
    assert.deepEqual(jobs[2]?.phases, ['queued'], 'a waiting subagent says so');

    jobs[1]?.finish();
    await settle();
    assert.deepEqual(log, ['start a', 'start b', 'start c']);
    jobs[0]?.finish();
    jobs[2]?.finish();
    await settle();
    assert.deepEqual(log, ['start a', 'start b', 'start c', 'start d', 'start e']);
    assert.equal(schedule.running, 2);
    jobs[3]?.finish();
    jobs[4]?.finish();
    assert.deepEqual(await Promise.all(results), jobs.map(() => ({ kind: 'ended' })));
    assert.equal(schedule.running, 0);
    assert.equal(schedule.queued, 0);
  });

  test('a limit of 1 runs the subagents one after another', async () => {
    const log: string[] = [];
    const schedule = scheduler(1);
    const jobs = ['a', 'b', 'c'].map((id) => job(id, log));
    const results = jobs.map((each) => schedule.run(each, new AbortController().signal));
    for (const each of jobs) {
      await settle();
      assert.equal(log.at(-1), `start ${each.id}`);
      assert.equal(schedule.running, 1);
      each.finish();
    }
    await Promise.all(results);
  });
});

describe('subagent scheduler: 429 back-off', () => {
  test("a 429 waits the provider's Retry-After, then the same subagent goes on", async () => {
    const clock = manualClock();
    const schedule = scheduler(4, clock);
    const a = job('a');
    const result = schedule.run(a, new AbortController().signal);
    await settle();
    a.finish({ kind: 'rateLimited', error: rateLimited(3000) });
    await settle();
    assert.deepEqual(clock.sleeps.map((sleep) => sleep.ms), [3000]);
    assert.deepEqual(a.phases, ['running', 'backing-off']);
    assert.equal(a.attempts, 1, 'no request while it backs off');
    clock.sleeps[0]?.release();
    await settle();
    assert.equal(a.attempts, 2, 'it resumes after the wait');
    a.finish();
    assert.deepEqual(await result, { kind: 'ended' });
    assert.deepEqual(a.phases, ['running', 'backing-off', 'running']);
  });

  test('without Retry-After it backs off exponentially, and gives up after the last round with the error', async () => {
    const clock = manualClock();
    const schedule = scheduler(4, clock, { maxAttempts: 3 });
    const a = job('a');
    const result = schedule.run(a, new AbortController().signal);
    for (let round = 1; round <= 3; round++) {
      await settle();
      a.finish({ kind: 'rateLimited', error: rateLimited() });
      await settle();
      clock.sleeps.at(-1)?.release();
    }
    assert.deepEqual(await result, { kind: 'gaveUp', error: rateLimited() });
    // Jitter is fixed at 0.5: 75% of 1 s, then of 2 s.
    assert.deepEqual(clock.sleeps.map((sleep) => sleep.ms), [750, 1500]);
    assert.equal(a.attempts, 3);
  });

  test('a wait longer than the policy allows is not waited: the subagent fails with the error', async () => {
    const schedule = scheduler(4, manualClock(), { maxRetryAfterMs: 10_000 });
    const a = job('a');
    const result = schedule.run(a, new AbortController().signal);
    await settle();
    a.finish({ kind: 'rateLimited', error: rateLimited(60_000) });
    assert.deepEqual(await result, { kind: 'gaveUp', error: rateLimited(60_000) });
  });

  test('while one subagent waits out a 429, the others send nothing either', async () => {
    const clock = manualClock();
    const log: string[] = [];
    const schedule = scheduler(2, clock);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => job(id, log)) as [TestJob, TestJob, TestJob];
    const parent = new AbortController().signal;
    const results = [schedule.run(a, parent), schedule.run(b, parent), schedule.run(c, parent)];
    await settle();
    a.finish({ kind: 'rateLimited', error: rateLimited(5000) });
    b.finish();
    await settle();
    // c took b's slot, but the provider asked for quiet: it backs off before its first request.
    assert.deepEqual(log, ['start a', 'start b']);
    assert.deepEqual(c.phases, ['queued', 'backing-off']);
    assert.deepEqual(clock.sleeps.map((sleep) => sleep.ms), [5000, 5000]);
    for (const sleep of clock.sleeps.splice(0)) sleep.release();
    await settle();
    assert.deepEqual(log.slice(2).sort(), ['start a', 'start c']);
    a.finish();
    c.finish();
    assert.deepEqual((await Promise.all(results)).map((result) => result.kind), ['ended', 'ended', 'ended']);
  });
});

describe('subagent scheduler: Stop', () => {
  test('stop(id) ends that subagent alone; the others go on', async () => {
    const schedule = scheduler(4);
    const [a, b] = [job('a'), job('b')];
    const parent = new AbortController().signal;
    const results = [schedule.run(a, parent), schedule.run(b, parent)];
    await settle();
    assert.equal(schedule.stop('a'), true);
    assert.deepEqual(await results[0], { kind: 'stopped' });
    assert.equal(a.signals[0]?.aborted, true);
    assert.equal(b.signals[0]?.aborted, false, 'the other subagent is not stopped');
    b.finish();
    assert.deepEqual(await results[1], { kind: 'ended' });
    assert.equal(schedule.stop('a'), false, 'a finished subagent is not running');
  });

  test('a stopped subagent that was still queued never starts, and frees nothing it did not hold', async () => {
    const log: string[] = [];
    const schedule = scheduler(1);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => job(id, log)) as [TestJob, TestJob, TestJob];
    const parent = new AbortController().signal;
    const results = [schedule.run(a, parent), schedule.run(b, parent), schedule.run(c, parent)];
    await settle();
    schedule.stop('b');
    assert.deepEqual(await results[1], { kind: 'stopped' });
    assert.equal(b.attempts, 0);
    assert.equal(schedule.queued, 1);
    a.finish();
    await settle();
    assert.deepEqual(log, ['start a', 'start c'], 'c takes the slot after a; b never ran');
    assert.equal(schedule.running, 1);
    c.finish();
    await Promise.all(results);
  });

  test("the turn's Stop ends every subagent, the running, the queued and the backing-off ones", async () => {
    const clock = manualClock();
    const schedule = scheduler(2, clock);
    const [a, b, c] = [job('a'), job('b'), job('c')];
    const parent = new AbortController();
    const results = [schedule.run(a, parent.signal), schedule.run(b, parent.signal), schedule.run(c, parent.signal)];
    await settle();
    a.finish({ kind: 'rateLimited', error: rateLimited(30_000) });
    await settle();
    parent.abort();
    assert.deepEqual(await Promise.all(results), [{ kind: 'stopped' }, { kind: 'stopped' }, { kind: 'stopped' }]);
    assert.equal(c.attempts, 0);
    assert.equal(a.attempts, 1, 'the back-off wait ended without another request');
    assert.equal(schedule.running, 0);
    assert.equal(schedule.queued, 0);
  });

  test('a subagent scheduled after the turn was stopped does not start', async () => {
    const schedule = scheduler(2);
    const parent = new AbortController();
    parent.abort();
    const a = job('a');
    assert.deepEqual(await schedule.run(a, parent.signal), { kind: 'stopped' });
    assert.equal(a.attempts, 0);
  });
});
