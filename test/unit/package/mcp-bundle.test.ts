// The MCP client ships as a file of its own, dist/mcp.js, which the extension requires only when the first chat
// has servers: the extension bundle holds none of the MCP SDK, and dist/mcp.js runs by itself (it starts the real
// everything server from npm and lists its tools).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServerManager as Manager } from '../../../src/node/mcp/serverManager';
import { everythingStdio } from '../mcp/mcpHarness';

describe('the MCP bundle', { timeout: 60_000 }, () => {
  // Built into a folder of its own: other tests read dist/ at the same time.
  const dist = mkdtempSync(join(tmpdir(), 'kimi-mcp-bundle-'));
  execFileSync(process.execPath, ['esbuild.mjs', `--outdir=${dist}`], { stdio: 'ignore' });
  const managers: Manager[] = [];
  after(async () => {
    await Promise.all(managers.map((manager) => manager.dispose()));
    rmSync(dist, { recursive: true, force: true });
  });

  test('the extension bundle requires ./mcp.js and carries none of the MCP SDK', () => {
    const extension = readFileSync(join(dist, 'extension.js'), 'utf8');
    assert.match(extension, /require\("\.\/mcp\.js"\)/);
    for (const sdkText of ['mcp-protocol-version', 'notifications/cancelled', 'Streamable HTTP error']) {
      assert.ok(!extension.includes(sdkText), `dist/extension.js contains "${sdkText}"`);
      assert.ok(readFileSync(join(dist, 'mcp.js'), 'utf8').includes(sdkText), `dist/mcp.js lacks "${sdkText}"`);
    }
  });

  test('dist/mcp.js on its own starts a real server and lists its tools', async () => {
    const { McpServerManager } = createRequire(import.meta.url)(join(dist, 'mcp.js')) as { McpServerManager: typeof Manager };
    const manager = new McpServerManager({ references: { env: {}, input: async () => undefined } });
    managers.push(manager);
    await manager.setServers([everythingStdio()]);
    const snapshot = await manager.snapshotTools();
    assert.deepEqual(snapshot.servers[0]!.status, { state: 'ready' });
    assert.ok(snapshot.servers[0]!.tools.some((tool) => tool.name === 'echo'));
  });
});
