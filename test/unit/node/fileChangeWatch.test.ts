// The preview's direct watch of one file: a write and a replace (temporary file renamed over it) are both seen,
// a neighbour's change is not, and nothing is reported once closed.
import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { watchFileChanges } from '../../../src/node/fileChangeWatch';

async function seen(count: () => number, before: number): Promise<boolean> {
  for (let waited = 0; waited < 2_000; waited += 20) {
    if (count() > before) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('watchFileChanges', () => {
  const folders: string[] = [];
  after(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  test('reports a write and a replace of the file, not of its neighbour, and nothing once closed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kimi-watch-'));
    folders.push(folder);
    const page = join(folder, 'index.html');
    await writeFile(page, '<h1>one</h1>');
    await writeFile(join(folder, 'other.html'), 'x');
    let changes = 0;
    const watch = watchFileChanges(page, () => changes++);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      let before = changes;
      await writeFile(page, '<h1>two</h1>');
      assert.ok(await seen(() => changes, before), 'a write is reported');

      await new Promise((resolve) => setTimeout(resolve, 100));
      before = changes;
      await writeFile(join(folder, 'other.html'), 'y');
      assert.equal(await seen(() => changes, before), false, 'a neighbour was reported');

      before = changes;
      await writeFile(join(folder, '.index.html.tmp'), '<h1>three</h1>');
      await rename(join(folder, '.index.html.tmp'), page);
      assert.ok(await seen(() => changes, before), 'a replace by rename is reported');
    } finally {
      watch.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closedAt = changes;
    await writeFile(page, '<h1>four</h1>');
    assert.equal(await seen(() => changes, closedAt), false, 'reported after close');
  });
});
