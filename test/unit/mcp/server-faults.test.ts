// Servers that go wrong, each reported as a status or a tool error and never thrown into the turn: one that
// exits at start, one that never answers initialize, one that is not there, malformed tools and results,
// hung and crashing calls, and one that ignores SIGTERM and leaves a grandchild (killed with its group).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toToolOutcome } from '../../../src/common/mcp/results';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { kimiSchemaProblems } from '../../../src/common/mcp/toolSchema';
import { disposeAll, eventually, hostileEntry, isAlive, newManager, stdioServer, stubbornEntry } from './mcpHarness';

const signal = () => new AbortController().signal;

describe('servers that fail to start', { timeout: 30_000 }, () => {
  after(disposeAll);

  test('one that exits at start is failed with its exit code and what it said', async () => {
    const manager = newManager();
    await manager.setServers([stdioServer('quitter', ['-e', 'console.error("missing config file"); process.exit(1)'])]);
    const started = Date.now();
    const snapshot = await manager.snapshotTools();
    const status = snapshot.servers[0]!.status;
    assert.equal(status.state, 'failed');
    assert.match(status.state === 'failed' ? status.reason : '', /exit(ed)? .*code 1.*missing config file/);
    assert.ok(Date.now() - started < 5000, 'reported at once, not after the time limit');
    assert.deepEqual(snapshot.servers[0]!.tools, []);
  });

  test('one that never answers initialize times out, and its process is killed', async () => {
    const manager = newManager({ startupTimeoutMs: 800 });
    await manager.setServers([stdioServer('hang', ['-e', 'setInterval(() => {}, 1000)'])]);
    const pending = manager.snapshotTools();
    const pid = await waitForPid(manager, 'hang');
    const snapshot = await pending;
    assert.deepEqual(snapshot.servers[0]!.status, { state: 'failed', reason: 'did not answer within 0.8 s' });
    assert.ok(await eventually(() => !isAlive(pid)), `pid ${pid} still runs`);
  });

  test('Stop during a hung start ends it at once, without waiting for the time limit', async () => {
    const manager = newManager({ startupTimeoutMs: 20_000 });
    await manager.setServers([stdioServer('hang-then-stop', ['-e', 'setInterval(() => {}, 1000)'])]);
    const pending = manager.snapshotTools();
    const pid = await waitForPid(manager, 'hang-then-stop');
    const started = Date.now();
    await manager.stop('hang-then-stop');
    assert.ok(Date.now() - started < 4000, `stop took ${Date.now() - started} ms`);
    assert.deepEqual((await pending).servers[0]!.status, { state: 'stopped' });
    assert.ok(await eventually(() => !isAlive(pid)), `pid ${pid} still runs`);
  });

  test('a command that does not exist says so', async () => {
    const manager = newManager();
    await manager.setServers([{ ...stdioServer('missing', []), command: 'kimi-no-such-mcp-server' }]);
    const status = (await manager.snapshotTools()).servers[0]!.status;
    assert.match(status.state === 'failed' ? status.reason : '', /could not start "kimi-no-such-mcp-server": it was not found/);
  });

  test('an unset environment reference fails before anything starts', async () => {
    const manager = newManager();
    await manager.setServers([{ ...stdioServer('needs-token', ['-e', '']), env: { TOKEN: '${env:KIMI_TEST_UNSET_TOKEN}' } }]);
    const status = (await manager.snapshotTools()).servers[0]!.status;
    assert.deepEqual(status, { state: 'failed', reason: '"env.TOKEN" needs the environment variable KIMI_TEST_UNSET_TOKEN, which is not set' });
  });

  test('a server the host does not allow is not started', async () => {
    const manager = newManager({ mayStart: async () => false });
    await manager.setServers([stdioServer('unapproved', ['-e', 'require("fs").writeFileSync("/tmp/kimi-mcp-should-not-run", "ran")'])]);
    const status = (await manager.snapshotTools()).servers[0]!.status;
    assert.deepEqual(status, { state: 'failed', reason: 'not allowed to run in this workspace' });
  });

  test('a disabled server is listed as stopped and never started', async () => {
    const manager = newManager();
    await manager.setServers([{ ...stdioServer('off', ['-e', 'process.exit(1)']), disabled: true }]);
    assert.equal((await manager.snapshotTools()).servers.length, 0);
    assert.deepEqual(manager.info('off')?.status, { state: 'stopped' });
  });
});

