// THE acceptance test of the client: a thinking conversation with several tool-call turns, replayed
// through the client's history building, is accepted every time by the strict fake server; the same
// history with reasoning_content stripped is rejected with the 400 the real API gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKimi, type Flavor, type ScriptedReply } from '../../fixtures/fake-kimi/server';
import { toHistoryMessage } from '../../../src/common/llm/completion';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import { buildChatRequest } from '../../../src/common/llm/requestBuilder';
import type { ChatMessage, ToolDefinition } from '../../../src/common/llm/types';
import { resolveModelProfile } from '../../../src/common/models';
import { strictClientOf, TEST_KEY } from './fakeKimiHarness';

const tools: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'search', description: 'Search files', parameters: { type: 'object', properties: { pattern: { type: 'string' } }, required: ['pattern'] } },
];

const script: ScriptedReply[] = [
  { kind: 'reply', reasoning: 'First I read the entry point.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/main.ts"}' }], toolArgSplit: 'random' },
  {
    kind: 'reply',
    reasoning: 'It imports two modules; I will search for both at once.',
    content: 'Looking at the imports.',
    toolCalls: [
      { name: 'search', arguments: '{"pattern":"export function parse"}' },
      { name: 'read_file', arguments: '{"path":"src/util.ts"}' },
    ],
    toolArgSplit: 'random',
    argsBeforeName: true,
  },
  { kind: 'reply', reasoning: 'Let me check the docs online.', toolCalls: [{ name: '$web_search', arguments: '{"search_result":{"search_id":"abc"}}' }] },
  { kind: 'reply', reasoning: 'One more file.', toolCalls: [{ name: 'read_file', arguments: '{}' }], toolArgSplit: 1 },
  { kind: 'reply', reasoning: 'I have everything.', content: 'The parser lives in src/util.ts.' },
];

async function runConversation(flavor: Flavor, seed: number) {
  const fake = await startFakeKimi({ flavor, seed });
  const client = strictClientOf(fake);
  const history: ChatMessage[] = [
    { role: 'system', content: 'You are a coding assistant.' },
    { role: 'user', content: 'Where is the parser defined?' },
  ];
  try {
    for (const reply of script) {
      fake.enqueue(reply);
      const result = await client.complete({ messages: history, tools, webSearch: true });
      assert.equal(result.error, undefined, `${flavor}: ${result.error?.message}`);
      history.push(toHistoryMessage(result));
      for (const call of result.toolCalls) {
        // $web_search: the arguments go back unchanged and the provider runs the search.
        const content = call.name === '$web_search' ? call.argumentsText : `result of ${call.name} ${call.argumentsText}`;
        history.push({ role: 'tool', toolCallId: call.id, content });
      }
    }
    const rejected = fake.requests.filter((request) => request.rejected);
    return { fake, history, rejected };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

async function postRaw(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

for (const flavor of ['moonshot', 'aimlapi'] as const) {
  describe(`multi-turn thinking with tools on ${flavor}`, () => {
    test('the client-built history is accepted on every turn, across argument splits', async () => {
      for (const seed of [1, 2, 3]) {
        const { fake, history, rejected } = await runConversation(flavor, seed);
        await fake.close();
        assert.deepEqual(rejected, []);
        assert.equal(fake.requests.length, script.length);
        const assistantTurns = history.filter((message) => message.role === 'assistant');
        assert.equal(assistantTurns.length, script.length);
        assert.deepEqual(
          assistantTurns.map((message) => message.role === 'assistant' && message.reasoningContent),
          script.map((reply) => reply.reasoning),
        );
      }
    });

    test('the same history with reasoning stripped (bypassing the builder) is rejected with the 400', async () => {
      const { fake, history } = await runConversation(flavor, 1);
      try {
        const outcome = buildChatRequest(resolveModelProfile(flavor), { thinking: true, maxOutputTokens: 8192 }, { messages: history, tools }, { stream: false });
        assert.ok(outcome.ok);
        const stripped = structuredClone(outcome.request.body);
        for (const message of stripped.messages) if (message.role === 'assistant') delete message.reasoning_content;
        stripped.model = resolveModelProfile(flavor).modelId;

        const firstToolCallTurn = stripped.messages.findIndex((message) => message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0);
        const refused = await postRaw(fake.url, stripped);
        assert.equal(refused.status, 400);
        assert.match(refused.text, new RegExp(`thinking is enabled but reasoning_content is missing in assistant tool call message at index ${firstToolCallTurn}`));

        const intact = await postRaw(fake.url, outcome.request.body);
        assert.equal(intact.status, 200, intact.text);
      } finally {
        await fake.close();
      }
    });

    test('history that lost its reasoning (compaction, old turns) is repaired with "" by the builder', async () => {
      const { fake, history } = await runConversation(flavor, 2);
      try {
        const forgetful = history.map((message): ChatMessage => {
          if (message.role !== 'assistant') return message;
          const { reasoningContent: _dropped, ...rest } = message;
          return rest;
        });
        const client = strictClientOf(fake);
        fake.enqueue({ kind: 'reply', content: 'Still fine.' });
        const result = await client.complete({ messages: [...forgetful, { role: 'user', content: 'Thanks!' }], tools, webSearch: true });
        assert.equal(result.error, undefined, result.error?.message);
        assert.equal(result.content, 'Still fine.');
        if (flavor === 'moonshot') {
          // Preserved thinking on K2.6: now every assistant turn, not only tool-call turns, needs the field.
          const preserving = new KimiClient({
            provider: flavor,
            baseUrl: fake.url,
            apiKey: TEST_KEY,
            thinking: true,
            maxOutputTokens: 8192,
            maxAttempts: 1,
            requestOverrides: { thinking: { type: 'enabled', keep: 'all' } },
          });
          fake.enqueue({ kind: 'reply', content: 'Preserved.' });
          const preserved = await preserving.complete({ messages: [...forgetful, { role: 'user', content: 'Again?' }], tools, webSearch: true });
          assert.equal(preserved.error, undefined, preserved.error?.message);
        }
      } finally {
        await fake.close();
      }
    });
  });
}
