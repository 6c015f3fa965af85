// Background processes on real processes: a start returns at the ready line (or once settled), reads return
// what came since the last read, stop kills the whole process group, another conversation cannot reach a
// process, and when the guarded process (the extension host) dies the watchdog kills the group.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { NodeBackgroundProcesses } from '../../../src/node/backgroundProcesses';
import { processGroupMembers } from '../../harness/procfs';

const skip = process.platform === 'win32' ? 'process groups are POSIX' : false;

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const request = (command: string, extra: { readyPattern?: RegExp; owner?: string } = {}) => ({ command, cwd: tmpdir(), owner: extra.owner ?? 'chat-1', readyTimeoutMs: 5_000, ...(extra.readyPattern ? { readyPattern: extra.readyPattern } : {}) });

describe('background processes', { skip }, () => {
  test('start waits for the ready line, read gives what came since, stop kills the group with its grandchildren', async () => {
    const processes = new NodeBackgroundProcesses();
    // A grandchild in the same group, like a dev server's worker.
    const started = await processes.start(request('sleep 300 & echo booting; sleep 0.3; echo "ready on 4000"; while true; do echo tick; sleep 0.05; done', { readyPattern: /ready on \d+/ }), new AbortController().signal);
    assert.equal(started.reason, 'ready');
    assert.equal(started.info.id, 'bg1');
    assert.match(started.output, /booting\nready on 4000/);
    const pid = started.info.pid as number;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const read = processes.read('bg1', 'chat-1');
    assert.ok(read);
    assert.match(read.output, /^tick\ntick/);
    assert.doesNotMatch(read.output, /ready on/, 'a read returns only what came after the previous one');
    assert.ok(read.lineCount >= 2);
    assert.ok((await processGroupMembers(pid)).length >= 2, 'the shell and its sleep run in the group');
    const stopped = await processes.stop('bg1', 'chat-1');
    assert.equal(stopped?.state, 'stopped');
    // SIGKILL to the group is delivered asynchronously: a member may still be on its way out for a moment.
    await waitUntil(async () => (await processGroupMembers(pid)).length === 0, 'every member of the group is gone', 2_000);
  });

  test('another conversation can neither read nor stop it, and its ids are its own', async () => {
    const processes = new NodeBackgroundProcesses();
    const first = await processes.start(request('sleep 300'), new AbortController().signal);
    assert.equal(first.reason, 'started');
    assert.equal(processes.read('bg1', 'chat-2'), undefined);
    assert.equal(await processes.stop('bg1', 'chat-2'), undefined);
    const other = await processes.start(request('sleep 300', { owner: 'chat-2' }), new AbortController().signal);
    assert.equal(other.info.id, 'bg1', 'each conversation counts its own');
    await processes.stopOwnedBy('chat-1');
    assert.deepEqual(await processGroupMembers(first.info.pid as number), []);
    assert.equal(processes.list().find((info) => info.owner === 'chat-2')?.state, 'running');
    await processes.stopAll();
    assert.deepEqual(await processGroupMembers(other.info.pid as number), []);
  });

  test('a command that fails at once says so instead of "started"', async () => {
    const processes = new NodeBackgroundProcesses();
    const started = await processes.start(request('echo no such script >&2; exit 3', { readyPattern: /never/ }), new AbortController().signal);
    assert.equal(started.reason, 'exited');
    assert.equal(started.info.exitCode, 3);
    assert.match(started.output, /no such script/);
  });

  test('Stop during the wait for the ready line kills it', async () => {
    const processes = new NodeBackgroundProcesses();
    const abort = new AbortController();
    const starting = processes.start(request('sleep 300', { readyPattern: /ready/ }), abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    abort.abort();
    const started = await starting;
    assert.equal(started.reason, 'cancelled');
    assert.deepEqual(await processGroupMembers(started.info.pid as number), []);
  });

  test('when the guarded process dies without stopping it, the watchdog kills the group', async () => {
    const host = spawn('sleep', ['300'], { stdio: 'ignore' });
    const processes = new NodeBackgroundProcesses({ guardPid: host.pid as number });
    const started = await processes.start(request('sleep 300 & sleep 300'), new AbortController().signal);
    const pid = started.info.pid as number;
    assert.ok((await processGroupMembers(pid)).length >= 2, 'the shell and its sleeps run in the group');
    host.kill('SIGKILL');
    await waitUntil(async () => (await processGroupMembers(pid)).length === 0, 'the group is gone after the host died');
  });
});
