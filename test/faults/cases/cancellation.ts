// Stop pressed at each stage of a turn: while the model reasons, while it writes, while a tool call streams,
// while a change waits for review, and while a command runs. What was said stays; nothing runs after Stop.
import { readdir, readFile } from 'node:fs/promises';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
import { checkSurvival, pipelineFault, type FaultRig } from '../harness/faultRun';
import { spawningRunner } from '../harness/nodeTools';
import type { ChatSession } from '../harness/pipeline';
import { fingerprint } from '../harness/workspace';
import type { Checks, FaultCase } from '../suite';

const REASONING = 'Reading the code carefully, one step after another, before saying anything. '.repeat(5);
const ANSWER = 'The function adds its two arguments and returns the sum, without any checks at all. '.repeat(4);
const SLOW = { chunkDelayMs: 15 };

/** Stop must end the turn promptly, not after the stream or tool would have finished. */
function checkPrompt(checks: Checks, stoppedAt: number): string {
  const lag = Date.now() - stoppedAt;
  checks.that(stoppedAt > 0, 'Stop was never pressed');
  checks.that(lag < 1500, `the turn ended ${lag} ms after Stop`);
  return `ended ${lag} ms after Stop`;
}

function isPrefixOf(checks: Checks, kept: string, full: string, what: string): void {
  checks.that(kept.length > 0 && kept.length < full.length && full.startsWith(kept), `${what} kept is not a proper prefix (${kept.length} of ${full.length} chars)`);
}

/** Presses Stop the first time `when` holds for a posted message. */
function stopWhen(when: (message: HostToWebviewMessage) => boolean, delayMs = 0) {
  const state = { stoppedAt: 0 };
  const onPost = (message: HostToWebviewMessage, session: ChatSession) => {
    if (state.stoppedAt || !when(message)) return;
    // Marked at once so later messages do not schedule a second Stop.
    state.stoppedAt = -1;
    const stop = () => {
      state.stoppedAt = Date.now();
      session.stop();
    };
    if (delayMs > 0) setTimeout(stop, delayMs);
    else stop();
  };
  return { state, onPost };
}

function hasCard(message: HostToWebviewMessage, status: string): boolean {
  return message.type === 'turnUpdated' && message.turn.role === 'assistant' && message.turn.toolCalls.some((card) => card.status === status);
}

/**
 * Live (not zombie) processes of a process group, from /proc. A killed grandchild is re-parented to PID 1,
 * which in some containers never reaps it: it is dead, yet `kill(-group, 0)` still finds it.
 */
async function livingGroupMembers(group: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const living: number[] = [];
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name: state, ppid, pgrp, ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group && fields[0] !== 'Z' && fields[0] !== 'X') living.push(Number(pid));
  }
  return living;
}

async function processGroupAlive(group: number): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await livingGroupMembers(group)).length === 0) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function unchangedFile(rig: FaultRig, before: string): Promise<boolean> {
  return (await fingerprint(rig.workspace)) === before;
}

