// The agent's MCP tool list changes only between turns: a server that adds a tool mid-turn (and says so) or a
// server added to the configuration changes nothing already handed out, until the host takes a new snapshot.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { disposeAll, everythingStdio, hostileEntry, newManager, stdioServer } from './mcpHarness';

describe('tool snapshots', { timeout: 60_000 }, () => {
  after(disposeAll);

  test('a tool added mid-turn appears in the next snapshot, not in the current one', async () => {
    const manager = newManager();
    await manager.setServers([stdioServer('hostile', [hostileEntry])]);
    const first = await manager.snapshotTools();
    const catalog = buildToolCatalog(first);
    const bytes = JSON.stringify(catalog.definitions);
    const grown = await manager.callTool('hostile', 'grow', {}, { signal: new AbortController().signal });
    assert.match(JSON.stringify(grown), /added grown_1/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(JSON.stringify(catalog.definitions), bytes, 'the tool list in use is unchanged');
    assert.ok(!first.servers[0]!.tools.some((tool) => tool.name === 'grown_1'), 'the snapshot handed out is unchanged');
    const second = await manager.snapshotTools();
    assert.ok(second.servers[0]!.tools.some((tool) => tool.name === 'grown_1'), 'the next snapshot lists it');
    assert.ok(buildToolCatalog(second).entries.has('mcp__hostile__grown_1'));
  });

  test('a server added to the configuration joins at the next snapshot', async () => {
    const manager = newManager();
    await manager.setServers([stdioServer('hostile', [hostileEntry])]);
    const first = await manager.snapshotTools();
    await manager.setServers([stdioServer('hostile', [hostileEntry]), everythingStdio()]);
    assert.equal(manager.info('hostile')?.status.state, 'ready', 'an unchanged server keeps running');
    assert.equal(manager.info('everything')?.status.state, 'stopped', 'the new one waits for first use');
    assert.deepEqual(first.servers.map((server) => server.server), ['hostile']);
    const second = await manager.snapshotTools();
    assert.deepEqual(second.servers.map((server) => `${server.server}:${server.status.state}`), ['everything:ready', 'hostile:ready']);
    await manager.setServers([everythingStdio()]);
    assert.equal(manager.info('hostile'), undefined, 'a removed server is stopped and forgotten');
    assert.deepEqual((await manager.snapshotTools()).servers.map((server) => server.server), ['everything']);
  });
});
