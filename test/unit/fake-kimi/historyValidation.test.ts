import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeKimi } from '../../fixtures/fake-kimi/server';
import { chatBody, fakeServersForSuite, postChat, toolRoundTrip, userTurn, type Json } from './httpHelpers';

async function statusAndBody(server: FakeKimi, body: Json): Promise<{ status: number; body: Json }> {
  const response = await postChat(server, body);
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Json) : {} };
}

function moonshotMessage(body: Json): string {
  return String((body.error as Json).message);
}

const readFileCall = (id: string) => ({ id, type: 'function', function: { name: 'read_file', arguments: '{}' } });
/** A user turn and the assistant's two parallel read_file calls (functions.read_file:0 and :1). */
const askedToReadBoth = () => [
  userTurn('read both'),
  { role: 'assistant', reasoning_content: 'r', tool_calls: [readFileCall('functions.read_file:0'), readFileCall('functions.read_file:1')] },
];

describe('fake Kimi: conversation-history rules', () => {
  const servers = fakeServersForSuite();

  test('a tool-call turn without reasoning_content is refused with the exact message and index (AI/ML API)', async () => {
    const result = await statusAndBody(servers.aimlapi, chatBody({ messages: [...toolRoundTrip(undefined), userTurn('go on')] }));
    assert.equal(result.status, 400);
    assert.equal(result.body.message, 'thinking is enabled but reasoning_content is missing in assistant tool call message at index 1');
    assert.equal(servers.aimlapi.requests[servers.aimlapi.requests.length - 1].rejected?.status, 400);
  });

  test('the same rule in the Moonshot shape counts the system message in the index', async () => {
    const messages = [{ role: 'system', content: 'Be brief.' }, ...toolRoundTrip(undefined, 'read_file:0')];
    const result = await statusAndBody(servers.moonshot, chatBody({ messages }, 'kimi-k2.6'));
    assert.equal(result.status, 400);
    assert.deepEqual(result.body, {
      error: {
        type: 'invalid_request_error',
        message: 'thinking is enabled but reasoning_content is missing in assistant tool call message at index 2',
      },
    });
  });

  test('reasoning_content null counts as missing; "" is accepted', async () => {
    const withNull = toolRoundTrip(undefined);
    (withNull[1] as Json).reasoning_content = null;
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages: withNull }))).status, 400);
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages: toolRoundTrip('') }))).status, 200);
  });

  test('with thinking disabled the reasoning_content rule does not apply', async () => {
    const body = chatBody({ messages: toolRoundTrip(undefined, 'read_file:0'), thinking: { type: 'disabled' } }, 'kimi-k2.6');
    assert.equal((await statusAndBody(servers.moonshot, body)).status, 200);
  });

  test('K2.6 preserved thinking (keep: all) needs reasoning_content on every assistant message', async () => {
    const messages = [userTurn('hi'), { role: 'assistant', content: 'hello' }, userTurn('again')];
    const refused = await statusAndBody(servers.moonshot, chatBody({ messages, thinking: { type: 'enabled', keep: 'all' } }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.match(moonshotMessage(refused.body), /reasoning_content is missing in assistant message at index 1/);
    const k25 = await statusAndBody(servers.moonshot, chatBody({ messages, thinking: { type: 'enabled', keep: 'all' } }, 'kimi-k2.5'));
    assert.equal(k25.status, 200);
  });

  for (const [label, content] of [
    ['an empty string', ''],
    ['an empty parts array', []],
    ['only empty text parts', [{ type: 'text', text: '' }, { type: 'text', text: '' }]],
  ] as const) {
    test(`a user message with ${label} is refused`, async () => {
      const result = await statusAndBody(servers.moonshot, chatBody({ messages: [userTurn('first'), { role: 'user', content }] }, 'kimi-k2.6'));
      assert.equal(result.status, 400);
      assert.match(moonshotMessage(result.body), /index 1 with role 'user' must not be empty/);
    });
  }

  test('image-only user content is not empty', async () => {
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } };
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages: [{ role: 'user', content: [image] }] }))).status, 200);
  });

  test('a stringified parts array is accepted as plain text (it cannot be told apart)', async () => {
    const content = JSON.stringify([{ type: 'text', text: 'hi' }]);
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages: [{ role: 'user', content }] }))).status, 200);
  });

  test('a tool message whose id answers no call of the preceding assistant message is refused', async () => {
    const messages = toolRoundTrip('r');
    (messages[2] as Json).tool_call_id = 'functions.read_file:7';
    const result = await statusAndBody(servers.aimlapi, chatBody({ messages }));
    assert.equal(result.status, 400);
    assert.match(String(result.body.message), /tool_call_id functions\.read_file:7 at index 2 does not match/);
  });

  test('a tool message after a user message is refused', async () => {
    const messages = [userTurn('hi'), { role: 'tool', tool_call_id: 'x:0', content: 'out' }];
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages }))).status, 400);
  });

  test('a tool call left unanswered before the next user message is refused', async () => {
    const messages = [
      ...askedToReadBoth(),
      { role: 'tool', tool_call_id: 'functions.read_file:0', content: 'one' },
      userTurn('and?'),
    ];
    const result = await statusAndBody(servers.aimlapi, chatBody({ messages }));
    assert.equal(result.status, 400);
    assert.match(String(result.body.message), /assistant message at index 1 .*unanswered: functions\.read_file:1/);
  });

  test('a tool call answered twice is refused', async () => {
    const messages = [...toolRoundTrip('r'), { role: 'tool', tool_call_id: 'functions.read_file:0', content: 'again' }];
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages }))).status, 400);
  });

  test('parallel calls answered in any order are accepted', async () => {
    const messages = [
      ...askedToReadBoth(),
      { role: 'tool', tool_call_id: 'functions.read_file:1', content: 'two' },
      { role: 'tool', tool_call_id: 'functions.read_file:0', content: 'one' },
    ];
    assert.equal((await statusAndBody(servers.aimlapi, chatBody({ messages }))).status, 200);
  });

  test('missing messages and unknown roles fail AI/ML API body validation with details', async () => {
    const missing = await statusAndBody(servers.aimlapi, { model: 'moonshot/kimi-k2-6' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.message, 'Body validation error!');
    assert.deepEqual((missing.body.errors as { path: unknown[] }[])[0].path, ['messages']);
    const badRole = await statusAndBody(servers.aimlapi, chatBody({ messages: [{ role: 'developer', content: 'x' }] }));
    assert.equal(badRole.status, 400);
    assert.equal(badRole.body.message, 'Body validation error!');
  });

  test('an unknown role in the Moonshot shape names the field', async () => {
    const result = await statusAndBody(servers.moonshot, chatBody({ messages: [{ role: 'robot', content: 'x' }] }, 'kimi-k2.6'));
    assert.equal(result.status, 400);
    assert.equal((result.body.error as Json).type, 'invalid_request_error');
    assert.match(moonshotMessage(result.body), /^Invalid request: messages\.0\.role/);
  });
});
