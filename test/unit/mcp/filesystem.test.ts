// The real filesystem server (from npm) on a temporary folder: it reads a file, refuses one outside its folder
// (a tool error, not a crash), and its read_file/write_file/edit_file never take our tools' names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toToolOutcome } from '../../../src/common/mcp/results';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { allToolNames } from '../../../src/common/tools/definitions';
import { disposeAll, filesystemEntry, newManager, stdioServer } from './mcpHarness';

const signal = () => new AbortController().signal;

describe('the filesystem server on a temporary folder', { timeout: 60_000 }, () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'kimi-mcp-fs-')));
  const manager = newManager();

  before(async () => {
    writeFileSync(join(folder, 'notes.txt'), 'first line\nsecond line\n');
    await manager.setServers([stdioServer('fs', [filesystemEntry, folder])]);
    await manager.snapshotTools();
  });
  after(async () => {
    await disposeAll();
    rmSync(folder, { recursive: true, force: true });
  });

  test('reads a file', async () => {
    assert.deepEqual(manager.info('fs')?.status, { state: 'ready' }, manager.logs.join('\n'));
    const outcome = toToolOutcome('read_text_file', await manager.callTool('fs', 'read_text_file', { path: join(folder, 'notes.txt') }, { signal: signal() }));
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.content, 'first line\nsecond line\n');
  });

  test('a path outside its folder is a tool error the model can read', async () => {
    const outcome = toToolOutcome('read_text_file', await manager.callTool('fs', 'read_text_file', { path: '/etc/passwd' }, { signal: signal() }));
    assert.equal(outcome.status, 'error');
    assert.match(outcome.content, /^Error: .*(denied|outside|not allowed)/is);
  });

  test('its tools named like ours are namespaced, never ours', async () => {
    const catalog = buildToolCatalog(await manager.snapshotTools());
    const names = catalog.definitions.map((definition) => definition.name);
    for (const own of allToolNames) assert.ok(!names.includes(own), `${own} is taken by an MCP tool`);
    for (const name of ['mcp__fs__read_file', 'mcp__fs__write_file', 'mcp__fs__edit_file', 'mcp__fs__read_text_file']) assert.ok(names.includes(name), name);
    assert.equal(catalog.entries.get('mcp__fs__read_text_file')?.readOnly, true);
    assert.equal(catalog.entries.get('mcp__fs__write_file')?.readOnly, false);
  });
});
