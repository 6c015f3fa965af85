// Restoring files to a checkpoint, through the agent's real edit tools on a temp workspace: the bytes come
// back (created files go), and every rule that keeps the user's work safe holds: an edit made since is a
// conflict named per file, nothing is written when any file conflicts, a failed write is rolled back, and a
// restore is itself journaled (a later restore sees what it wrote, and it can be undone).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointFiles } from '../../../src/common/checkpoints/checkpointStore';
import { describeConflict } from '../../../src/common/checkpoints/restorePlan';
import { CONVERSATION, createHarness, edit, write, type Harness } from './checkpointHarness';

const A0 = 'export const a = 0;\n';
const B0 = 'export const b = 0;\n';
let harness: Harness;

/** Three turns: 1 edits a, 2 edits a and b and creates c, 3 edits b. */
async function threeTurns(): Promise<string[]> {
  const one = await harness.turn('u1', [edit('a.ts', 'a = 0', 'a = 1')]);
  const two = await harness.turn('u2', [edit('a.ts', 'a = 1', 'a = 2'), edit('b.ts', 'b = 0', 'b = 2'), write('lib/c.ts', 'export function c(): string {\n  return "c";\n}\n')]);
  const three = await harness.turn('u3', [edit('b.ts', 'b = 2', 'b = 3')]);
  return [one.checkpointId, two.checkpointId, three.checkpointId];
}

async function restore(checkpointId: string) {
  return harness.checkpoints.restore(await harness.checkpoints.plan(CONVERSATION, checkpointId));
}

