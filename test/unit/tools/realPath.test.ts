// The file-system step of path confinement, with real symbolic and hard links in a temporary directory:
// links that lead outside the workspace are refused, links that stay inside are followed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { link, lstat, mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRealPath, resolveWorkspacePath, type RealPathCheckOptions } from '../../../src/common/tools/paths';

describe('checkRealPath', () => {
  let sandbox = '';
  let workspace = '';
  let outside = '';
  const probes: RealPathCheckOptions = {
    isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
    linkCount: async (path) => (await stat(path)).nlink,
  };

  before(async () => {
    sandbox = await realpath(await mkdtemp(join(tmpdir(), 'kimi-paths-')));
    workspace = join(sandbox, 'workspace');
    outside = join(sandbox, 'outside');
    await mkdir(join(workspace, 'src'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(workspace, 'src', 'a.ts'), 'inside');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(outside, join(workspace, 'link-out'));
    await symlink(join(outside, 'secret.txt'), join(workspace, 'secret-link.txt'));
    await symlink(join(workspace, 'src'), join(workspace, 'src-link'));
    await symlink(join(outside, 'not-yet.txt'), join(workspace, 'dangling.txt'));
    await symlink('../outside', join(workspace, 'relative-out'));
    await link(join(outside, 'secret.txt'), join(workspace, 'hard-link.txt'));
    await symlink(workspace, join(sandbox, 'workspace-alias'));
  });

  after(async () => {
    await rm(sandbox, { recursive: true, force: true });
  });

  const check = async (root: string, requested: string, options: RealPathCheckOptions = probes) => {
    const resolved = resolveWorkspacePath(root, requested);
    assert.ok(resolved.ok, `the text check should pass for ${requested}`);
    return checkRealPath(realpath, root, resolved.absolutePath, options);
  };

  test('a plain file inside is accepted', async () => {
    assert.deepEqual(await check(workspace, 'src/a.ts'), { ok: true, realPath: join(workspace, 'src', 'a.ts') });
  });

  test('a file still to be created inside is accepted', async () => {
    assert.deepEqual(await check(workspace, 'src/new/deeper/file.ts'), { ok: true, realPath: join(workspace, 'src', 'new', 'deeper', 'file.ts') });
  });

  test('a symlinked folder leading outside is refused', async () => {
    const result = await check(workspace, 'link-out/secret.txt');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /symbolic link/);
  });

  test('a new file under a symlinked folder leading outside is refused', async () => {
    assert.equal((await check(workspace, 'link-out/new-file.txt')).ok, false);
  });

  test('a symlinked file leading outside is refused', async () => {
    assert.equal((await check(workspace, 'secret-link.txt')).ok, false);
  });

  test('a relative symlink leading outside is refused', async () => {
    assert.equal((await check(workspace, 'relative-out/secret.txt')).ok, false);
  });

  test('a dangling symlink to a file outside is refused', async () => {
    const result = await check(workspace, 'dangling.txt');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /missing target/);
  });

  test('a symlink that stays inside is followed', async () => {
    assert.deepEqual(await check(workspace, 'src-link/a.ts'), { ok: true, realPath: join(workspace, 'src', 'a.ts') });
  });

  test('a workspace opened through a symlink still works', async () => {
    const alias = join(sandbox, 'workspace-alias');
    assert.deepEqual(await check(alias, 'src/a.ts'), { ok: true, realPath: join(workspace, 'src', 'a.ts') });
    assert.equal((await check(alias, 'link-out/secret.txt')).ok, false);
  });

  test('a hard-linked file is refused when link counts are checked', async () => {
    const result = await check(workspace, 'hard-link.txt');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.reason, /hard-linked/);
    assert.equal((await check(workspace, 'hard-link.txt', { isSymbolicLink: probes.isSymbolicLink })).ok, true);
  });

  test('an unreadable workspace root is refused', async () => {
    const result = await checkRealPath(realpath, join(sandbox, 'missing-root'), join(sandbox, 'missing-root', 'a'));
    assert.equal(result.ok, false);
  });
});
