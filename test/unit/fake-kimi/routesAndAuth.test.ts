import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';
import { chatBody, postChat, type Json } from './httpHelpers';

describe('fake Kimi: routes, auth and recording', () => {
  let aimlapi: FakeKimi;
  let moonshot: FakeKimi;
  before(async () => {
    aimlapi = await startFakeKimi();
    moonshot = await startFakeKimi({ flavor: 'moonshot', apiKey: 'sk-moon' });
  });
  after(async () => {
    await aimlapi.close();
    await moonshot.close();
  });

  test('listens on 127.0.0.1 with a base URL ending in /v1', () => {
    assert.equal(aimlapi.url, `http://127.0.0.1:${aimlapi.port}/v1`);
    assert.ok(aimlapi.port > 0);
  });

  test('GET /v1/models lists the flavor model ids in the OpenAI list shape', async () => {
    const listed = async (server: FakeKimi) => {
      const response = await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${server.apiKey}` } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { object: string; data: { id: string; object: string }[] };
      assert.equal(body.object, 'list');
      assert.ok(body.data.every((model) => model.object === 'model'));
      return body.data.map((model) => model.id);
    };
    assert.deepEqual(await listed(aimlapi), ['moonshot/kimi-k2-6', 'moonshot/kimi-k2-5']);
    assert.deepEqual(await listed(moonshot), ['kimi-k2.6', 'kimi-k2.5']);
  });

  test('GET /v1/models needs the key too', async () => {
    const response = await fetch(`${moonshot.url}/models`);
    assert.equal(response.status, 401);
  });

  test('a missing key is a 401 in the AI/ML API shape, with no error wrapper', async () => {
    const response = await postChat(aimlapi, chatBody(), null);
    assert.equal(response.status, 401);
    const body = (await response.json()) as Json;
    assert.match(String(body.message), /^This request requires a valid API key/);
    assert.equal(body.statusCode, 401);
    assert.equal(body.path, '/v1/chat/completions');
    assert.equal(typeof body.requestId, 'string');
    assert.ok(!Number.isNaN(Date.parse(String(body.timestamp))));
    assert.equal(body.error, undefined);
  });

  test('a wrong key is a 401 invalid_authentication_error in the Moonshot shape', async () => {
    const response = await postChat(moonshot, chatBody({}, 'kimi-k2.6'), 'sk-wrong');
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_authentication_error');
    assert.equal(typeof body.error.message, 'string');
  });

  test('the right key passes', async () => {
    const response = await postChat(moonshot, chatBody({}, 'kimi-k2.6'));
    assert.equal(response.status, 200);
    await response.text();
  });

  test('unknown paths and wrong methods are 404', async () => {
    const unknownPath = await fetch(`${aimlapi.url}/completions`, { method: 'POST', headers: { authorization: 'Bearer test-key' } });
    assert.equal(unknownPath.status, 404);
    assert.equal(((await unknownPath.json()) as Json).statusCode, 404);
    const wrongMethod = await fetch(`${moonshot.url}/chat/completions`, { headers: { authorization: 'Bearer sk-moon' } });
    assert.equal(wrongMethod.status, 404);
    assert.equal(((await wrongMethod.json()) as { error: { type: string } }).error.type, 'resource_not_found_error');
  });

  test('an unknown model is a 404 in each flavor shape', async () => {
    const fromAimlapi = await postChat(aimlapi, chatBody({}, 'kimi-k2.6'));
    assert.equal(fromAimlapi.status, 404);
    assert.match(String(((await fromAimlapi.json()) as Json).message), /kimi-k2\.6/);
    const fromMoonshot = await postChat(moonshot, chatBody({}, 'moonshot/kimi-k2-6'));
    assert.equal(fromMoonshot.status, 404);
    const body = (await fromMoonshot.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'resource_not_found_error');
    assert.equal(body.error.message, 'Not found the model moonshot/kimi-k2-6 or Permission denied');
  });

  test('a body that is not JSON is a 400 and is recorded as raw text', async () => {
    const response = await postChat(aimlapi, '{not json');
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).message, 'Body validation error!');
    const last = aimlapi.requests[aimlapi.requests.length - 1];
    assert.equal(last.body, '{not json');
    assert.equal(last.rejected?.status, 400);
  });

  test('records every request in order, with headers, parsed body and rejections', async () => {
    const server = await startFakeKimi();
    try {
      await (await postChat(server, chatBody(), 'bad-key')).text();
      await (await postChat(server, chatBody({ max_tokens: 64 }))).text();
      await (await fetch(`${server.url}/nowhere`)).text();
      assert.deepEqual(
        server.requests.map((request) => [request.method, request.path, request.rejected?.status]),
        [
          ['POST', '/v1/chat/completions', 401],
          ['POST', '/v1/chat/completions', undefined],
          ['GET', '/v1/nowhere', 404],
        ],
      );
      assert.equal(server.requests[1].headers.authorization, 'Bearer test-key');
      assert.equal((server.requests[1].body as Json).max_tokens, 64);
      assert.match(String((server.requests[0].rejected?.body as Json).message), /valid API key/);
    } finally {
      await server.close();
    }
  });
});
