// The checkpoint journal through the agent's real edit tools on a temp workspace: what each turn records
// (the version before its first change, created files as absent, hashes after), that it survives a reload,
// that its cost is the files the agent changed, its size and its cap.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replayJournal, type Journal } from '../../../src/common/checkpoints/journalFormat';
import { command, CONVERSATION, createHarness, edit, write, type Harness } from './checkpointHarness';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let harness: Harness;

async function storedJournal(): Promise<Journal> {
  const journal = replayJournal(await readFile(join(harness.storage, CONVERSATION, 'journal.jsonl'), 'utf8'), CONVERSATION);
  assert.ok(journal, 'the stored log replays');
  return journal;
}

async function blobs(): Promise<string[]> {
  return (await readdir(join(harness.storage, CONVERSATION, 'blobs')).catch(() => [])).sort();
}

describe('checkpoint journal', () => {
  beforeEach(async () => {
    harness = await createHarness();
    await harness.write('src/a.ts', 'export const a = 1;\n');
    await harness.write('src/b.ts', 'export const b = 1;\n');
    await harness.write('README.md', '# readme\n');
  });
  afterEach(() => harness.dispose());

  test("keeps the version before a turn's first change, and the hash after its last", async () => {
    const { outcomes } = await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2'), edit('src/a.ts', 'a = 2', 'a = 3'), { name: 'read_file', args: { path: 'README.md' } }]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['done', 'done', 'done']);
    const [checkpoint] = (await storedJournal()).checkpoints;
    assert.ok(checkpoint);
    assert.deepEqual(Object.keys(checkpoint.files), ['src/a.ts'], 'a file only read is not journaled');
    assert.deepEqual(checkpoint.files['src/a.ts'], {
      before: { kind: 'file', hash: sha('export const a = 1;\n'), size: 20, kept: true },
      after: { kind: 'file', hash: sha('export const a = 3;\n'), size: 20, kept: false },
    });
    assert.deepEqual(await blobs(), [sha('export const a = 1;\n')], 'one copy: the version before the first change');
    assert.equal(await readFile(join(harness.storage, CONVERSATION, 'blobs', sha('export const a = 1;\n')), 'utf8'), 'export const a = 1;\n');
  });

  test('a file the agent creates is recorded as absent before, and each turn gets its own checkpoint', async () => {
    await harness.turn('u1', [write('src/new.ts', 'export function added(): number {\n  return 42;\n}\n')]);
    await harness.turn('u2', [edit('src/b.ts', 'b = 1', 'b = 2')]);
    const journal = await storedJournal();
    assert.deepEqual(journal.checkpoints.map((checkpoint) => [checkpoint.userTurnId, checkpoint.kind, Object.keys(checkpoint.files)]), [
      ['u1', 'turn', ['src/new.ts']],
      ['u2', 'turn', ['src/b.ts']],
    ]);
    assert.deepEqual(journal.checkpoints[0]?.files['src/new.ts']?.before, { kind: 'absent' });
    assert.equal(journal.checkpoints[0]?.files['src/new.ts']?.after?.kind, 'file');
  });

  test('a rejected change leaves before and after equal, so the message offers no file restore', async () => {
    await harness.dispose();
    harness = await createHarness();
    await harness.write('src/a.ts', 'export const a = 1;\n');
    // Auto-approve off is the review path; the Node workspace's review is answered here as the user would.
    const checkpointId = await harness.checkpoints.beginTurn(CONVERSATION, { id: 'u1' });
    const { CheckpointingWorkspace } = await import('../../../src/common/checkpoints/checkpointingWorkspace');
    const { NodeWorkspace } = await import('../../../src/node/nodeWorkspace');
    const workspace = new CheckpointingWorkspace(new NodeWorkspace(harness.root, { ripgrep: false }), harness.checkpoints);
    const review = await workspace.propose({ relativePath: 'src/a.ts', baseText: 'export const a = 1;\n', proposedText: 'export const a = 9;\n', isNewFile: false });
    review.rejectAll('no');
    assert.equal((await review.done).kind, 'rejected');
    await harness.checkpoints.endTurn();
    const entry = (await storedJournal()).checkpoints[0]?.files['src/a.ts'];
    assert.deepEqual(entry?.before.kind === 'file' && entry.before.hash, entry?.after?.kind === 'file' && entry.after.hash);
    assert.deepEqual(await harness.checkpoints.restorableTurns(CONVERSATION, [{ id: 'u1', checkpointId }]), []);
  });

  test("a command's change to a file the turn edited counts as the turn's; other files it changes are not journaled", async () => {
    await harness.dispose();
    harness = await createHarness({ autoApproveCommands: true });
    await harness.write('src/a.ts', 'export const a = 1;\n');
    await harness.write('src/b.ts', 'export const b = 1;\n');
    const { checkpointId, outcomes } = await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2'), command("printf '// formatted\\n' >> src/a.ts && printf '// formatted\\n' >> src/b.ts")]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['done', 'done']);
    assert.equal(await harness.read('src/a.ts'), 'export const a = 2;\n// formatted\n');
    const plan = await harness.checkpoints.plan(CONVERSATION, checkpointId);
    assert.deepEqual(plan.conflicts, [], 'the formatted file is not mistaken for a user edit');
    assert.equal(plan.commands.length, 1);
    assert.equal((await harness.checkpoints.restore(plan)).kind, 'restored');
    assert.equal(await harness.read('src/a.ts'), 'export const a = 1;\n');
    assert.equal(await harness.read('src/b.ts'), 'export const b = 1;\n// formatted\n', 'a file only the command changed is left as the command left it');
  });

  test('commands are noted by line: their side effects are not journaled', async () => {
    const checkpointId = await harness.checkpoints.beginTurn(CONVERSATION, { id: 'u1' });
    harness.checkpoints.commandRan('npm run format');
    await harness.checkpoints.endTurn();
    assert.deepEqual((await storedJournal()).checkpoints[0]?.commands, ['npm run format']);
    assert.deepEqual((await harness.checkpoints.plan(CONVERSATION, checkpointId)).commands, ['npm run format']);
  });

  test('survives a reload: a new instance on the same storage restores from it', async () => {
    const first = await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2')]);
    harness.reopen();
    assert.deepEqual(await harness.checkpoints.restorableTurns(CONVERSATION, [{ id: 'u1', checkpointId: first.checkpointId }]), ['u1']);
    const plan = await harness.checkpoints.plan(CONVERSATION, first.checkpointId);
    assert.equal((await harness.checkpoints.restore(plan)).kind, 'restored');
    assert.equal(await harness.read('src/a.ts'), 'export const a = 1;\n');
  });

  test('a log cut short by a crash loses only its last line', async () => {
    const { appendFile } = await import('node:fs/promises');
    const first = await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2')]);
    await appendFile(join(harness.storage, CONVERSATION, 'journal.jsonl'), '{"e":"before","id":"cp1","pa');
    harness.reopen();
    assert.deepEqual(await harness.checkpoints.restorableTurns(CONVERSATION, [{ id: 'u1', checkpointId: first.checkpointId }]), ['u1']);
  });

  test('a damaged journal is not trusted: it reads as empty and starts anew', async () => {
    const { writeFile } = await import('node:fs/promises');
    const first = await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2')]);
    const log = join(harness.storage, CONVERSATION, 'journal.jsonl');
    await writeFile(log, `{"e":"after","id":"nowhere","path":"x","state":{"kind":"absent"}}\n${await readFile(log, 'utf8')}`);
    harness.reopen();
    assert.deepEqual(await harness.checkpoints.restorableTurns(CONVERSATION, [{ id: 'u1', checkpointId: first.checkpointId }]), []);
    await harness.turn('u2', [edit('src/b.ts', 'b = 1', 'b = 2')]);
    assert.equal((await storedJournal()).checkpoints.length, 1);
  });

  test("reports its size, and past the cap keeps no copy, says so once, and the restore refuses that file", async () => {
    await harness.dispose();
    harness = await createHarness({ maxBytes: 1200 });
    await harness.write('small.txt', 'small\n');
    await harness.write('big.txt', `big\n${'x'.repeat(2000)}\n`);
    await harness.write('other.txt', `other\n${'y'.repeat(2000)}\n`);
    const { checkpointId } = await harness.turn('u1', [
      edit('small.txt', 'small', 'smaller'),
      edit('big.txt', 'big', 'bigger'),
      edit('other.txt', 'other', 'another'),
    ]);
    const usage = await harness.checkpoints.usage();
    assert.equal(usage.maxBytes, 1200);
    assert.ok(usage.usedBytes >= 6 && usage.usedBytes <= 1200, `used ${usage.usedBytes}`);
    assert.equal(harness.notices.length, 1, 'told once per turn');
    assert.match(harness.notices[0] ?? '', /checkpoint journal is full .*big\.txt.*kimiAssistant\.checkpoints\.maxJournalMB/);
    const plan = await harness.checkpoints.plan(CONVERSATION, checkpointId);
    assert.deepEqual(plan.conflicts.map((conflict) => [conflict.path, conflict.reason]), [['big.txt', 'not-kept'], ['other.txt', 'not-kept']]);
    assert.equal((await harness.checkpoints.restore(plan)).kind, 'conflict');
    assert.equal(await harness.read('small.txt'), 'smaller\n', 'nothing partially written: the kept file is not restored alone');
  });

  test('identical versions are kept once (content-addressed)', async () => {
    await harness.write('src/c.ts', 'export const a = 1;\n');
    await harness.turn('u1', [edit('src/a.ts', 'a = 1', 'a = 2'), edit('src/c.ts', 'a = 1', 'a = 5')]);
    assert.deepEqual(await blobs(), [sha('export const a = 1;\n')]);
  });
});
