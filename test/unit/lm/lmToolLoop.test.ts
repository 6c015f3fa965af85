// The provider's common half end to end through the real client and the strict fake server with thinking on:
// a caller's tool loop (VS Code messages carry no reasoning) is accepted at every step, each turn's reasoning
// goes back exactly, and a history from before a reload (nothing remembered) is accepted with "".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import { toKimiMessages, type LmMessage } from '../../../src/common/lm/lmMessages';
import { streamLmResponse, type LmOutputPart } from '../../../src/common/lm/lmResponse';
import { ReasoningStore } from '../../../src/common/lm/reasoningStore';
import type { ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { withFakeServer } from '../llm/fakeKimiHarness';

const reasonings = ['Open the entry point.', 'Then the helper.', 'And both tests at once.'];
const rounds: ScriptedResponse[] = [
  { kind: 'reply', reasoning: reasonings[0], content: 'Reading.', toolCalls: [{ name: 'read_file', arguments: '{"path": "main.ts"}' }], toolArgSplit: 'random' },
  { kind: 'reply', reasoning: reasonings[1], toolCalls: [{ name: 'read_file', arguments: '{"path":"util.ts"}' }], argsBeforeName: true },
  {
    kind: 'reply',
    reasoning: reasonings[2],
    toolCalls: [
      { name: 'read_file', arguments: '{"path":"a.test.ts"}' },
      { name: 'read_file', arguments: '{"path":"b.test.ts"}' },
    ],
  },
  { kind: 'reply', reasoning: 'Done.', content: 'parse() is in util.ts.' },
];

const readFile = { name: 'read_file', description: 'Reads a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } };

/** What a VS Code caller does: keep only text and tool calls of each answer, answer the calls, ask again. */
async function callerLoop(client: KimiClient, store: ReasoningStore, history: LmMessage[], maxSteps = 6): Promise<LmOutputPart[][]> {
  const answers: LmOutputPart[][] = [];
  for (let step = 0; step < maxSteps; step++) {
    const parts: LmOutputPart[] = [];
    const outcome = await streamLmResponse(client.stream({ messages: toKimiMessages(history, store), tools: [readFile] }), store, (part) => parts.push(part));
    assert.equal(outcome.error, undefined, outcome.error?.detail ?? outcome.error?.message);
    answers.push(parts);
    const calls = parts.flatMap((part) => (part.kind === 'toolCall' ? [part] : []));
    if (calls.length === 0) break;
    history.push({ role: 'assistant', content: parts.map((part) => (part.kind === 'text' ? part : { ...part })) });
    history.push({ role: 'user', content: calls.map((call) => ({ kind: 'toolResult', callId: call.callId, content: [{ kind: 'text', text: `contents of ${(call.input as { path: string }).path}` }] })) });
  }
  return answers;
}

/** The fake server's seed: the same chunking on every run. */
const SEED = 3;

type WireAssistant = { role: string; reasoning_content?: string; tool_calls?: Array<{ id: string; function: { arguments: string } }> };

for (const flavor of ['aimlapi', 'moonshot'] as const) {
  describe(`a caller's tool loop through the kimi vendor (${flavor}, thinking on)`, () => {
    test('every request is accepted and each tool-call turn carries its own reasoning, exactly', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        fake.enqueue(...rounds);
        const history: LmMessage[] = [{ role: 'user', content: [{ kind: 'text', text: 'Where is parse()?' }] }];
        const answers = await callerLoop(client, new ReasoningStore(), history);
        assert.equal(answers.length, 4);
        assert.deepEqual(fake.requests.filter((request) => request.rejected), []);
        const last = (fake.requests.at(-1)?.body as { messages: WireAssistant[]; thinking?: unknown }).messages;
        const assistants = last.filter((message) => message.role === 'assistant');
        assert.deepEqual(assistants.map((message) => message.reasoning_content), reasonings);
        assert.equal(assistants[0]?.tool_calls?.[0]?.function.arguments, '{"path": "main.ts"}');
        if (flavor === 'moonshot') assert.deepEqual((fake.requests.at(-1)?.body as { thinking?: unknown }).thinking, { type: 'enabled' });
      });
    });

    test('two conversations in one window, each numbering its calls from 0, keep their own reasoning', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        const store = new ReasoningStore();
        const conversation = async (reasoning: string) => {
          fake.enqueue(
            { kind: 'reply', reasoning, toolCalls: [{ name: 'read_file', arguments: '{"path":"main.ts"}' }] },
            { kind: 'reply', reasoning: 'Done.', content: 'ok' },
          );
          const answers = await callerLoop(client, store, [{ role: 'user', content: [{ kind: 'text', text: reasoning }] }]);
          const sent = (fake.requests.at(-1)?.body as { messages: Array<WireAssistant & { tool_call_id?: string }> }).messages;
          return { callerId: answers[0]?.find((part) => part.kind === 'toolCall')?.callId, sent };
        };
        const one = await conversation('Conversation one.');
        const two = await conversation('Conversation two.');
        const providerId = flavor === 'moonshot' ? 'read_file:0' : 'functions.read_file:0';
        assert.deepEqual([one.callerId, two.callerId], [providerId, `${providerId}#2`]);
        for (const [run, reasoning] of [[one, 'Conversation one.'], [two, 'Conversation two.']] as const) {
          const assistant = run.sent.find((message) => message.role === 'assistant');
          assert.equal(assistant?.reasoning_content, reasoning);
          assert.deepEqual(assistant?.tool_calls?.map((call) => call.id), [providerId], 'the provider gets its own id back');
          assert.equal(run.sent.find((message) => message.role === 'tool')?.tool_call_id, providerId);
        }
        assert.deepEqual(fake.requests.filter((request) => request.rejected), []);
      });
    });

    test('a history nothing is remembered for (another window, a reload) is accepted with ""', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        fake.enqueue(rounds[0] as ScriptedResponse);
        const history: LmMessage[] = [{ role: 'user', content: [{ kind: 'text', text: 'Where is parse()?' }] }];
        await callerLoop(client, new ReasoningStore(), history, 1);
        history.push({ role: 'assistant', content: [{ kind: 'text', text: 'Checking.' }] }, { role: 'user', content: [{ kind: 'text', text: 'Go on.' }] });
        fake.enqueue({ kind: 'reply', reasoning: 'Fine.', content: 'Done.' });
        const parts: LmOutputPart[] = [];
        const outcome = await streamLmResponse(client.stream({ messages: toKimiMessages(history, new ReasoningStore()), tools: [readFile] }), new ReasoningStore(), (part) => parts.push(part));
        assert.equal(outcome.error, undefined);
        assert.deepEqual(parts, [{ kind: 'text', text: 'Done.' }]);
        assert.deepEqual(fake.requests.filter((request) => request.rejected), []);
        const sent = (fake.requests.at(-1)?.body as { messages: WireAssistant[] }).messages.filter((message) => message.role === 'assistant');
        assert.deepEqual(sent.map((message) => message.reasoning_content), ['', undefined]);
      });
    });
  });
}

describe('streamLmResponse', () => {
  test('remembers the reasoning before it hands a tool call on, and reports the error a stream ends with', async () => {
    const store = new ReasoningStore();
    const seen: Array<string | undefined> = [];
    async function* events() {
      yield { type: 'reasoning' as const, text: 'Think ' };
      yield { type: 'reasoning' as const, text: 'twice.' };
      yield { type: 'toolCall' as const, call: { index: 0, id: 'x:0', name: 'read_file', argumentsText: '[1]', arguments: [1] } };
      yield { type: 'error' as const, error: { category: 'network' as const, message: 'Cut.', action: 'retry' as const, retryable: true } };
    }
    const outcome = await streamLmResponse(events(), store, (part) => {
      if (part.kind === 'toolCall') {
        seen.push(store.recall(part.callId)?.reasoning);
        assert.deepEqual(part.input, {}, 'arguments that are not an object reach the caller as {}');
      }
    });
    assert.deepEqual(seen, ['Think twice.']);
    assert.equal(outcome.error?.message, 'Cut.');
    assert.equal(outcome.toolCalls, 1);
  });
});
