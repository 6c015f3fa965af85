import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults, startFakeKimi } from '../../fixtures/fake-kimi/server';
import { chatBody, fakeServersForSuite, parseSse, postChat, streamChat, type Json } from './httpHelpers';

const reply = { reasoning: 'abcdefghijklmnop', content: 'qrstuvwx', chunkSize: 4 };

/** Reads a body until it ends, fails, or stays silent for `quietMs`. */
async function readBody(response: Response, quietMs = 2000): Promise<{ text: string; outcome: 'ended' | 'failed' | 'silent' }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<'silent'>((resolve) => {
      timer = setTimeout(() => resolve('silent'), quietMs);
    });
    try {
      const next = await Promise.race([reader.read(), silence]);
      if (next === 'silent') {
        void reader.cancel().catch(() => undefined);
        return { text, outcome: 'silent' };
      }
      if (next.done) return { text, outcome: 'ended' };
      text += decoder.decode(next.value, { stream: true });
    } catch {
      return { text, outcome: 'failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}

describe('fake Kimi: faults and scripted errors', () => {
  const servers = fakeServersForSuite();

  test('reset-after-chunks drops the connection after exactly N chunks', async () => {
    servers.aimlapi.enqueue(faults.connectionReset(3, reply));
    const response = await postChat(servers.aimlapi, chatBody({ stream: true }));
    assert.equal(response.status, 200);
    const { text, outcome } = await readBody(response);
    assert.equal(outcome, 'failed');
    const stream = parseSse(text);
    assert.equal(stream.chunks.length, 3);
    assert.equal(stream.sawDone, false);
  });

  test('cut-without-done ends the response cleanly with no finish chunk and no [DONE]', async () => {
    servers.aimlapi.enqueue(faults.cutWithoutDone(4, reply));
    const response = await postChat(servers.aimlapi, chatBody({ stream: true }));
    const { text, outcome } = await readBody(response);
    assert.equal(outcome, 'ended');
    const stream = parseSse(text);
    assert.equal(stream.chunks.length, 4);
    assert.equal(stream.sawDone, false);
    assert.ok(stream.chunks.every((chunk) => (chunk.choices as Json[])[0].finish_reason === null));
  });

  test('malformed-chunk inserts one broken event after N chunks, then the stream goes on to [DONE]', async () => {
    servers.aimlapi.enqueue(faults.malformedChunk(2, reply));
    const stream = await streamChat(servers.aimlapi, chatBody());
    assert.deepEqual(stream.malformed, ['{"choices": [']);
    assert.ok(stream.raw.indexOf('{"choices": [') > stream.raw.indexOf('"reasoning_content":"abcd"'));
    assert.ok(stream.raw.indexOf('{"choices": [') < stream.raw.indexOf('"reasoning_content":"efgh"'));
    assert.equal(stream.chunks.length, 1 + 4 + 2 + 1);
    assert.ok(stream.sawDone);
  });

  test('hang sends headers and N chunks, then nothing, until close() ends it', async () => {
    const server = await startFakeKimi();
    server.enqueue(faults.hang(2, reply));
    const response = await postChat(server, chatBody({ stream: true }));
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    let text = '';
    while (parseSse(text).chunks.length < 2) text += new TextDecoder().decode((await reader.read()).value);
    const silent = await Promise.race([reader.read().then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('silent'), 150))]);
    assert.equal(silent, 'silent');
    // close() does not wait for the hung response (how long it takes: scripts/bench/cancellation.ts).
    await server.close();
    let outcome: 'ended' | 'failed';
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        text += new TextDecoder().decode(next.value);
      }
      outcome = 'ended';
    } catch {
      outcome = 'failed';
    }
    assert.equal(outcome, 'failed', 'the hung stream is cut, not completed');
    assert.equal(parseSse(text).chunks.length, 2);
  });

  test('a fault applies only to the request that consumes it', async () => {
    servers.aimlapi.enqueue(faults.cutWithoutDone(1, reply));
    await (await postChat(servers.aimlapi, chatBody({ stream: true }))).text();
    assert.ok((await streamChat(servers.aimlapi, chatBody())).sawDone);
  });

  test('non-streaming faults: reset fails the fetch, cut truncates the JSON, malformed is not JSON', async () => {
    servers.aimlapi.enqueue(faults.connectionReset(0), faults.cutWithoutDone(0, reply), faults.malformedChunk(0, reply));
    await assert.rejects(postChat(servers.aimlapi, chatBody()));
    const cut = await (await postChat(servers.aimlapi, chatBody())).text();
    assert.ok(cut.startsWith('{"id":"chatcmpl-'));
    assert.throws(() => JSON.parse(cut));
    const malformed = await (await postChat(servers.aimlapi, chatBody())).text();
    assert.throws(() => JSON.parse(malformed));
  });

  test('a non-streaming hang answers headers and never the body', async () => {
    const server = await startFakeKimi();
    server.enqueue(faults.hang());
    const response = await postChat(server, chatBody());
    assert.equal(response.status, 200);
    const pending = readBody(response, 150);
    assert.equal((await pending).outcome, 'silent');
    await server.close();
  });

  test('rateLimited sets Retry-After and answers 429 in the server flavor', async () => {
    servers.aimlapi.enqueue(faults.rateLimited(7));
    const fromAimlapi = await postChat(servers.aimlapi, chatBody());
    assert.equal(fromAimlapi.status, 429);
    assert.equal(fromAimlapi.headers.get('retry-after'), '7');
    assert.equal(((await fromAimlapi.json()) as Json).message, 'Too Many Requests');
    servers.moonshot.enqueue(faults.rateLimited(2));
    const fromMoonshot = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(fromMoonshot.headers.get('retry-after'), '2');
    assert.equal((((await fromMoonshot.json()) as Json).error as Json).type, 'rate_limit_reached_error');
  });

  test("outOfCredits is AI/ML API's 403 and quotaExhausted is Moonshot's 429, whatever the server flavor", async () => {
    servers.moonshot.enqueue(faults.outOfCredits());
    const credits = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(credits.status, 403);
    const creditsBody = (await credits.json()) as Json;
    assert.match(String(creditsBody.message), /^You've run out of credits/);
    assert.equal(creditsBody.statusCode, 403);
    servers.aimlapi.enqueue(faults.quotaExhausted());
    const quota = await postChat(servers.aimlapi, chatBody());
    assert.equal(quota.status, 429);
    assert.equal(quota.headers.get('retry-after'), null);
    assert.equal((((await quota.json()) as Json).error as Json).type, 'exceeded_current_quota_error');
  });

  test('serverError, authFailed, engineOverloaded and generationTimeout render their statuses and types', async () => {
    servers.moonshot.enqueue(faults.serverError(503), faults.authFailed(), faults.engineOverloaded(3));
    const server = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(server.status, 503);
    assert.equal((((await server.json()) as Json).error as Json).type, 'server_error');
    const auth = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(auth.status, 401);
    assert.equal((((await auth.json()) as Json).error as Json).type, 'invalid_authentication_error');
    const overloaded = await postChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(overloaded.headers.get('retry-after'), '3');
    assert.equal((((await overloaded.json()) as Json).error as Json).type, 'engine_overloaded_error');
    servers.aimlapi.enqueue(faults.generationTimeout());
    const timeout = await postChat(servers.aimlapi, chatBody());
    assert.equal(timeout.status, 504);
    assert.equal(((await timeout.json()) as Json).message, 'Generation timeout');
  });

  test('scripted errors are recorded as rejections', async () => {
    servers.aimlapi.enqueue({ kind: 'error', status: 500, message: 'boom' });
    await (await postChat(servers.aimlapi, chatBody())).text();
    const last = servers.aimlapi.requests[servers.aimlapi.requests.length - 1];
    assert.deepEqual([last.rejected?.status, (last.rejected?.body as Json).message], [500, 'boom']);
  });
});
