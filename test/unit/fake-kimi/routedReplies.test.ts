// Replies scripted for the requests a predicate picks (enqueueFor): parallel conversations get their own
// answers whatever order their requests arrive in, before the shared queue and the fallback.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstUserText } from '../../fixtures/fake-kimi/server';
import { chatBody, fakeServersForSuite, joinedDeltas, streamChat, userTurn } from './httpHelpers';

describe('fake Kimi: replies routed by request', () => {
  const servers = fakeServersForSuite();

  test('each conversation gets its own replies, in its own order, before the queue', async () => {
    const fake = servers.aimlapi;
    const of = (task: string) => (body: Parameters<typeof firstUserText>[0]) => firstUserText(body) === task;
    fake.enqueueFor(of('task B'), { kind: 'reply', content: 'B1' }, { kind: 'reply', content: 'B2' });
    fake.enqueueFor(of('task A'), { kind: 'reply', content: 'A1' });
    fake.enqueue({ kind: 'reply', content: 'queued' });
    assert.equal(fake.pendingResponses(), 4);
    const ask = async (task: string) => joinedDeltas(await streamChat(fake, chatBody({ messages: [userTurn(task)] })), 'content');
    assert.equal(await ask('task A'), 'A1');
    assert.equal(await ask('task B'), 'B1');
    assert.equal(await ask('task A'), 'queued', 'a route with nothing left falls through to the queue');
    assert.equal(await ask('task B'), 'B2');
    assert.equal(fake.pendingResponses(), 0);
  });
});
