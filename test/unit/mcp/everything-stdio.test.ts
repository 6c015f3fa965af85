// The real everything server (from npm) over stdio, through the client manager: it starts lazily, lists its
// tools, prompts and resources, echoes, returns an image, reports progress, stops a call on Stop, and its
// process is gone after dispose. Its tool list converts to schemas Kimi accepts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { kimiSchemaProblems } from '../../../src/common/mcp/toolSchema';
import { convertCallResult } from '../../../src/common/mcp/results';
import type { McpProgress, McpToolSnapshot } from '../../../src/common/mcp/types';
import { disposeAll, everythingStdio, isAlive, newManager } from './mcpHarness';

const signal = () => new AbortController().signal;

describe('the everything server over stdio', { timeout: 60_000 }, () => {
  const manager = newManager();
  let snapshot: McpToolSnapshot;

  before(async () => {
    await manager.setServers([everythingStdio()]);
    assert.equal(manager.info('everything')?.status.state, 'stopped', 'nothing starts before first use');
    snapshot = await manager.snapshotTools();
  });
  after(disposeAll);

  test('starts on first use and reports ready with its counts', () => {
    const info = manager.info('everything')!;
    assert.deepEqual(info.status, { state: 'ready' });
    assert.ok(info.toolCount >= 10, `${info.toolCount} tools`);
    assert.ok(info.promptCount >= 3, `${info.promptCount} prompts`);
    assert.ok(info.resourceCount >= 2, `${info.resourceCount} resources`);
    assert.ok(manager.logs.some((line) => line.startsWith('everything: ')), 'stderr lines reach the log callback');
  });

  test('lists tools, prompts and resources', async () => {
    const names = snapshot.servers[0]!.tools.map((tool) => tool.name);
    for (const name of ['echo', 'get-tiny-image', 'trigger-long-running-operation', 'get-sum']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const prompts = manager.prompts().map(({ prompt }) => prompt.name);
    assert.ok(prompts.includes('simple-prompt') && prompts.includes('args-prompt'), prompts.join(', '));
    const args = manager.prompts().find(({ prompt }) => prompt.name === 'args-prompt')!.prompt.arguments!;
    assert.ok(args.some((arg) => arg.name === 'city' && arg.required === true));
    const { resources, templates } = manager.resources()[0]!;
    assert.ok(resources.length > 0 && templates.length > 0);
    const prompt = await manager.getPrompt('everything', 'args-prompt', { city: 'Paris' });
    assert.ok(prompt.ok && JSON.stringify(prompt.value.messages).includes('Paris'), JSON.stringify(prompt));
    const resource = await manager.readResource('everything', resources[0]!.uri);
    assert.ok(resource.ok && resource.value.length > 0 && typeof resource.value[0]!.text === 'string', JSON.stringify(resource).slice(0, 200));
  });

  test('its real schemas become Kimi-safe tools, sorted and byte-stable; task-only tools are left out', () => {
    const catalog = buildToolCatalog(snapshot);
    for (const definition of catalog.definitions) assert.deepEqual(kimiSchemaProblems(definition.parameters), [], definition.name);
    const names = catalog.definitions.map((definition) => definition.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('mcp__everything__echo') && names.includes('mcp__everything__get-tiny-image'));
    assert.ok(catalog.skipped.some((skip) => skip.tool === 'simulate-research-query'), 'a taskSupport "required" tool is skipped');
    assert.equal(JSON.stringify(buildToolCatalog(structuredClone(snapshot)).definitions), JSON.stringify(catalog.definitions));
  });

  test('calls echo', async () => {
    const outcome = await manager.callTool('everything', 'echo', { message: 'hello from the test' }, { signal: signal() });
    assert.equal(outcome.kind, 'result');
    assert.match(convertCallResult(outcome.kind === 'result' ? outcome.result : {}).text, /hello from the test/);
  });

  test('returns an image as an image part with the text around it', async () => {
    const outcome = await manager.callTool('everything', 'get-tiny-image', {}, { signal: signal() });
    assert.equal(outcome.kind, 'result');
    const converted = convertCallResult(outcome.kind === 'result' ? outcome.result : {});
    assert.equal(converted.images.length, 1);
    assert.match(converted.images[0]!.dataUri, /^data:image\/png;base64,iVBORw0KGgo/);
    assert.match(converted.text, /Here's the image you requested:\n\[image 1 \(image\/png, [\d.]+ KB\) is attached\]\nThe image above is the MCP logo\./);
  });

  test('a long-running tool reports progress', async () => {
    const progress: McpProgress[] = [];
    const outcome = await manager.callTool('everything', 'trigger-long-running-operation', { duration: 1, steps: 4 }, { signal: signal(), onProgress: (p) => progress.push(p) });
    assert.equal(outcome.kind, 'result');
    // The SDK drops a progress notification that arrives with the result in the same tick (the last one here).
    const steps = progress.map((p) => p.progress);
    assert.deepEqual(steps, [1, 2, 3, 4].slice(0, steps.length));
    assert.ok(steps.length >= 3, `progress ${steps.join(', ')}`);
    assert.ok(progress.every((p) => p.total === 4));
  });

  test('Stop cancels a call midway, and the server keeps serving', async () => {
    const controller = new AbortController();
    const progress: McpProgress[] = [];
    const started = Date.now();
    const call = manager.callTool('everything', 'trigger-long-running-operation', { duration: 20, steps: 20 }, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.progress === 1) controller.abort();
      },
    });
    const outcome = await call;
    assert.deepEqual(outcome, { kind: 'cancelled' });
    assert.ok(Date.now() - started < 5000, `cancelled after ${Date.now() - started} ms, not after 20 s`);
    assert.deepEqual(progress.map((p) => p.progress), [1]);
    const after = await manager.callTool('everything', 'get-sum', { a: 2, b: 3 }, { signal: signal() });
    assert.equal(after.kind, 'result');
    assert.match(JSON.stringify(after), /5/);
  });

  test('an already-stopped turn does not call at all', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await manager.callTool('everything', 'echo', { message: 'x' }, { signal: controller.signal }), { kind: 'cancelled' });
  });

  test('the host environment (and its API keys) is not handed to the server', async () => {
    process.env.KIMI_API_KEY = 'sk-test-should-not-leak-0000000000';
    const local = newManager();
    await local.setServers([{ ...everythingStdio('env-check'), env: { CONFIGURED: 'yes' } }]);
    await local.snapshotTools();
    const outcome = await local.callTool('env-check', 'get-env', {}, { signal: signal() });
    delete process.env.KIMI_API_KEY;
    const text = JSON.stringify(outcome);
    assert.match(text, /CONFIGURED/);
    assert.doesNotMatch(text, /sk-test-should-not-leak/);
    await local.dispose();
  });

  test('restart gives a fresh process; stop and dispose leave none running', async () => {
    const local = newManager();
    const pids: number[] = [];
    await local.setServers([everythingStdio('restartable')]);
    await local.start('restartable');
    const firstPid = pidOf(local, 'restartable');
    pids.push(firstPid);
    assert.deepEqual(await local.restart('restartable'), { state: 'ready' });
    const secondPid = pidOf(local, 'restartable');
    pids.push(secondPid);
    assert.notEqual(firstPid, secondPid);
    assert.equal(isAlive(firstPid), false, 'the first process is gone after restart');
    await local.stop('restartable');
    assert.deepEqual(local.info('restartable')?.status, { state: 'stopped' });
    assert.equal(isAlive(secondPid), false);
    const snapshot = await local.snapshotTools();
    assert.equal(snapshot.servers[0]!.tools.length, 0, 'a stopped server is not restarted by a snapshot');
    await local.dispose();
    assert.ok(pids.every((pid) => !isAlive(pid)));
  });
});

function pidOf(manager: ReturnType<typeof newManager>, server: string): number {
  const pid = manager.info(server)?.pid;
  assert.ok(pid !== undefined && isAlive(pid), `${server} has a live process`);
  return pid;
}
