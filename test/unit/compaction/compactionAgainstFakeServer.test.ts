// Compaction through the real client and the strict fake Kimi server, thinking on (and K2.6's preserved thinking,
// where every assistant message needs its reasoning): the summary request and every request after it must be
// accepted, the system prompt and tool list stay byte-identical, the recent turn stays word for word and the todo
// list survives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TurnEnvironment } from '../../../src/common/chat/assistantTurn';
import { ConversationSaves } from '../../../src/common/chat/conversationSaves';
import { TurnOrchestrator } from '../../../src/common/chat/turnOrchestrator';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { ConversationStore } from '../../../src/common/conversations/store';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import { currentTodos, withTodoTool } from '../../../src/common/todo/todoTool';
import { startFakeKimi, type FakeKimi, type RecordedRequest, type ScriptedResponse } from '../../fixtures/fake-kimi/server';
import { checkMessageHistory } from '../../fixtures/fake-kimi/validate-messages';
import type { RequestMessage } from '../../fixtures/fake-kimi/request-schema';
import { done, fakeTools } from '../agent/agentFakes';
import { MemoryFolder } from '../chat/chatFakes';
import { TEST_KEY } from '../llm/fakeKimiHarness';

const BIG_FILE = Array.from({ length: 400 }, (_, line) => `${line + 1}| export const value${line} = compute(${line}); // padding`).join('\n');
const TODOS = '{"todos":[{"content":"Read the parser","status":"completed"},{"content":"Fix the off-by-one","status":"in_progress"},{"content":"Add a test","status":"pending"}]}';
const SUMMARY = '## Goal\nFix the parser.\n\n## Decisions\nNone yet.\n\n## Files changed\nNone.\n\n## Open errors\nNone.\n\n## Next\nFix the off-by-one in src/parser.ts.';

interface Rig {
  fake: FakeKimi;
  turns: TurnOrchestrator;
  notices: string[];
  close(): Promise<void>;
}

async function rig(flavor: 'moonshot' | 'aimlapi', thresholdTokens: number, keepAll: boolean): Promise<Rig> {
  const fake = await startFakeKimi({ flavor, seed: 3 });
  const client = new KimiClient({
    provider: flavor,
    baseUrl: fake.url,
    apiKey: TEST_KEY,
    thinking: true,
    maxOutputTokens: 4096,
    maxAttempts: 1,
    ...(keepAll ? { requestOverrides: { thinking: { type: 'enabled', keep: 'all' } } } : {}),
  });
  const notices: string[] = [];
  const environment: TurnEnvironment = {
    modelLabel: () => 'Kimi K2.6',
    connect: async () => ({ ok: true, stream: (request) => client.stream({ ...request, ...(request.toolChoice ? { toolChoice: request.toolChoice } : {}) }) }),
    rulesFiles: async () => [],
    tools: () => withTodoTool(fakeTools({ read_file: async (call) => done(JSON.stringify(call.arguments).includes('big') ? BIG_FILE : '1| small') }, ['read_file']), () => undefined),
    limits: () => ({ maxSteps: 6, webSearch: false }),
    compactionLimits: () => ({ thresholdTokens, keepTokens: 200 }),
  };
  const store = new ConversationStore(new MemoryFolder());
  const turns = new TurnOrchestrator({
    environment,
    saves: new ConversationSaves({ save: (conversation) => store.save(conversation), logError: () => undefined, schedule: () => () => undefined }),
    view: {
      post: (message) => {
        if (message.type === 'notice') notices.push(message.message);
      },
      redraw: async () => undefined,
      statusChanged: async () => undefined,
    },
    onConversationStarted: () => undefined,
    onSessionCost: () => undefined,
    now: () => 1_700_000_000_000,
    warn: () => undefined,
  });
  return { fake, turns, notices, close: () => fake.close() };
}

/** A turn whose answer ends long: over the threshold only once it has ended (no compaction inside it). */
const longAnswerTurn: ScriptedResponse[] = [
  { kind: 'reply', reasoning: 'Plan the work first.', toolCalls: [{ name: 'todo_write', arguments: TODOS }] },
  { kind: 'reply', reasoning: 'Read the parser.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/parser.ts"}' }] },
  { kind: 'reply', reasoning: 'Found it.', content: `The off-by-one is on line 12. The whole file, annotated:\n${BIG_FILE}` },
];

/** A turn that reads a big file: its next model call would pass a small threshold. */
const firstTurn: ScriptedResponse[] = [
  { kind: 'reply', reasoning: 'Plan the work first.', toolCalls: [{ name: 'todo_write', arguments: TODOS }] },
  { kind: 'reply', reasoning: 'Read the parser.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/big-parser.ts"}' }] },
  { kind: 'reply', reasoning: 'Found it.', content: 'The off-by-one is on line 12.' },
];

