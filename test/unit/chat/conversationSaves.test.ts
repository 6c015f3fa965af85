// When the open conversation is written: complete events at once, streamed text at most once per delay, and
// a failed write logged instead of thrown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConversationSaves, STREAMED_TEXT_SAVE_DELAY_MS } from '../../../src/common/chat/conversationSaves';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { conversation } from '../conversations/conversationFixtures';
import { ManualTimer } from './chatFakes';

function rig(save: (conversation: StoredConversation) => Promise<void> = async () => undefined) {
  const saved: string[] = [];
  const errors: string[] = [];
  const timer = new ManualTimer();
  const saves = new ConversationSaves({
    save: async (value) => {
      saved.push(value.title);
      await save(value);
    },
    logError: (line) => errors.push(line),
    schedule: timer.schedule,
  });
  return { saves, saved, errors, timer };
}

describe('ConversationSaves', () => {
  test('streamed text waits for one save after the delay, however many deltas arrive', () => {
    const { saves, saved, timer } = rig();
    const live = conversation('c1', { title: 'streaming' });
    for (let delta = 0; delta < 50; delta++) saves.soon(live, false);
    assert.deepEqual(saved, []);
    assert.deepEqual(timer.scheduled, [STREAMED_TEXT_SAVE_DELAY_MS]);
    timer.fireAll();
    assert.deepEqual(saved, ['streaming']);
    saves.soon(live, false);
    assert.deepEqual(timer.scheduled, [STREAMED_TEXT_SAVE_DELAY_MS], 'the next delta schedules the next save');
  });

  test('a complete event saves at once and folds in the pending streamed-text save', () => {
    const { saves, saved, timer } = rig();
    const live = conversation('c1', { title: 'complete' });
    saves.soon(live, false);
    saves.soon(live, true);
    assert.deepEqual(saved, ['complete']);
    assert.deepEqual(timer.scheduled, []);
  });

  test('cancel drops a pending save', () => {
    const { saves, saved, timer } = rig();
    saves.soon(conversation('c1'), false);
    saves.cancel();
    timer.fireAll();
    assert.deepEqual(saved, []);
  });

  test('a failed save is logged, not thrown', async () => {
    const { saves, errors } = rig(async () => Promise.reject(new Error('read-only file system')));
    await saves.now(conversation('c1'));
    assert.deepEqual(errors, ['Could not save the conversation: read-only file system']);
  });
});
