// The engine with a scripted model (the engine, not the client, is under test here; the client's own abort is
// tested against the fake server in test/unit/server): debounce, supersession, cancellation, cache, notices.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionEngine, type CompletionModel } from '../../../src/common/completions/completionEngine';
import type { ChatRequest } from '../../../src/common/llm/kimiClient';
import { makeKimiError } from '../../../src/common/llm/errors';
import type { KimiError, StreamEvent } from '../../../src/common/llm/types';

interface Call {
  request: ChatRequest;
  abortedAfterMs?: number;
}

/** Streams `reply` slowly, stopping (as the real client does) with a cancelled error once the signal aborts. */
function scriptedModel(reply: string | KimiError, options: { partial?: boolean; chunkMs?: number } = {}) {
  const calls: Call[] = [];
  const model: CompletionModel = {
    profile: { preset: { supportsPartialMode: options.partial ?? true } },
    async *stream(request): AsyncGenerator<StreamEvent> {
      const call: Call = { request };
      calls.push(call);
      const started = performance.now();
      request.signal?.addEventListener('abort', () => (call.abortedAfterMs = performance.now() - started), { once: true });
      if (typeof reply !== 'string') {
        yield { type: 'error', error: reply };
        return;
      }
      for (const char of reply) {
        await new Promise((resolve) => setTimeout(resolve, options.chunkMs ?? 0));
        if (request.signal?.aborted) {
          yield { type: 'error', error: makeKimiError('cancelled', 'Stopped.') };
          return;
        }
        yield { type: 'text', text: char };
      }
      yield { type: 'cost', cost: { usd: 0.0001, estimated: true } };
      yield { type: 'finish', reason: 'stop' };
    },
  };
  return { model, calls };
}

const doc = (text: string, offset = text.length) => ({ path: 'a.ts', languageId: 'typescript', text, offset });

function engineWith(model: CompletionModel, debounceMs = 0) {
  const errors: KimiError[] = [];
  const costs: number[] = [];
  const engine = new CompletionEngine({ model: async () => model, debounceMs: () => debounceMs, onError: (error) => errors.push(error), onCost: (cost) => costs.push(cost.usd) });
  return { engine, errors, costs };
}

describe('completion engine', () => {
  test('asks with thinking off and the partial prompt where the preset has it, and returns the trimmed text', async () => {
    const { model, calls } = scriptedModel('1;\n');
    const { engine, costs } = engineWith(model);
    assert.deepEqual(await engine.complete('a', doc('let a = '), []), { status: 'completed', text: '1;', source: 'model' });
    assert.equal(calls[0].request.thinking, false);
    assert.equal(calls[0].request.messages.at(-1)?.role, 'assistant');
    assert.deepEqual(costs, [0.0001]);
  });

  test('a request superseded during the pause sends nothing', async () => {
    const { model, calls } = scriptedModel('x');
    const { engine } = engineWith(model, 50);
    const first = engine.complete('a', doc('let a = 1'), []);
    const second = engine.complete('a', doc('let a = 12'), []);
    assert.deepEqual(await first, { status: 'cancelled' });
    assert.equal((await second).status, 'completed');
    assert.equal(calls.length, 1);
  });

  test('a newer request for the same document aborts the stream of the older one at once', async () => {
    const { model, calls } = scriptedModel('abcdefghijklmnopqrstuvwxyz', { chunkMs: 20 });
    const { engine } = engineWith(model);
    const first = engine.complete('a', doc('let a = '), []);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = engine.complete('a', doc('let a = 1'), []);
    assert.deepEqual(await first, { status: 'cancelled' });
    assert.ok(calls[0].abortedAfterMs !== undefined);
    assert.equal((await second).status, 'completed');
  });

  test('requests for different documents do not supersede each other', async () => {
    const { model } = scriptedModel('xy', { chunkMs: 5 });
    const { engine } = engineWith(model);
    const results = await Promise.all([engine.complete('a', doc('a = '), []), engine.complete('b', doc('b = '), [])]);
    assert.deepEqual(results.map((result) => result.status), ['completed', 'completed']);
  });

  test("the caller's cancellation ($/cancelRequest) aborts the stream and ends quietly", async () => {
    const { model, calls } = scriptedModel('abcdefghij', { chunkMs: 20 });
    const { engine, errors } = engineWith(model);
    const controller = new AbortController();
    const pending = engine.complete('a', doc('x = '), [], controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    assert.deepEqual(await pending, { status: 'cancelled' });
    assert.ok(calls[0].abortedAfterMs !== undefined);
    assert.deepEqual(errors, []);
  });

  test('the same prefix again is served from the cache without a request', async () => {
    const { model, calls } = scriptedModel('compute();');
    const { engine } = engineWith(model, 30);
    await engine.complete('a', doc('let a = '), []);
    assert.deepEqual(await engine.complete('a', doc('let a = '), []), { status: 'completed', text: 'compute();', source: 'cache' });
    assert.equal(calls.length, 1);
  });

  test('one message per kind of failure until a completion works again', async () => {
    const auth = makeKimiError('auth', 'AI/ML API rejected the API key: set a valid key.');
    const failing = scriptedModel(auth);
    const { engine, errors } = engineWith(failing.model);
    for (let keystroke = 0; keystroke < 4; keystroke++) assert.equal((await engine.complete('a', doc(`x${keystroke}`), [])).status, 'failed');
    assert.deepEqual(errors.map((error) => error.message), [auth.message]);
    engine.notices.reset();
    await engine.complete('a', doc('y'), []);
    assert.equal(errors.length, 2);
  });

  test('no client (no key) is reported once, like any failure', async () => {
    const errors: KimiError[] = [];
    const noKey = makeKimiError('noKey', 'No API key is set for AI/ML API: run "Kimi: Set API Key".');
    const engine = new CompletionEngine({ model: async () => noKey, debounceMs: () => 0, onError: (error) => errors.push(error) });
    await engine.complete('a', doc('a'), []);
    await engine.complete('a', doc('ab'), []);
    assert.equal(errors.length, 1);
  });
});
