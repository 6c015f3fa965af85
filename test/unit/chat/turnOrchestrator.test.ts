// The turns of the open conversation, as both the VS Code chat and the fault suite drive them: a conversation
// begins with its first message, answers are stored as they stream (streamed text on a timer, complete events
// at once), Stop settles and saves the turn, and busy, regenerate, rewind and the meters behave as the view expects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentRequest } from '../../../src/common/agent/agentLoop';
import { BUSY_NOTICE } from '../../../src/common/chat/turnOrchestrator';
import { cancelledError, noKeyError } from '../../../src/common/llm/errors';
import type { StreamEvent } from '../../../src/common/llm/types';
import type { StoredAssistantTurn } from '../../../src/common/conversations/model';
import { chatRig, reply, type ChatRig } from './chatFakes';

const message = (text: string) => ({ text, chips: [], images: [], context: [] });

/** A reply that streams `first`, then waits for `release()` (or Stop) before finishing with `rest`. */
function pausedReply(first: string, rest: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const step = (request: AgentRequest) =>
    (async function* (): AsyncGenerator<StreamEvent> {
      yield { type: 'text', text: first };
      const stopped = new Promise<'stopped'>((resolve) => request.signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
      if ((await Promise.race([released, stopped])) === 'stopped') {
        yield { type: 'error', error: cancelledError() };
        return;
      }
      yield { type: 'text', text: rest };
      yield { type: 'finish', reason: 'stop' };
    })();
  return { step, release };
}

/** The answer (second turn) of the open conversation as it is on disk now. */
function answerOnDisk(rig: ChatRig): StoredAssistantTurn | undefined {
  const turn = rig.folder.stored(rig.turns.conversation?.id ?? '')?.turns[1];
  return turn?.role === 'assistant' ? turn : undefined;
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'the condition never held');
}

