// Background commands go through the same approval as any command (the allow-list vouches only for what it
// vouches for in the foreground), read_process_output and stop_process reach only this conversation's
// processes, and Restricted Mode offers none of them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssembledToolCall } from '../../../src/common/llm/types';
import { NodeBackgroundProcesses } from '../../../src/node/backgroundProcesses';
import { createNodeTools, type ApprovalRequest, type UserAnswer } from '../../faults/harness/nodeTools';

const skip = process.platform === 'win32' ? 'process groups are POSIX' : false;
const recorder = { markAwaitingApproval: () => undefined, onToolCall: () => undefined };

function call(name: string, args: Record<string, unknown>): AssembledToolCall {
  return { index: 0, id: `${name}:0`, name, argumentsText: JSON.stringify(args), arguments: args };
}

function tools(answer: UserAnswer, processes: NodeBackgroundProcesses, options: { allowList?: string[]; owner?: string; readOnly?: boolean } = {}) {
  const approvalRequests: ApprovalRequest[] = [];
  const set = createNodeTools({
    root: mkdtempSync(join(tmpdir(), 'kimi-background-')),
    recorder,
    signal: new AbortController().signal,
    user: () => answer,
    approvalRequests,
    settings: { commandAllowList: options.allowList ?? [] },
    background: { processes, owner: options.owner ?? 'chat-1' },
    ...(options.readOnly ? { readOnly: true } : {}),
  });
  return { set, approvalRequests };
}

describe('background commands and the approval policy', { skip }, () => {
  test('a denied background command starts nothing', async () => {
    const processes = new NodeBackgroundProcesses();
    const { set, approvalRequests } = tools('deny', processes);
    const outcome = await set.execute(call('run_command', { command: 'sleep 300', background: true }), new AbortController().signal);
    assert.equal(outcome.status, 'rejected');
    assert.equal(approvalRequests.length, 1);
    assert.deepEqual(processes.list(), []);
  });

  test('the allow-list vouches for a background command as it would in the foreground, and chaining still asks', async () => {
    const processes = new NodeBackgroundProcesses();
    const allowed = tools('deny', processes, { allowList: ['sleep *'] });
    const started = await allowed.set.execute(call('run_command', { command: 'sleep 300', background: true }), new AbortController().signal);
    assert.equal(allowed.approvalRequests.length, 0);
    assert.match(started.content, /running in the background as bg1/);
    const chained = await allowed.set.execute(call('run_command', { command: 'sleep 300; touch pwned', background: true }), new AbortController().signal);
    assert.equal(chained.status, 'rejected');
    assert.equal(allowed.approvalRequests.length, 1, 'the chained line asked');
    assert.equal(processes.list().length, 1);
    await processes.stopAll();
  });

  test('another conversation cannot read or stop the process; an invalid ready pattern starts nothing', async () => {
    const processes = new NodeBackgroundProcesses();
    const mine = tools('approve', processes);
    await mine.set.execute(call('run_command', { command: 'sleep 300', background: true }), new AbortController().signal);
    const theirs = tools('approve', processes, { owner: 'chat-2' });
    const read = await theirs.set.execute(call('read_process_output', { id: 'bg1' }), new AbortController().signal);
    assert.match(read.content, /no background process "bg1" of this conversation\. Its processes: none\./);
    const stop = await theirs.set.execute(call('stop_process', { id: 'bg1' }), new AbortController().signal);
    assert.equal(stop.status, 'error');
    assert.equal(processes.list()[0]?.state, 'running');
    const invalid = await mine.set.execute(call('run_command', { command: 'sleep 300', background: true, ready_pattern: '(' }), new AbortController().signal);
    assert.match(invalid.content, /ready_pattern is not a valid regular expression/);
    assert.equal(processes.list().length, 1);
    const stopped = await mine.set.execute(call('stop_process', { id: 'bg1' }), new AbortController().signal);
    assert.match(stopped.content, /bg1 was stopped/);
  });

  test('Restricted Mode offers neither run_command nor the background tools', () => {
    const { set } = tools('approve', new NodeBackgroundProcesses(), { readOnly: true });
    const names = set.definitions().map((definition) => definition.name);
    for (const name of ['run_command', 'read_process_output', 'stop_process']) assert.ok(!names.includes(name), `${name} is offered`);
  });
});