export const cancellationCases: FaultCase[] = [
  pipelineFault('cancel during reasoning', 'stopped promptly, the reasoning so far kept, no text', async (rig, checks) => {
    rig.server.enqueue({ kind: 'reply', reasoning: REASONING, content: 'Never shown.', ...SLOW });
    const stop = stopWhen((message) => message.type === 'assistantDelta' && message.channel === 'reasoning');
    const run = await rig.session.send('Explain add.', { onPost: stop.onPost });
    const lag = checkPrompt(checks, stop.state.stoppedAt);
    isPrefixOf(checks, run.turn.reasoning, REASONING, 'reasoning');
    return `${lag}; ${await checkSurvival(checks, rig, run, { status: 'stopped', partialText: '', partialReasoning: run.turn.reasoning })}`;
  }),
  pipelineFault('cancel during text', 'stopped, the text so far kept and in history', async (rig, checks) => {
    rig.server.enqueue({ kind: 'reply', reasoning: 'Short.', content: ANSWER, ...SLOW });
    let streamed = '';
    const stop = stopWhen((message) => {
      if (message.type === 'assistantDelta' && message.channel === 'text') streamed += message.text;
      return streamed.length >= 24;
    });
    const run = await rig.session.send('Explain add.', { onPost: stop.onPost });
    const lag = checkPrompt(checks, stop.state.stoppedAt);
    isPrefixOf(checks, run.turn.text, ANSWER, 'text');
    checks.that(run.turn.text === streamed, 'the stored text differs from what the view showed');
    return `${lag}; ${await checkSurvival(checks, rig, run, { status: 'stopped', partialText: run.turn.text })}`;
  }),
  pipelineFault('cancel during a tool call (arguments streaming)', 'stopped, no half tool call kept or run, no file written', async (rig, checks) => {
    const content = `export const data = ${JSON.stringify('x'.repeat(1500))};\n`;
    rig.server.enqueue({
      kind: 'reply',
      reasoning: 'I will write the file.',
      toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'src/data.ts', content }) }],
      toolArgSplit: 4,
      chunkDelayMs: 4,
    });
    const stop = stopWhen((message) => message.type === 'assistantDelta' && message.channel === 'reasoning', 150);
    const run = await rig.session.send('Create the data file.', { onPost: stop.onPost });
    const lag = checkPrompt(checks, stop.state.stoppedAt);
    checks.that(run.turn.toolCards.length === 0 && rig.session.approvalRequests.length === 0, 'the half-streamed call was acted on');
    checks.that(!run.turn.messages.some((message) => message.role === 'assistant' && message.toolCalls?.length), 'a half tool call was kept in history');
    return `${lag}; ${await checkSurvival(checks, rig, run, { status: 'stopped', partialText: '', partialReasoning: 'I will write the file.' })}`;
  }),
  pipelineFault(
    'cancel while a change awaits review',
    'stopped, card rejected, the call answered in history, file unchanged',
    async (rig, checks) => {
      const before = await fingerprint(rig.workspace);
      rig.server.enqueue({
        kind: 'reply',
        reasoning: 'Rename.',
        toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: 'src/app.ts', old_string: 'return a + b;', new_string: 'return b + a;' }) }],
      });
      const stop = stopWhen((message) => hasCard(message, 'awaiting-approval'));
      const run = await rig.session.send('Swap the operands.', { onPost: stop.onPost });
      const lag = checkPrompt(checks, stop.state.stoppedAt);
      checks.that(run.turn.toolCards[0]?.status === 'rejected', `card ${run.turn.toolCards[0]?.status}`);
      const answer = run.turn.messages.find((message) => message.role === 'tool');
      checks.that(answer?.role === 'tool' && /stopped/.test(answer.content), 'the pending call has no "stopped" answer');
      checks.that(await unchangedFile(rig, before), 'the file changed');
      return `${lag}; ${await checkSurvival(checks, rig, run, { status: 'stopped', partialText: '' })}`;
    },
    { session: { user: () => 'wait' } },
  ),
  pipelineFault(
    'cancel during a running command',
    'stopped, the command process group killed, result answered in history',
    async (rig, checks) => {
      const runner = spawningRunner();
      rig.session.options.runner = runner;
      rig.server.enqueue({ kind: 'reply', reasoning: 'Wait a while.', toolCalls: [{ name: 'run_command', arguments: '{"command":"sleep 30"}' }] });
      const stop = stopWhen((message) => hasCard(message, 'running'), 200);
      const run = await rig.session.send('Run the slow thing.', { onPost: stop.onPost });
      const lag = checkPrompt(checks, stop.state.stoppedAt);
      const pid = runner.pids[0];
      checks.that(pid !== undefined, 'the command never started');
      const alive = pid !== undefined && (await processGroupAlive(pid));
      checks.that(!alive, `process group ${pid} still runs after Stop`);
      const answer = run.turn.messages.find((message) => message.role === 'tool');
      checks.that(answer?.role === 'tool' && /stopped by the user/.test(answer.content), 'the command result does not say it was stopped');
      return `${lag}, process killed: ${!alive}; ${await checkSurvival(checks, rig, run, { status: 'stopped', partialText: '' })}`;
    },
    { session: { user: () => 'approve' } },
  ),
];