describe('TurnOrchestrator', () => {
  test('the first message starts a conversation: remembered, redrawn whole, stored with its answer', async () => {
    const rig = chatRig({ steps: [reply('Hi there.')] });
    const run = await rig.turns.send(message('Hello, Kimi'));
    const conversation = rig.turns.conversation;
    assert.ok(run && conversation);
    assert.deepEqual(rig.started, [conversation.id]);
    assert.equal(rig.redraws, 1);
    assert.equal(conversation.title, 'Hello, Kimi');
    assert.equal(run.turn.status, 'done');
    assert.equal(run.turn.text, 'Hi there.');
    assert.equal(run.turn.model, 'Kimi K2.6');
    assert.equal(run.result.reason, 'answered');
    assert.deepEqual(rig.folder.stored(conversation.id)?.turns.map((turn) => turn.role), ['user', 'assistant']);
    assert.equal(answerOnDisk(rig)?.status, 'done');
    assert.equal(rig.statusChanges, 1, 'the header is refreshed once the turn ends');
    assert.deepEqual(rig.posted.filter((posted) => posted.type === 'turnAppended').map((posted) => posted.type === 'turnAppended' && posted.turn.role), ['assistant']);
  });

  test('a later message is appended to the view, not redrawn, and its answer sees the history', async () => {
    const rig = chatRig({ steps: [reply('One.'), reply('Two.')] });
    await rig.turns.send(message('First'));
    await rig.turns.send(message('Second'));
    assert.equal(rig.redraws, 1);
    assert.deepEqual(rig.posted.filter((posted) => posted.type === 'turnAppended').map((posted) => posted.type === 'turnAppended' && posted.turn.role), ['assistant', 'user', 'assistant']);
    assert.deepEqual(rig.requests[1]?.map((sent) => sent.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(rig.turns.conversation?.turns.length, 4);
  });

  test('streamed text is saved once the delay passes; a complete event saves at once; the end cancels a pending save', async () => {
    const paused = pausedReply('The first part, ', 'and the rest.');
    const rig = chatRig({ steps: [paused.step] });
    const running = rig.turns.send(message('Explain'));
    await until(() => rig.timer.scheduled.length === 1);
    assert.deepEqual(rig.timer.scheduled, [1000], 'one save waits for the delay, whatever the number of deltas');
    await rig.store.flush();
    assert.equal(answerOnDisk(rig)?.status, 'streaming', 'the answer was stored when it began');
    assert.equal(answerOnDisk(rig)?.text, '');
    rig.timer.fireAll();
    await rig.store.flush();
    assert.equal(answerOnDisk(rig)?.text, 'The first part, ', 'the streamed part reached the disk mid-stream');
    paused.release();
    await running;
    assert.deepEqual(rig.timer.scheduled, [], 'no save is left pending after the turn');
    assert.equal(answerOnDisk(rig)?.text, 'The first part, and the rest.');
  });

  test('Stop ends the turn, keeps what streamed, and resolves only once it is saved', async () => {
    const paused = pausedReply('Partial answer', ' never sent');
    const rig = chatRig({ steps: [paused.step] });
    const running = rig.turns.send(message('Go'));
    await until(() => (rig.turns.conversation?.turns[1] as StoredAssistantTurn | undefined)?.text === 'Partial answer');
    assert.equal(rig.turns.isRunning, true);
    await rig.turns.stop();
    assert.equal(rig.turns.isRunning, false);
    assert.equal(answerOnDisk(rig)?.status, 'stopped');
    assert.equal(answerOnDisk(rig)?.text, 'Partial answer');
    assert.equal((await running)?.turn.status, 'stopped');
  });

  test('a message while a turn runs is refused with a notice and changes nothing', async () => {
    const paused = pausedReply('Busy', '.');
    const rig = chatRig({ steps: [paused.step] });
    const running = rig.turns.send(message('First'));
    await until(() => rig.turns.isRunning);
    assert.equal(await rig.turns.send(message('Second')), undefined);
    assert.equal(rig.turns.conversation?.turns.length, 2);
    assert.ok(rig.posted.some((posted) => posted.type === 'notice' && posted.message === BUSY_NOTICE));
    paused.release();
    await running;
  });

  test('regenerate replaces the last answer and tells the view to drop it', async () => {
    const rig = chatRig({ steps: [reply('First try.'), reply('Second try.')] });
    const first = await rig.turns.send(message('Try'));
    const second = await rig.turns.regenerate();
    assert.ok(rig.posted.some((posted) => posted.type === 'turnsTruncated' && posted.fromTurnId === first?.turn.id));
    assert.equal(second?.turn.text, 'Second try.');
    assert.deepEqual(rig.turns.conversation?.turns.map((turn) => turn.role), ['user', 'assistant']);
  });

  test('rewinding the first message retitles the conversation, unless the user renamed it', async () => {
    const rig = chatRig({ steps: [reply('A.'), reply('B.'), reply('C.')] });
    await rig.turns.send(message('Old question'));
    const firstId = rig.turns.conversation?.turns[0]?.id ?? '';
    const original = rig.turns.rewindTo(firstId, 'New question');
    assert.equal(original?.text, 'Old question');
    assert.equal(rig.turns.conversation?.turns.length, 0);
    assert.equal(rig.turns.conversation?.title, 'New question');
    await rig.turns.send(message('New question'));
    assert.equal(rig.redraws, 2, 'a rewritten first message redraws the view (new title)');

    const conversation = rig.turns.conversation;
    assert.ok(conversation);
    conversation.title = 'Renamed by me';
    rig.turns.rewindTo(conversation.turns[0]?.id ?? '', 'Another question');
    assert.equal(conversation.title, 'Renamed by me');
    assert.equal(rig.turns.rewindTo('no-such-turn', 'x'), undefined);
  });

  test('no connection (no key) ends the turn with its error card and sends nothing', async () => {
    const rig = chatRig({ environment: { connect: async () => ({ ok: false, error: noKeyError('AI/ML API') }) } });
    const run = await rig.turns.send(message('Hello'));
    assert.equal(run?.turn.status, 'error');
    assert.match(run?.turn.error?.message ?? '', /No API key/);
    assert.equal(rig.requests.length, 0);
    assert.equal(answerOnDisk(rig)?.status, 'error');
  });

  test('the session cost adds up across turns; the context meter follows the last call', async () => {
    const usage = (prompt: number): StreamEvent => ({ type: 'usage', usage: { promptTokens: prompt, cachedTokens: 0, completionTokens: 10, totalTokens: prompt + 10 } });
    const cost = (usd: number, estimated: boolean): StreamEvent => ({ type: 'cost', cost: { usd, estimated } });
    const rig = chatRig({ steps: [reply('One.', [usage(100), cost(0.01, false)]), reply('Two.', [usage(300), cost(0.02, true)])] });
    assert.deepEqual(rig.turns.meters(), { sessionCost: null, conversationCost: null, contextTokens: 0 });
    await rig.turns.send(message('First'));
    await rig.turns.send(message('Second'));
    assert.equal(rig.costs.length, 2);
    const meters = rig.turns.meters();
    assert.ok(Math.abs((meters.sessionCost?.usd ?? 0) - 0.03) < 1e-9);
    assert.equal(meters.sessionCost?.estimated, true);
    assert.equal(meters.contextTokens, 310);
  });

  test("the conversation's cost is its own turns' sum, estimated when any is; a new chat starts at none, the session goes on", async () => {
    const cost = (usd: number, estimated: boolean): StreamEvent => ({ type: 'cost', cost: { usd, estimated } });
    const rig = chatRig({ steps: [reply('One.', [cost(0.01, false)]), reply('Two.', [cost(0.02, true)]), reply('Three.', [cost(0.5, false)])] });
    await rig.turns.send(message('First'));
    assert.deepEqual(rig.turns.meters().conversationCost, { usd: 0.01, estimated: false });
    await rig.turns.send(message('Second'));
    const both = rig.turns.meters().conversationCost;
    assert.ok(both && Math.abs(both.usd - 0.03) < 1e-9 && both.estimated);
    rig.turns.startOver();
    assert.equal(rig.turns.meters().conversationCost, null);
    await rig.turns.send(message('Another chat'));
    assert.deepEqual(rig.turns.meters().conversationCost, { usd: 0.5, estimated: false }, 'the new conversation counts only its own turn');
    assert.ok(Math.abs((rig.turns.meters().sessionCost?.usd ?? 0) - 0.53) < 1e-9, 'the session total spans both chats');
  });

  test('a reopened conversation shows an estimate on the meter; a new chat empties it; closing keeps it', async () => {
    const rig = chatRig({ steps: [reply('Some answer with a few words in it.')] });
    await rig.turns.send(message('A question with several words'));
    const conversation = rig.turns.conversation;
    assert.ok(conversation);
    rig.turns.startOver();
    assert.equal(rig.turns.conversation, undefined);
    assert.equal(rig.turns.meters().contextTokens, 0);
    rig.turns.show(conversation);
    const estimate = rig.turns.meters().contextTokens;
    assert.ok(estimate > 0);
    rig.turns.close();
    assert.equal(rig.turns.conversation, undefined);
    assert.equal(rig.turns.meters().contextTokens, estimate);
  });

  test('a save that fails is logged and the turn still ends', async () => {
    const rig = chatRig({ steps: [reply('Fine.')], save: async () => Promise.reject(new Error('disk full')) });
    const run = await rig.turns.send(message('Hello'));
    assert.equal(run?.turn.status, 'done');
    assert.ok(rig.errors.length > 0 && rig.errors.every((line) => line === 'Could not save the conversation: disk full'));
  });
});
