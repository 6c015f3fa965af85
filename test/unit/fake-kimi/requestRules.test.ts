import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';
import { chatBody, postChat, userTurn, type Json } from './httpHelpers';

async function statusAndBody(server: FakeKimi, body: Json): Promise<{ status: number; body: Json }> {
  const response = await postChat(server, body);
  return { status: response.status, body: (await response.json()) as Json };
}

const moonshotMessage = (body: Json) => String((body.error as Json).message);

const tool = (name: string, parameters: Json = { type: 'object', properties: {} }) => ({
  type: 'function',
  function: { name, description: `The ${name} tool`, parameters },
});

describe('fake Kimi: request rules', () => {
  let aimlapi: FakeKimi;
  let moonshot: FakeKimi;
  before(async () => {
    aimlapi = await startFakeKimi({ contextWindow: 1000 });
    moonshot = await startFakeKimi({ flavor: 'moonshot', contextWindow: 1000 });
  });
  after(async () => {
    await aimlapi.close();
    await moonshot.close();
  });

  test('Moonshot locks temperature to 1 with thinking on, with the exact message', async () => {
    const refused = await statusAndBody(moonshot, chatBody({ temperature: 0.7 }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, { error: { type: 'invalid_request_error', message: 'invalid temperature: only 1 is allowed for this model' } });
    assert.equal((await statusAndBody(moonshot, chatBody({ temperature: 1 }, 'kimi-k2.6'))).status, 200);
  });

  test('Moonshot locks temperature to 0.6 with thinking off', async () => {
    const thinkingOff = { thinking: { type: 'disabled' } };
    const refused = await statusAndBody(moonshot, chatBody({ ...thinkingOff, temperature: 1 }, 'kimi-k2.5'));
    assert.equal(refused.status, 400);
    assert.equal(moonshotMessage(refused.body), 'invalid temperature: only 0.6 is allowed for this model');
    assert.equal((await statusAndBody(moonshot, chatBody({ ...thinkingOff, temperature: 0.6 }, 'kimi-k2.5'))).status, 200);
  });

  for (const [field, wrong, allowed] of [
    ['top_p', 0.9, 0.95],
    ['n', 2, 1],
    ['presence_penalty', 0.5, 0],
    ['frequency_penalty', -0.5, 0],
  ] as const) {
    test(`Moonshot refuses ${field} other than ${allowed}`, async () => {
      const refused = await statusAndBody(moonshot, chatBody({ [field]: wrong }, 'kimi-k2.6'));
      assert.equal(refused.status, 400);
      assert.equal(moonshotMessage(refused.body), `invalid ${field}: only ${allowed} is allowed for this model`);
      assert.equal((await statusAndBody(moonshot, chatBody({ [field]: allowed }, 'kimi-k2.6'))).status, 200);
    });
  }

  test('AI/ML API does not lock sampling', async () => {
    assert.equal((await statusAndBody(aimlapi, chatBody({ temperature: 0.3, top_p: 0.5 }))).status, 200);
  });

  test("tool_choice 'required' or a named function with thinking on is refused with the exact message", async () => {
    const tools = [tool('read_file')];
    for (const toolChoice of ['required', { type: 'function', function: { name: 'read_file' } }]) {
      const refused = await statusAndBody(aimlapi, chatBody({ tools, tool_choice: toolChoice }));
      assert.equal(refused.status, 400);
      assert.equal(refused.body.message, "tool_choice 'specified' is incompatible with thinking enabled");
    }
    for (const toolChoice of ['auto', 'none']) {
      assert.equal((await statusAndBody(aimlapi, chatBody({ tools, tool_choice: toolChoice }))).status, 200);
    }
  });

  test('a forced tool works once thinking is disabled', async () => {
    const body = chatBody(
      { tools: [tool('read_file')], tool_choice: { type: 'function', function: { name: 'read_file' } }, thinking: { type: 'disabled' } },
      'kimi-k2.6',
    );
    assert.equal((await statusAndBody(moonshot, body)).status, 200);
  });

  test('Moonshot refuses a tool property with enum but no type', async () => {
    const parameters = { type: 'object', properties: { mode: { enum: ['fast', 'slow'] } } };
    const refused = await statusAndBody(moonshot, chatBody({ tools: [tool('read_file'), tool('search', parameters)] }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.match(moonshotMessage(refused.body), /tools\[1\]\.function\.parameters\.properties\.mode: enum requires an explicit type/);
    const typed = { type: 'object', properties: { mode: { type: 'string', enum: ['fast', 'slow'] } } };
    assert.equal((await statusAndBody(moonshot, chatBody({ tools: [tool('search', typed)] }, 'kimi-k2.6'))).status, 200);
  });

  test('Moonshot refuses $ref anywhere in a tool schema; AI/ML API passes both quirks', async () => {
    const parameters = {
      type: 'object',
      properties: { target: { type: 'object', properties: { inner: { $ref: '#/$defs/inner' } } } },
    };
    const refused = await statusAndBody(moonshot, chatBody({ tools: [tool('edit_file', parameters)] }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.match(moonshotMessage(refused.body), /\$ref is not supported/);
    const enumOnly = { type: 'object', properties: { mode: { enum: ['a'] } } };
    const tools = [tool('edit_file', parameters), tool('search', enumOnly)];
    assert.equal((await statusAndBody(aimlapi, chatBody({ tools }))).status, 200);
  });

  test('more than 128 tools is a 400; 128 is fine', async () => {
    const tools = (count: number) => Array.from({ length: count }, (_, index) => tool(`t${index}`, { type: 'object' }));
    const big = await startFakeKimi();
    try {
      const refused = await statusAndBody(big, chatBody({ tools: tools(129) }));
      assert.equal(refused.status, 400);
      assert.deepEqual((refused.body.errors as { path: unknown[] }[])[0].path, ['tools']);
      assert.equal((await statusAndBody(big, chatBody({ tools: tools(128) }))).status, 200);
    } finally {
      await big.close();
    }
  });

  test('more than 4 stop strings is a 400; 4 is fine', async () => {
    const refused = await statusAndBody(moonshot, chatBody({ stop: ['a', 'b', 'c', 'd', 'e'] }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.match(moonshotMessage(refused.body), /^Invalid request: stop: Too many stop sequences/);
    assert.equal((await statusAndBody(moonshot, chatBody({ stop: ['a', 'b', 'c', 'd'] }, 'kimi-k2.6'))).status, 200);
  });

  test('input plus requested output over the context window is refused with the Moonshot message', async () => {
    // 2,000 characters are 500 estimated tokens; 500 + 501 > 1000.
    const messages = [userTurn('x'.repeat(2000))];
    const refused = await statusAndBody(moonshot, chatBody({ messages, max_completion_tokens: 501 }, 'kimi-k2.6'));
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      error: { type: 'invalid_request_error', message: 'Invalid request: Your request exceeded model token limit: 1000' },
    });
    assert.equal((await statusAndBody(moonshot, chatBody({ messages, max_completion_tokens: 500 }, 'kimi-k2.6'))).status, 200);
  });

  test('context overflow in the AI/ML API shape, counting max_tokens when max_completion_tokens is absent', async () => {
    const messages = [userTurn('x'.repeat(2000))];
    const refused = await statusAndBody(aimlapi, chatBody({ messages, max_tokens: 600 }));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.message, 'Invalid request: Your request exceeded model token limit: 1000');
    assert.equal(refused.body.statusCode, 400);
  });

  test('each image counts 1000 tokens against the window', async () => {
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } };
    const messages = [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, image] }];
    assert.equal((await statusAndBody(aimlapi, chatBody({ messages }))).status, 400);
  });
});
