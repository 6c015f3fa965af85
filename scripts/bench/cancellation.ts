// How fast stopping takes effect, against the fake Kimi server (the unit tests check that each of these
// happens; this measures how long it takes, which a loaded CI machine must not turn into a failing test):
// a Stop mid-stream, a consumer that stops reading, a request that hangs past its timeout, a backoff wait
// cut short, and the fake server closing with a hung response. Median of 5 each; prints JSON lines.
import { systemClock } from '../../src/common/llm/retryPolicy';
import { faults, startFakeKimi } from '../../test/fixtures/fake-kimi/server';
import { chatBody, postChat } from '../../test/unit/fake-kimi/httpHelpers';
import { clientOf, startHarness, type Harness } from '../../test/unit/llm/fakeKimiHarness';
import { medianOf, report } from './measure';

const RUNS = 5;
const TIMEOUT_MS = 300;
const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

/** Milliseconds from aborting on the first token (of 100, 50 ms apart) until the stream has ended. */
async function abortLag(harness: Harness): Promise<number> {
  harness.fake.enqueue({ kind: 'reply', content: 'x'.repeat(100), chunkSize: 1, chunkDelayMs: 50 });
  const controller = new AbortController();
  let abortedAt = 0;
  for await (const event of harness.client.stream({ ...ask, signal: controller.signal })) {
    if (event.type === 'text' && abortedAt === 0) {
      abortedAt = performance.now();
      controller.abort();
    }
  }
  return performance.now() - abortedAt;
}

/** Milliseconds from a `break` on the first token (of 60, 30 ms apart) until the loop has let go. */
async function breakLag(harness: Harness): Promise<number> {
  harness.fake.enqueue({ kind: 'reply', content: 'y'.repeat(60), chunkSize: 1, chunkDelayMs: 30 });
  let brokeAt = 0;
  for await (const event of harness.client.stream(ask)) {
    if (event.type === 'text') {
      brokeAt = performance.now();
      break;
    }
  }
  return performance.now() - brokeAt;
}

/** Milliseconds until a request that hangs after 3 chunks ends as a timeout (the timeout is 300 ms). */
async function timeoutTotal(harness: Harness): Promise<number> {
  const client = clientOf(harness.fake, { timeoutMs: TIMEOUT_MS });
  harness.fake.enqueue(faults.hang(3, { content: 'partial answer '.repeat(8), chunkSize: 4 }));
  const started = performance.now();
  const result = await client.complete(ask);
  if (result.error?.category !== 'timeout') throw new Error(`expected a timeout, got ${result.error?.category ?? 'an answer'}`);
  return performance.now() - started;
}

/** Milliseconds from aborting a 10 s backoff wait until it resolves. */
async function sleepAbortLag(): Promise<number> {
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, 20);
  await systemClock.sleep(10_000, controller.signal);
  return performance.now() - abortedAt;
}

/** Milliseconds the fake server's close() takes while a streamed response hangs. */
async function fakeCloseWithHungResponse(): Promise<number> {
  const server = await startFakeKimi();
  server.enqueue(faults.hang(2, { content: 'abcdefgh', chunkSize: 4 }));
  const response = await postChat(server, chatBody({ stream: true }));
  const reader = response.body!.getReader();
  await reader.read();
  const started = performance.now();
  await server.close();
  const elapsed = performance.now() - started;
  await reader.cancel().catch(() => undefined);
  return elapsed;
}

async function main(): Promise<void> {
  const harness = await startHarness('aimlapi');
  try {
    // Warm-up: the first request pays for connection set-up and JIT compilation.
    await abortLag(harness);
    report('stream_abort_lag_ms', await medianOf(RUNS, () => abortLag(harness)), 'ms', RUNS);
    report('stream_break_lag_ms', await medianOf(RUNS, () => breakLag(harness)), 'ms', RUNS);
    report('request_timeout_300ms_total_ms', await medianOf(RUNS, () => timeoutTotal(harness)), 'ms', RUNS);
  } finally {
    await harness.fake.close();
  }
  report('retry_sleep_abort_lag_ms', await medianOf(RUNS, sleepAbortLag), 'ms', RUNS, 2);
  report('fake_server_close_hung_response_ms', await medianOf(RUNS, fakeCloseWithHungResponse), 'ms', RUNS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
