// End to end through the real client: runAgentTurn streaming from the strict fake Kimi server with thinking on.
// Every request of several tool rounds, and the next turn built on the history a turn leaves (even a failed
// or stopped one), must be accepted: the server rejects what the real API rejects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn, type AgentOptions } from '../../../src/common/agent/agentLoop';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import type { ChatMessage } from '../../../src/common/llm/types';
import type { FakeKimi, ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { withFakeServer } from '../llm/fakeKimiHarness';
import { assertEveryCallAnswered, done, editThatWaitsForStop, fakeTools, recordingObserver, settleUntil } from './agentFakes';

const toolRounds: ScriptedResponse[] = [
  { kind: 'reply', reasoning: 'Start with the entry point.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/main.ts"}' }], toolArgSplit: 'random' },
  {
    kind: 'reply',
    reasoning: 'Two things at once.',
    content: 'Looking at the imports.',
    toolCalls: [
      { name: 'search', arguments: '{"pattern":"export function parse"}' },
      { name: 'read_file', arguments: '{"path":"src/util.ts"}' },
    ],
    argsBeforeName: true,
  },
  { kind: 'reply', reasoning: 'Check the docs online.', toolCalls: [{ name: '$web_search', arguments: '{"search_result":{"search_id":"s-1"}}' }] },
  { kind: 'reply', reasoning: 'Fix it.', toolCalls: [{ name: 'edit_file', arguments: '{"path":"src/util.ts","old_string":"a","new_string":"b"}' }] },
  { kind: 'reply', reasoning: 'All done.', content: 'The parser lives in src/util.ts; I fixed it.' },
];

function workspaceTools() {
  return fakeTools(
    {
      read_file: async (call) => done(`1| contents of ${String((call.arguments as { path: string }).path)}`),
      search: async () => done('src/util.ts:3: export function parse('),
      edit_file: async () => done('The user accepted the change.'),
    },
    ['read_file', 'search'],
  );
}

function agentOptions(client: KimiClient, tools = workspaceTools(), maxSteps = 10): AgentOptions {
  return {
    maxSteps,
    webSearch: true,
    tools,
    stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }),
  };
}

/** The fake server's seed: the same chunking on every run. */
const SEED = 7;

/** The next turn, on the history a turn left plus a user message: it is answered and nothing was rejected. */
async function assertNextTurnAccepted(fake: FakeKimi, client: KimiClient, history: ChatMessage[], userText: string, reply: ScriptedResponse): Promise<void> {
  fake.enqueue(reply);
  const followUp = await runAgentTurn([...history, { role: 'user', content: userText }], agentOptions(client), recordingObserver(), new AbortController().signal);
  assert.equal(followUp.reason, 'answered');
  assert.deepEqual(rejections(fake), []);
}

function rejections(fake: FakeKimi) {
  return fake.requests.filter((request) => request.rejected).map((request) => request.rejected);
}

for (const flavor of ['moonshot', 'aimlapi'] as const) {
  describe(`agent turn against the fake server (${flavor})`, () => {
    test('several tool rounds with thinking on are accepted, and so is the next turn', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        const history: ChatMessage[] = [
          { role: 'system', content: 'You are a coding assistant.' },
          { role: 'user', content: 'Where is the parser, and fix it.' },
        ];
        fake.enqueue(...toolRounds);
        const observer = recordingObserver();
        const result = await runAgentTurn(history, agentOptions(client), observer, new AbortController().signal);
        assert.deepEqual(rejections(fake), []);
        assert.deepEqual(result, { reason: 'answered', steps: toolRounds.length });
        assertEveryCallAnswered(observer.messages);
        const assistants = observer.messages.filter((message) => message.role === 'assistant');
        assert.deepEqual(
          assistants.map((message) => message.reasoningContent),
          ['Start with the entry point.', 'Two things at once.', 'Check the docs online.', 'Fix it.', 'All done.'],
        );
        const webSearchAnswer = observer.messages.find((message) => message.role === 'tool' && message.toolCallId.includes('$web_search'));
        assert.equal(webSearchAnswer?.role === 'tool' && webSearchAnswer.content, '{"search_result":{"search_id":"s-1"}}');

        await assertNextTurnAccepted(fake, client, [...history, ...observer.messages], 'Thanks!', { kind: 'reply', reasoning: 'Easy.', content: 'You are welcome.' });
        assert.equal(fake.requests.length, toolRounds.length + 1);
      });
    });

    test('a turn cut by a dropped connection leaves a history the next turn can use', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        const history: ChatMessage[] = [{ role: 'user', content: 'Read main.' }];
        fake.enqueue(toolRounds[0] as ScriptedResponse, {
          kind: 'fault',
          fault: 'reset-after-chunks',
          afterChunks: 3,
          reply: { reasoning: 'Reading the second file now, this is long.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/b.ts"}' }] },
        });
        const observer = recordingObserver();
        const result = await runAgentTurn(history, agentOptions(client), observer, new AbortController().signal);
        assert.equal(result.reason, 'error');
        assertEveryCallAnswered(observer.messages);

        await assertNextTurnAccepted(fake, client, [...history, ...observer.messages], 'Try again.', { kind: 'reply', reasoning: 'Again.', content: 'Here it is.' });
      });
    });

    test('a turn stopped during a tool leaves a history the next turn can use', async () => {
      await withFakeServer(flavor, SEED, async (fake, client) => {
        const controller = new AbortController();
        const { tools, editStarted } = editThatWaitsForStop();
        fake.enqueue({
          kind: 'reply',
          reasoning: 'Edit, then test.',
          toolCalls: [
            { name: 'edit_file', arguments: '{"path":"a","old_string":"x","new_string":"y"}' },
            { name: 'run_command', arguments: '{"command":"npm test"}' },
          ],
        });
        const history: ChatMessage[] = [{ role: 'user', content: 'Fix and test.' }];
        const observer = recordingObserver();
        const turn = runAgentTurn(history, agentOptions(client, tools), observer, controller.signal);
        await settleUntil(editStarted, 2000);
        assert.ok(editStarted());
        controller.abort();
        assert.equal((await turn).reason, 'cancelled');
        assert.deepEqual(tools.executed, [flavor === 'moonshot' ? 'edit_file:0' : 'functions.edit_file:0']);

        await assertNextTurnAccepted(fake, client, [...history, ...observer.messages], 'Never mind.', { kind: 'reply', reasoning: 'Ok.', content: 'Stopped as asked.' });
      });
    });
  });
}
