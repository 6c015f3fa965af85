import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';
import {
  chatBody,
  fakeServersForSuite,
  joinedDeltas,
  postChat,
  streamChat,
  userTurn,
  type Json,
} from './httpHelpers';

async function completion(server: FakeKimi, body: Json): Promise<Json> {
  const response = await postChat(server, body);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  return (await response.json()) as Json;
}

const messageOf = (body: Json) => ((body.choices as Json[])[0].message as Json);

describe('fake Kimi: scripting and non-streaming answers', () => {
  const servers = fakeServersForSuite();

  test('a non-streaming answer is a chat.completion with content, reasoning_content and tool_calls', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', reasoning: 'why', content: 'what', toolCalls: [{ name: 'read_file', arguments: '{"path":"x"}' }] });
    const body = await completion(servers.aimlapi, chatBody());
    assert.equal(body.object, 'chat.completion');
    assert.match(String(body.id), /^chatcmpl-/);
    assert.equal(body.model, 'kimi-k2.6');
    assert.deepEqual(messageOf(body), {
      role: 'assistant',
      content: 'what',
      reasoning_content: 'why',
      tool_calls: [{ id: 'functions.read_file:0', type: 'function', function: { name: 'read_file', arguments: '{"path":"x"}' } }],
    });
    assert.equal((body.choices as Json[])[0].finish_reason, 'tool_calls');
    assert.equal(typeof (body.usage as Json).prompt_tokens, 'number');
  });

  test('without tool calls AI/ML API says tool_calls: null and Moonshot leaves it out', async () => {
    assert.equal(messageOf(await completion(servers.aimlapi, chatBody())).tool_calls, null);
    assert.ok(!('tool_calls' in messageOf(await completion(servers.moonshot, chatBody({}, 'kimi-k2.6')))));
  });

  test('the queue is consumed in order, one response per accepted request', async () => {
    const server = await startFakeKimi();
    try {
      server.enqueue({ kind: 'reply', content: 'first' }, { kind: 'reply', content: 'second' });
      assert.equal(server.pendingResponses(), 2);
      assert.equal(messageOf(await completion(server, chatBody())).content, 'first');
      assert.equal(joinedDeltas(await streamChat(server, chatBody()), 'content'), 'second');
      assert.equal(server.pendingResponses(), 0);
    } finally {
      await server.close();
    }
  });

  test('a rejected request does not consume the queue', async () => {
    const server = await startFakeKimi();
    try {
      server.enqueue({ kind: 'reply', content: 'kept' });
      await (await postChat(server, chatBody({ messages: [userTurn('')] }))).text();
      await (await postChat(server, chatBody(), 'wrong')).text();
      assert.equal(server.pendingResponses(), 1);
      assert.equal(messageOf(await completion(server, chatBody())).content, 'kept');
    } finally {
      await server.close();
    }
  });

  test('the default fallback echoes the last user text', async () => {
    const body = await completion(servers.aimlapi, chatBody({ messages: [userTurn('older'), { role: 'assistant', content: 'ok' }, userTurn('latest words')] }));
    assert.match(String(messageOf(body).content), /latest words/);
    assert.doesNotMatch(String(messageOf(body).content), /older/);
  });

  test('setFallback decides replies from the request when the queue is empty', async () => {
    const server = await startFakeKimi({ flavor: 'moonshot' });
    try {
      server.setFallback((request) => ({ kind: 'reply', content: `${request.messages.length} messages for ${request.model}` }));
      const body = await completion(server, chatBody({ messages: [userTurn('a'), { role: 'assistant', content: 'b' }, userTurn('c')] }, 'kimi-k2.5'));
      assert.equal(messageOf(body).content, '3 messages for kimi-k2.5');
      server.setFallback(() => ({ kind: 'error', status: 503 }));
      assert.equal((await postChat(server, chatBody({}, 'kimi-k2.5'))).status, 503);
    } finally {
      await server.close();
    }
  });

  test('a small output budget is spent on reasoning first: empty content, no tool calls, finish length', async () => {
    const script = { kind: 'reply', reasoning: 'r'.repeat(100), content: 'visible answer', toolCalls: [{ name: 'read_file', arguments: '{}' }] } as const;
    servers.aimlapi.enqueue({ ...script, toolCalls: [...script.toolCalls] });
    const body = await completion(servers.aimlapi, chatBody({ max_completion_tokens: 10 }));
    assert.equal(messageOf(body).reasoning_content, 'r'.repeat(40));
    assert.equal(messageOf(body).content, '');
    assert.equal(messageOf(body).tool_calls, null);
    assert.equal((body.choices as Json[])[0].finish_reason, 'length');
    assert.equal((body.usage as Json).completion_tokens, 10);
  });

  test('a partial assistant prefix as the last message is accepted, but not earlier in the history', async () => {
    const prefix = { role: 'assistant', content: 'The answer is', partial: true };
    assert.equal((await postChat(servers.moonshot, chatBody({ messages: [userTurn('q'), prefix] }, 'kimi-k2.6'))).status, 200);
    const early = await postChat(servers.moonshot, chatBody({ messages: [userTurn('q'), prefix, userTurn('r')] }, 'kimi-k2.6'));
    assert.equal(early.status, 400);
  });
});
