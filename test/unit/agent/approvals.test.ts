// The approval broker: one open question per tool call, answered by the user, a Stop, or a newer question.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApprovalBroker } from '../../../src/common/agent/approvals';

/** `question` is the one open question, for `id`, and the user's yes still reaches it. */
async function assertOnlyOpenQuestion(broker: ApprovalBroker, id: string, question: Promise<boolean>): Promise<void> {
  assert.deepEqual(broker.pending, [id]);
  assert.equal(broker.answer(id, true), true);
  assert.equal(await question, true);
}

describe('ApprovalBroker', () => {
  test('the user\'s answer resolves the question and clears it', async () => {
    const broker = new ApprovalBroker();
    const yes = broker.ask('call-1', new AbortController().signal);
    const no = broker.ask('call-2', new AbortController().signal);
    assert.deepEqual(broker.pending, ['call-1', 'call-2']);
    assert.equal(broker.answer('call-1', true), true);
    assert.equal(broker.answer('call-2', false), true);
    assert.equal(await yes, true);
    assert.equal(await no, false);
    assert.deepEqual(broker.pending, []);
  });

  test('an abort answers no and clears the question', async () => {
    const broker = new ApprovalBroker();
    const controller = new AbortController();
    const answer = broker.ask('call-1', controller.signal);
    controller.abort();
    assert.equal(await answer, false);
    assert.deepEqual(broker.pending, []);
    assert.equal(broker.answer('call-1', true), false, 'an answer after Stop finds nothing to approve');
  });

  test('asking with an already aborted signal answers no at once and registers nothing', async () => {
    const broker = new ApprovalBroker();
    const controller = new AbortController();
    controller.abort();
    assert.equal(await broker.ask('call-1', controller.signal), false);
    assert.deepEqual(broker.pending, []);
  });

  test('stale, repeated and forged answers return false and change nothing', async () => {
    const broker = new ApprovalBroker();
    assert.equal(broker.answer('never-asked', true), false);
    const question = broker.ask('call-1', new AbortController().signal);
    assert.equal(broker.answer('call-2', true), false);
    assert.deepEqual(broker.pending, ['call-1']);
    assert.equal(broker.answer('call-1', false), true);
    assert.equal(broker.answer('call-1', true), false, 'a second answer to the same question is stale');
    assert.equal(await question, false);
  });

  test('a second ask for the same id answers the first with no; the second stays open', async () => {
    const broker = new ApprovalBroker();
    const first = broker.ask('call-1', new AbortController().signal);
    const secondController = new AbortController();
    const second = broker.ask('call-1', secondController.signal);
    assert.equal(await first, false);
    await assertOnlyOpenQuestion(broker, 'call-1', second);
  });

  test('aborting the first asker after it was replaced does not cancel the second question', async () => {
    const broker = new ApprovalBroker();
    const firstController = new AbortController();
    const first = broker.ask('call-1', firstController.signal);
    const second = broker.ask('call-1', new AbortController().signal);
    assert.equal(await first, false);
    firstController.abort();
    await assertOnlyOpenQuestion(broker, 'call-1', second);
  });

  test('a settled question removes its abort listener', async () => {
    const broker = new ApprovalBroker();
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof signal.removeEventListener;
    for (let round = 0; round < 5; round++) {
      const question = broker.ask(`call-${round}`, signal);
      broker.answer(`call-${round}`, true);
      await question;
    }
    assert.equal(listeners, 0);
  });
});
