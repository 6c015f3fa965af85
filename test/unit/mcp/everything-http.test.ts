// The real everything server over HTTP on 127.0.0.1 (a port the system picks): streamable HTTP with tools,
// prompts, resources, an image, progress and cancellation; the legacy SSE transport reached by the fallback
// (a 4xx to the streamable POST) and by `type: "sse"`; and an address where nothing listens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCallResult } from '../../../src/common/mcp/results';
import type { McpProgress } from '../../../src/common/mcp/types';
import { disposeAll, newManager, remoteServer, startEverythingHttp, type HttpServer } from './mcpHarness';

const signal = () => new AbortController().signal;

describe('the everything server over streamable HTTP', { timeout: 60_000 }, () => {
  const manager = newManager();
  let http: HttpServer;

  before(async () => {
    http = await startEverythingHttp('streamableHttp');
    await manager.setServers([remoteServer('everything-http', http.url)]);
    await manager.snapshotTools();
  });
  after(disposeAll);

  test('connects and lists tools, prompts and resources', () => {
    const info = manager.info('everything-http')!;
    assert.deepEqual(info.status, { state: 'ready' }, JSON.stringify(manager.logs.slice(-5)));
    assert.ok(info.toolCount >= 10 && info.promptCount >= 3 && info.resourceCount >= 2, JSON.stringify(info));
    assert.equal(info.pid, undefined, 'a remote server has no process of ours');
    assert.ok(manager.logs.every((line) => !line.includes('legacy SSE')), 'no fallback was needed');
  });

  test('calls echo and an image tool', async () => {
    const echo = await manager.callTool('everything-http', 'echo', { message: 'over http' }, { signal: signal() });
    assert.match(JSON.stringify(echo), /over http/);
    const image = await manager.callTool('everything-http', 'get-tiny-image', {}, { signal: signal() });
    assert.equal(image.kind, 'result');
    assert.equal(convertCallResult(image.kind === 'result' ? image.result : {}).images.length, 1);
  });

  test('progress arrives and Stop cancels the call', async () => {
    const controller = new AbortController();
    const progress: McpProgress[] = [];
    const started = Date.now();
    const outcome = await manager.callTool('everything-http', 'trigger-long-running-operation', { duration: 20, steps: 40 }, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.progress === 2) controller.abort();
      },
    });
    assert.deepEqual(outcome, { kind: 'cancelled' });
    assert.deepEqual(progress.map((p) => p.progress), [1, 2]);
    assert.ok(Date.now() - started < 5000);
    assert.equal((await manager.callTool('everything-http', 'get-sum', { a: 1, b: 1 }, { signal: signal() })).kind, 'result');
  });
});

describe('the legacy SSE transport', { timeout: 60_000 }, () => {
  let sse: HttpServer;
  before(async () => {
    sse = await startEverythingHttp('sse');
  });
  after(disposeAll);

  test('an http entry falls back to SSE when the streamable POST gets a 4xx', async () => {
    const manager = newManager();
    await manager.setServers([remoteServer('old-server', sse.url, 'http')]);
    await manager.snapshotTools();
    assert.deepEqual(manager.info('old-server')?.status, { state: 'ready' }, manager.logs.join('\n'));
    assert.ok(manager.logs.some((line) => /answered 404; trying the legacy SSE transport/.test(line)), manager.logs.join('\n'));
    assert.match(JSON.stringify(await manager.callTool('old-server', 'echo', { message: 'via sse' }, { signal: signal() })), /via sse/);
  });

  test('type "sse" goes straight to SSE', async () => {
    const manager = newManager();
    await manager.setServers([remoteServer('sse-only', sse.url, 'sse')]);
    await manager.snapshotTools();
    assert.deepEqual(manager.info('sse-only')?.status, { state: 'ready' });
    assert.ok(!manager.logs.some((line) => line.includes('trying the legacy SSE')));
  });

  test('an address where nothing listens fails with a reason, quickly', async () => {
    const manager = newManager();
    // Port 9 (discard) on loopback: nothing listens there in a test environment.
    await manager.setServers([remoteServer('nowhere', 'http://127.0.0.1:9/mcp')]);
    const started = Date.now();
    const snapshot = await manager.snapshotTools();
    const status = snapshot.servers[0]!.status;
    assert.equal(status.state, 'failed');
    assert.ok(status.state === 'failed' && status.reason.length > 0, JSON.stringify(status));
    assert.ok(Date.now() - started < 10_000);
  });
});