function chatBodies(fake: FakeKimi): { messages: RequestMessage[]; tools?: unknown[]; tool_choice?: unknown }[] {
  return fake.requests.filter((request: RecordedRequest) => request.path === '/v1/chat/completions').map((request) => request.body as never);
}

const send = (turns: TurnOrchestrator, text: string) => turns.send({ text, chips: [], images: [], context: [] });

for (const [flavor, keepAll] of [['moonshot', true], ['moonshot', false], ['aimlapi', false]] as const) {
  describe(`compaction against the fake server (${flavor}${keepAll ? ', preserved thinking' : ''})`, () => {
    test('a turn over the threshold compacts first: every request is accepted and the cache prefix is unchanged', async () => {
      const { fake, turns, close } = await rig(flavor, 2_000, keepAll);
      try {
        fake.enqueue(...longAnswerTurn);
        await send(turns, 'Fix the parser.');
        assert.equal(turns.conversation?.compactions, undefined, 'no compaction inside the first answer');
        const before = chatBodies(fake).length;
        fake.enqueue({ kind: 'reply', reasoning: 'Summarize.', content: SUMMARY }, { kind: 'reply', reasoning: 'Go on.', content: 'Fixed.' });
        const run = await send(turns, 'Go on with the fix.');
        assert.equal(run?.result.reason, 'answered');
        assert.deepEqual(fake.requests.filter((request) => request.rejected).map((request) => request.rejected), []);

        const bodies = chatBodies(fake);
        const [summaryRequest, afterRequest] = bodies.slice(before);
        const first = bodies[0]!;
        assert.ok(summaryRequest && afterRequest);
        // The summary request extends the first turn's requests: same system prompt, same tools, tool_choice none.
        assert.deepEqual(summaryRequest.messages[0], first.messages[0]);
        assert.equal(JSON.stringify(summaryRequest.tools), JSON.stringify(first.tools));
        assert.equal(summaryRequest.tool_choice, 'none');
        const lastOfFirstTurn = bodies[before - 1]!.messages;
        assert.deepEqual(summaryRequest.messages.slice(0, lastOfFirstTurn.length), lastOfFirstTurn, 'the summary request starts with what the last request sent');
        // After it: the same system prompt and tools, then one user message with the summary and the new text.
        assert.deepEqual(afterRequest.messages[0], first.messages[0]);
        assert.equal(JSON.stringify(afterRequest.tools), JSON.stringify(first.tools));
        assert.equal(afterRequest.messages.length, 2);
        const user = afterRequest.messages[1]!;
        assert.equal(user.role, 'user');
        const text = typeof user.content === 'string' ? user.content : '';
        assert.match(text, /<conversation_summary>\n## Goal\nFix the parser\./);
        assert.match(text, /## Todo list\n\[x\] Read the parser\n\[~\] Fix the off-by-one\n\[ \] Add a test/);
        assert.ok(text.endsWith('Go on with the fix.'));
        assert.equal(checkMessageHistory(afterRequest.messages, { thinkingOn: true, keepAllReasoning: keepAll }), undefined);

        const conversation = turns.conversation as StoredConversation;
        assert.equal(conversation.compactions?.length, 1);
        assert.equal(conversation.compactions?.[0]?.trigger, 'auto');
        assert.equal(conversation.compactions?.[0]?.replacedTurns, 2);
        assert.ok((conversation.compactions?.[0]?.usage?.promptTokens ?? 0) > 0, 'the compaction reports its own usage');
        assert.deepEqual(currentTodos(conversation).map((item) => item.status), ['completed', 'in_progress', 'pending']);
      } finally {
        await close();
      }
    });

    test('/compact keeps a recent exchange word for word and the next turn, with tool calls, is accepted', async () => {
      const { fake, turns, close } = await rig(flavor, 1_000_000, keepAll);
      try {
        fake.enqueue(...firstTurn);
        await send(turns, 'Fix the parser.');
        fake.enqueue({ kind: 'reply', reasoning: 'Short.', content: 'Line 12 it is.' });
        await send(turns, 'Which line?');
        fake.enqueue({ kind: 'reply', reasoning: 'Summarize.', content: SUMMARY });
        const outcome = await turns.compact('the parser fix');
        assert.equal(outcome?.ok, true);
        fake.enqueue(
          { kind: 'reply', reasoning: 'Read again.', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/parser.ts"}' }] },
          { kind: 'reply', reasoning: 'Done.', content: 'Fixed.' },
        );
        await send(turns, 'Now fix it.');
        assert.deepEqual(fake.requests.filter((request) => request.rejected).map((request) => request.rejected), []);
        const bodies = chatBodies(fake);
        const compactRequest = bodies.at(-3)!;
        assert.match(JSON.stringify(compactRequest.messages.at(-1)), /focus on: the parser fix/);
        const last = bodies.at(-1)!;
        // The short exchange stays word for word after the summary; the long first one is summarized.
        const texts = last.messages.map((message) => (typeof message.content === 'string' ? message.content : ''));
        assert.match(texts[1] ?? '', /^<conversation_summary>/);
        assert.ok(texts[1]?.endsWith('Which line?'));
        assert.equal(texts[2], 'Line 12 it is.');
        assert.ok(!JSON.stringify(last.messages).includes('Plan the work first.'), 'the summarized turn is not sent again');
        assert.ok(!texts.includes('Fix the parser.'));
        assert.equal(checkMessageHistory(last.messages, { thinkingOn: true, keepAllReasoning: keepAll }), undefined);
      } finally {
        await close();
      }
    });
  });
}

for (const [flavor, keepAll] of [['moonshot', true], ['aimlapi', false]] as const) {
  test(`a long answer compacts between its own model calls and goes on; the next turn builds on it (${flavor})`, async () => {
    const { fake, turns, close } = await rig(flavor, 2_000, keepAll);
    try {
      fake.enqueue(firstTurn[0]!, firstTurn[1]!, { kind: 'reply', reasoning: 'Summarize.', content: SUMMARY }, { kind: 'reply', reasoning: 'Go on.', content: 'Done after the summary.' });
      const run = await send(turns, 'Fix the parser.');
      assert.equal(run?.result.reason, 'answered');
      const bodies = chatBodies(fake);
      assert.equal(bodies.length, 4);
      const [, afterRead, summaryRequest, continued] = bodies;
      // The summary request extends the request before it (cache prefix), and asks for no tool.
      assert.deepEqual(summaryRequest!.messages.slice(0, afterRead!.messages.length), afterRead!.messages);
      assert.equal(summaryRequest!.tool_choice, 'none');
      // The answer goes on from the system prompt and the summary alone, tools unchanged.
      assert.equal(continued!.messages.length, 2);
      assert.deepEqual(continued!.messages[0], bodies[0]!.messages[0]);
      assert.equal(JSON.stringify(continued!.tools), JSON.stringify(bodies[0]!.tools));
      assert.match(String(continued!.messages[1]!.content), /^<conversation_summary>[^]*## Todo list\n\[x\] Read the parser/);
      assert.ok(String(continued!.messages[1]!.content).endsWith('\n\nFix the parser.'), "the answer's question stays word for word");

      const conversation = turns.conversation as StoredConversation;
      assert.equal(conversation.compactions?.[0]?.afterMessages, 4, 'the summary covers the answer up to its second tool result');
      fake.enqueue({ kind: 'reply', reasoning: 'Answer.', content: 'Fine.' });
      await send(turns, 'Anything else?');
      const next = chatBodies(fake).at(-1)!;
      // Byte for byte what the long answer continued from, then its own messages, then the new question.
      assert.deepEqual(next.messages.slice(0, 2), continued!.messages);
      assert.deepEqual(next.messages.slice(2).map((message) => message.role), ['assistant', 'user']);
      assert.equal(checkMessageHistory(next.messages, { thinkingOn: true, keepAllReasoning: keepAll }), undefined);
      assert.deepEqual(fake.requests.filter((request) => request.rejected).map((request) => request.rejected), []);
    } finally {
      await close();
    }
  });
}

describe('compaction that does not happen', () => {
  test('a failed summary leaves the conversation as it was, and the next turn still sends everything', async () => {
    const { fake, turns, notices, close } = await rig('moonshot', 1_000_000, false);
    try {
      fake.enqueue(...firstTurn);
      await send(turns, 'Fix the parser.');
      fake.enqueue({ kind: 'reply', reasoning: 'Summarize.', content: SUMMARY });
      await send(turns, 'Which line?');
      fake.enqueue({ kind: 'error', status: 500 });
      const outcome = await turns.compact();
      assert.equal(outcome?.ok, false);
      assert.equal(turns.conversation?.compactions, undefined);
      assert.ok(notices.some((notice) => notice.startsWith('Compaction failed')));
    } finally {
      await close();
    }
  });

  test('nothing to compact right after a compaction: no model call', async () => {
    const { fake, turns, close } = await rig('moonshot', 1_000_000, false);
    try {
      fake.enqueue({ kind: 'reply', reasoning: 'Hi.', content: 'Hello.' }, { kind: 'reply', reasoning: 'Summarize.', content: SUMMARY });
      await send(turns, 'Hi');
      assert.equal((await turns.compact())?.ok, true);
      const requests = fake.requests.length;
      const outcome = await turns.compact();
      assert.equal(outcome?.ok === false && outcome.reason, 'nothing');
      assert.equal(fake.requests.length, requests);
    } finally {
      await close();
    }
  });
});