describe('restoring files to a checkpoint', () => {
  beforeEach(async () => {
    harness = await createHarness();
    await harness.write('a.ts', A0);
    await harness.write('b.ts', B0);
  });
  afterEach(() => harness.dispose());

  test('to after turn 1: every later change undone byte for byte, the created file deleted', async () => {
    const [, second] = await threeTurns();
    const plan = await harness.checkpoints.plan(CONVERSATION, second!);
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(plan.steps.map((step) => [step.path, step.target.kind]), [['a.ts', 'file'], ['b.ts', 'file'], ['lib/c.ts', 'absent']]);
    const result = await harness.checkpoints.restore(plan);
    assert.deepEqual(result.kind === 'restored' && result.paths, ['a.ts', 'b.ts', 'lib/c.ts']);
    assert.equal(await harness.read('a.ts'), 'export const a = 1;\n');
    assert.equal(await harness.read('b.ts'), B0);
    assert.equal(await harness.read('lib/c.ts'), undefined);
  });

  test('an edit made since is a conflict named per file, and then no file is written', async () => {
    const [first] = await threeTurns();
    await harness.write('b.ts', 'export const b = 3; // mine\n');
    const plan = await harness.checkpoints.plan(CONVERSATION, first!);
    assert.deepEqual(plan.conflicts, [{ path: 'b.ts', reason: 'changed-since' }]);
    assert.equal(describeConflict(plan.conflicts[0]!), "b.ts: changed since Kimi's last edit (by you, or by a command)");
    assert.deepEqual(await harness.checkpoints.restore(plan), { kind: 'conflict', conflicts: plan.conflicts });
    assert.equal(await harness.read('a.ts'), 'export const a = 2;\n', 'a.ts, which had no conflict, is not restored alone');
    assert.notEqual(await harness.read('lib/c.ts'), undefined);
  });

  test('unsaved changes in an editor are a conflict', async () => {
    const [first] = await threeTurns();
    harness.unsaved.add('a.ts');
    assert.deepEqual((await harness.checkpoints.plan(CONVERSATION, first!)).conflicts, [{ path: 'a.ts', reason: 'unsaved' }]);
  });

  test('an edit between two turns blocks going back past it, not going back to after it', async () => {
    await harness.turn('u1', [edit('a.ts', 'a = 0', 'a = 1')]);
    await harness.write('a.ts', 'export const a = 1; // mine\n');
    const second = await harness.turn('u2', [edit('a.ts', 'a = 1;', 'a = 2;')]);
    const first = harness.checkpoints;
    const toStart = await first.plan(CONVERSATION, 'cp1');
    assert.deepEqual(toStart.conflicts, [{ path: 'a.ts', reason: 'changed-between' }]);
    assert.equal((await restore(second.checkpointId)).kind, 'restored');
    assert.equal(await harness.read('a.ts'), 'export const a = 1; // mine\n', 'the user edit made before turn 2 is what comes back');
  });

  test('a file changed after the preview and before the yes is a conflict: checked again, nothing written', async () => {
    const [first] = await threeTurns();
    const plan = await harness.checkpoints.plan(CONVERSATION, first!);
    assert.deepEqual(plan.conflicts, []);
    await harness.write('lib/c.ts', 'export function c(): string {\n  return "mine";\n}\n');
    const result = await harness.checkpoints.restore(plan);
    assert.deepEqual(result, { kind: 'conflict', conflicts: [{ path: 'lib/c.ts', reason: 'changed-since' }] });
    assert.equal(await harness.read('a.ts'), 'export const a = 2;\n');
  });

  test('a write that fails midway is rolled back: the files already written get their bytes back', async () => {
    await harness.dispose();
    let writes = 0;
    harness = await createHarness({
      files: (files): CheckpointFiles => ({
        read: (path) => files.read(path),
        hasUnsavedChanges: (path) => files.hasUnsavedChanges(path),
        remove: (path) => files.remove(path),
        write: async (path, bytes) => {
          // The second write of the restore fails (the rollback's writes come after it and succeed).
          if (++writes === 2) throw new Error('disk full');
          await files.write(path, bytes);
        },
      }),
    });
    await harness.write('a.ts', A0);
    await harness.write('b.ts', B0);
    const [first] = await threeTurns();
    const result = await restore(first!);
    assert.equal(result.kind, 'failed');
    assert.deepEqual(result.kind === 'failed' && [result.path, result.rolledBack], ['b.ts', true]);
    assert.equal(await harness.read('a.ts'), 'export const a = 2;\n', 'a.ts, written first, was put back');
    assert.equal(await harness.read('b.ts'), 'export const b = 3;\n');
  });

  test('a restore is journaled: a later restore further back sees no false conflict, and the restore can be undone', async () => {
    const [first, , third] = await threeTurns();
    const toThird = await restore(third!);
    assert.equal(toThird.kind, 'restored');
    assert.equal(await harness.read('b.ts'), 'export const b = 2;\n');
    assert.deepEqual(await harness.checkpoints.restorableTurns(CONVERSATION, [{ id: 'u1', checkpointId: first }, { id: 'u3', checkpointId: third }]), ['u1'], 'u3 has nothing left to restore');
    const toFirst = await restore(first!);
    assert.equal(toFirst.kind, 'restored');
    assert.deepEqual([await harness.read('a.ts'), await harness.read('b.ts'), await harness.read('lib/c.ts')], [A0, B0, undefined]);
    assert.ok(toFirst.kind === 'restored' && toFirst.undoCheckpointId);
    const undone = await restore(toFirst.undoCheckpointId!);
    assert.equal(undone.kind, 'restored');
    assert.deepEqual([await harness.read('a.ts'), await harness.read('b.ts')], ['export const a = 2;\n', 'export const b = 2;\n']);
    assert.notEqual(await harness.read('lib/c.ts'), undefined, 'the created file is back too');
  });

  test('no restore while an answer is being recorded: nothing is written', async () => {
    const [first] = await threeTurns();
    const plan = await harness.checkpoints.plan(CONVERSATION, first!);
    await harness.checkpoints.beginTurn(CONVERSATION, { id: 'u4' });
    assert.deepEqual(await harness.checkpoints.restore(plan), { kind: 'busy' });
    await harness.checkpoints.endTurn();
    assert.equal(await harness.read('a.ts'), 'export const a = 2;\n');
  });

  test('a link put in the path since does not carry the restore outside the workspace', async () => {
    const { symlink } = await import('node:fs/promises');
    await harness.write('lib/x.ts', 'export const x = 0;\n');
    const { checkpointId } = await harness.turn('u1', [edit('lib/x.ts', 'x = 0', 'x = 1')]);
    const outside = join(harness.storage, '..', 'outside');
    await harness.write('../outside/x.ts', 'export const x = 1;\n');
    await rm(join(harness.root, 'lib'), { recursive: true });
    await symlink(outside, join(harness.root, 'lib'));
    const result = await restore(checkpointId);
    assert.equal(result.kind, 'failed');
    assert.match(result.kind === 'failed' ? result.error : '', /leads outside the workspace/);
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(join(outside, 'x.ts'), 'utf8'), 'export const x = 1;\n', 'the file outside is untouched');
  });

  test('files already as they were are left alone; a missing copy is a conflict', async () => {
    const [first] = await threeTurns();
    await rm(join(harness.root, 'lib/c.ts'));
    const blobs = join(harness.storage, CONVERSATION, 'blobs');
    for (const name of await readdir(blobs)) await rm(join(blobs, name));
    const plan = await harness.checkpoints.plan(CONVERSATION, first!);
    assert.deepEqual(plan.unchanged, ['lib/c.ts'], 'the agent created it, the user deleted it: already as it was');
    assert.deepEqual(plan.conflicts.map((conflict) => conflict.reason), ['copy-missing', 'copy-missing']);
  });
});
