// Background commands: run_command with `background: true` (after the same approval as any command) starts
// a process that outlives the call; read_process_output and stop_process act only on processes this
// conversation started, named by the ids handed out here.
import type { ToolOutcome } from '../../agent/agentLoop';
import type { BackgroundProcessInfo, BackgroundStart } from '../backgroundProcesses';
import type { ToolArguments } from '../definitions';
import { failure, type ToolContext } from '../toolContext';

/** How long a background start waits for its ready line before it returns with the process still running. */
export const READY_TIMEOUT_MS = 60_000;

const UNAVAILABLE = 'background processes cannot run here.';

export async function startInBackground(context: ToolContext, args: ToolArguments<'run_command'>, cwd: string): Promise<ToolOutcome> {
  const background = context.background;
  if (!background) return failure(UNAVAILABLE, 'unavailable');
  let readyPattern: RegExp | undefined;
  if (args.ready_pattern) {
    try {
      readyPattern = new RegExp(args.ready_pattern);
    } catch (error) {
      return failure(`ready_pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)}). Nothing was started.`, 'invalid call');
    }
  }
  const started = await background.processes.start({ command: args.command, cwd, owner: background.owner, readyTimeoutMs: READY_TIMEOUT_MS, ...(readyPattern ? { readyPattern } : {}) }, context.signal);
  const status = startStatus(started);
  return {
    content: `$ ${args.command}\n(${status})\n${started.output || '(no output yet)'}`,
    status: started.info.state === 'running' ? 'done' : started.info.exitCode === 0 ? 'done' : 'error',
    summary: status,
  };
}

export async function readProcessOutput(context: ToolContext, args: ToolArguments<'read_process_output'>): Promise<ToolOutcome> {
  const read = context.background?.processes.read(args.id, context.background.owner);
  if (!read) return unknownProcess(context, args.id);
  const status = stateLine(read.info);
  return { content: `$ ${read.info.command}\n(${status}; ${read.lineCount} new lines)\n${read.output || '(no new output)'}`, status: 'done', summary: `${status}, ${read.lineCount} new lines` };
}

export async function stopProcess(context: ToolContext, args: ToolArguments<'stop_process'>): Promise<ToolOutcome> {
  const info = await context.background?.processes.stop(args.id, context.background.owner);
  if (!info) return unknownProcess(context, args.id);
  const status = stateLine(info);
  return { content: `$ ${info.command}\n(${status})`, status: 'done', summary: status };
}

function unknownProcess(context: ToolContext, id: string): ToolOutcome {
  if (!context.background) return failure(UNAVAILABLE, 'unavailable');
  const own = context.background.processes.list().filter((info) => info.owner === context.background?.owner).map((info) => info.id);
  return failure(`no background process "${id}" of this conversation. Its processes: ${own.length ? own.join(', ') : 'none'}.`, 'unknown process');
}

function startStatus(started: BackgroundStart): string {
  const { info } = started;
  if (started.startError) return `could not start: ${started.startError}`;
  switch (started.reason) {
    case 'ready':
      return `running in the background as ${info.id} (process ${info.pid}); the ready line appeared`;
    case 'started':
      return `running in the background as ${info.id} (process ${info.pid})`;
    case 'ready-timeout':
      return `running in the background as ${info.id} (process ${info.pid}); no line matched ready_pattern within ${READY_TIMEOUT_MS / 1000} s`;
    case 'cancelled':
      return `stopped by the user before it was ready`;
    case 'exited':
      return `ended before it was ready: ${stateLine(info)}`;
  }
}

export function stateLine(info: BackgroundProcessInfo): string {
  if (info.state === 'running') return `${info.id} is running (process ${info.pid})`;
  if (info.state === 'stopped') return `${info.id} was stopped`;
  return `${info.id} exited with code ${info.exitCode ?? 'unknown'}`;
}
