// The turn orchestrator drives the checkpoints: one begins before each answer (so its id is stored on the user
// message before anything can change), ends with it, and a regenerated answer records in a later checkpoint
// while the message keeps pointing at the first (restoring to it undoes both answers).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoints } from '../../../src/common/checkpoints/checkpoints';
import { replayJournal } from '../../../src/common/checkpoints/journalFormat';
import { NodeCheckpointFiles, NodeCheckpointStore } from '../../../src/node/checkpointStore';
import { chatRig, reply } from '../chat/chatFakes';

const message = (text: string) => ({ text, chips: [], images: [], context: [] });
let base: string;
let checkpoints: Checkpoints;
let ids: number;

describe('checkpoints around each answer', () => {
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'kimi-turn-checkpoints-'));
    ids = 0;
    checkpoints = new Checkpoints({
      store: new NodeCheckpointStore(join(base, 'storage')),
      files: new NodeCheckpointFiles(base),
      maxBytes: () => 1024 * 1024,
      notify: () => undefined,
      now: () => 1,
      newId: () => `cp${++ids}`,
    });
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  test('each message names the checkpoint begun before its answer, on disk', async () => {
    const rig = chatRig({ steps: [reply('One.'), reply('Two.')], checkpoints });
    await rig.turns.send(message('first'));
    await rig.turns.send(message('second'));
    const id = rig.turns.conversation?.id ?? '';
    const stored = rig.folder.stored(id);
    assert.deepEqual(stored?.turns.map((turn) => (turn.role === 'user' ? turn.checkpointId : turn.role)), ['cp1', 'assistant', 'cp2', 'assistant']);
    const journal = replayJournal(await readFile(join(base, 'storage', id, 'journal.jsonl'), 'utf8'), id);
    assert.deepEqual(journal?.checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.kind]), [['cp1', 'turn'], ['cp2', 'turn']]);
    assert.equal(stored?.turns[0]?.role === 'user' && stored.turns[0].id, journal?.checkpoints[0]?.userTurnId);
  });

  test('a regenerated answer records in a later checkpoint; the message keeps its first', async () => {
    const rig = chatRig({ steps: [reply('One.'), reply('One, again.')], checkpoints });
    await rig.turns.send(message('first'));
    await rig.turns.regenerate();
    const stored = rig.folder.stored(rig.turns.conversation?.id ?? '');
    assert.equal(stored?.turns[0]?.role === 'user' && stored.turns[0].checkpointId, 'cp1');
    assert.equal(ids, 2, 'the regenerated answer began its own checkpoint');
  });

  test('recording stops when the answer ends: a change after it is not journaled', async () => {
    const rig = chatRig({ steps: [reply('One.')], checkpoints });
    await rig.turns.send(message('first'));
    await checkpoints.beforeChange('late.txt');
    const id = rig.turns.conversation?.id ?? '';
    const journal = replayJournal(await readFile(join(base, 'storage', id, 'journal.jsonl'), 'utf8'), id);
    assert.deepEqual(journal?.checkpoints[0]?.files, {});
  });
});