describe('a hostile server', { timeout: 30_000 }, () => {
  let manager: ReturnType<typeof newManager>;
  before(async () => {
    manager = newManager({ callTimeoutMs: 600 });
    await manager.setServers([stdioServer('hostile', [hostileEntry])]);
  });
  after(disposeAll);

  test('its malformed tool is left out and the rest are kept', async () => {
    const snapshot = await manager.snapshotTools();
    assert.deepEqual(snapshot.servers[0]!.status, { state: 'ready' }, manager.logs.join('\n'));
    const names = snapshot.servers[0]!.tools.map((tool) => tool.name);
    assert.ok(!names.includes('not_an_object'));
    assert.ok(names.includes('read_file') && names.includes('deep') && names.includes('huge_enum'), names.join(', '));
    assert.ok(manager.logs.some((line) => line.includes('left out a malformed tool "not_an_object"')), manager.logs.join('\n'));
  });

  test('its schemas are made Kimi-safe, and its read_file does not collide with ours', async () => {
    const catalog = buildToolCatalog(await manager.snapshotTools());
    for (const definition of catalog.definitions) assert.deepEqual(kimiSchemaProblems(definition.parameters), [], definition.name);
    assert.ok(catalog.entries.has('mcp__hostile__read_file'));
    assert.ok(!catalog.entries.has('read_file'));
    const bytes = JSON.stringify(catalog.definitions).length;
    assert.ok(bytes < 60_000, `the tool list is ${bytes} bytes: the 10k-value enum and the 10k-deep schema were summarised`);
  });

  test('malformed results are tool errors, not exceptions', async () => {
    for (const tool of ['malformed_result', 'text_without_text']) {
      const outcome = await manager.callTool('hostile', tool, {}, { signal: signal() });
      assert.equal(outcome.kind, 'failed', `${tool}: ${JSON.stringify(outcome)}`);
      assert.match(outcome.kind === 'failed' ? outcome.message : '', /does not follow the MCP protocol/);
      assert.equal(toToolOutcome(tool, outcome).status, 'error');
    }
    assert.deepEqual(manager.info('hostile')?.status, { state: 'ready' }, 'the server stays usable');
  });

  test('isError is a tool error with the server\'s text', async () => {
    const outcome = toToolOutcome('tool_error', await manager.callTool('hostile', 'tool_error', {}, { signal: signal() }));
    assert.deepEqual({ status: outcome.status, content: outcome.content }, { status: 'error', content: 'Error: the thing went wrong' });
  });

  test('huge output is cut in the middle with the count', async () => {
    const outcome = toToolOutcome('big_output', await manager.callTool('hostile', 'big_output', {}, { signal: signal() }));
    assert.ok(outcome.content.length <= 30_200, `${outcome.content.length} characters`);
    assert.match(outcome.content, /^line 00000 /);
    assert.match(outcome.content, /line 03999 x+$/);
    assert.match(outcome.content, /\[… [\d,]+ characters \([\d,]+ lines\) cut …\]/);
  });

  test('a call that never answers times out', async () => {
    const outcome = await manager.callTool('hostile', 'never_answers', {}, { signal: signal() });
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.message : '', /timed out/i);
  });

  test('a crash mid-call fails the call and the server, with the reason', async () => {
    const outcome = await manager.callTool('hostile', 'crash', {}, { signal: signal() });
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.message : '', /closed the connection with exit code 3: .*crashing on purpose/);
    const status = manager.info('hostile')!.status;
    assert.equal(status.state, 'failed');
    assert.match(status.state === 'failed' ? status.reason : '', /stopped unexpectedly with exit code 3/);
    const after = await manager.callTool('hostile', 'read_file', { path: 'x' }, { signal: signal() });
    assert.match(after.kind === 'failed' ? after.message : '', /is not running \(stopped unexpectedly/);
    assert.deepEqual(await manager.restart('hostile'), { state: 'ready' }, 'restart brings it back');
  });
});

describe('a server that will not stop', { timeout: 30_000 }, () => {
  after(disposeAll);

  test('dispose kills it and the grandchild it started (no orphans)', async () => {
    const manager = newManager();
    await manager.setServers([stdioServer('stubborn', [stubbornEntry])]);
    await manager.snapshotTools();
    assert.deepEqual(manager.info('stubborn')?.status, { state: 'ready' });
    assert.ok(await eventually(() => manager.logs.some((line) => /pids \d+ \d+/.test(line))), manager.logs.join('\n'));
    const [, serverPid, grandchildPid] = /pids (\d+) (\d+)/.exec(manager.logs.find((line) => /pids \d+ \d+/.test(line))!)!.map(Number) as [number, number, number];
    assert.ok(isAlive(serverPid) && isAlive(grandchildPid));
    await manager.dispose();
    assert.ok(await eventually(() => !isAlive(serverPid) && !isAlive(grandchildPid)), `server ${isAlive(serverPid) ? 'alive' : 'gone'}, grandchild ${isAlive(grandchildPid) ? 'alive' : 'gone'}`);
    assert.ok(manager.logs.some((line) => line.includes('ignoring SIGTERM')), 'it was asked politely first');
  });
});

/** The pid of a server still starting (its process exists before it answers). */
async function waitForPid(manager: ReturnType<typeof newManager>, name: string): Promise<number> {
  assert.ok(await eventually(() => manager.info(name)?.pid !== undefined, 3000), 'the process started');
  return manager.info(name)!.pid!;
}
