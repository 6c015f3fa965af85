// run_command: runs only after the user approves, unless every part of the command line is on the user's
// allow-list. Output is captured (head and tail when long), with a time limit; Stop kills the whole process group.
import { spawn } from 'node:child_process';
import type { ToolOutcome } from '../../common/agent/agentLoop';
import type { AssembledToolCall } from '../../common/llm/types';
import { isAllowedWithoutAsking } from '../../common/tools/commandPolicy';
import type { ToolArguments } from '../../common/tools/definitions';
import { failure } from './fileTools';
import { resolveToolPath, type ToolContext } from './toolContext';

const TIMEOUT_MS = 120_000;
const HEAD_CHARS = 2_000;
const TAIL_CHARS = 16_000;

export async function runCommand(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'run_command'>): Promise<ToolOutcome> {
  if (context.root.scheme !== 'file') return failure('commands need a workspace on the local file system.', 'unavailable');
  const cwd = await resolveToolPath(context, args.cwd?.trim() || '.', { folder: true });
  if (!cwd.ok) return failure(cwd.error, 'refused');
  const settings = context.configuration.settings;
  const allowed = settings['autoApprove.commands'] || isAllowedWithoutAsking(args.command, settings.commandAllowList);
  if (!allowed) {
    context.recorder.markAwaitingApproval(call, 'waiting for your approval');
    const approved = await context.approvals.ask(call.id, context.signal);
    if (!approved) {
      return { content: `The user did not allow running: ${args.command}. Do not run it another way; ask the user or continue without it.`, status: 'rejected', summary: 'denied' };
    }
  }
  // The loop shows the call as running before this tool starts: a Stop pressed while the path resolved
  // has already fired its abort event, which a listener added later would never hear. Start nothing then.
  if (context.signal.aborted) return { content: `$ ${args.command}\n(not run: stopped by the user)`, status: 'error', summary: 'stopped by the user' };
  context.recorder.onToolCall(call, 'running');
  const result = await execute(args.command, cwd.uri.fsPath, context.signal);
  const status = result.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : result.cancelled ? 'stopped by the user' : `exit code ${result.exitCode ?? 'unknown'}`;
  return {
    content: `$ ${args.command}\n(${status})\n${result.output || '(no output)'}`,
    status: result.exitCode === 0 ? 'done' : 'error',
    summary: status,
  };
}

interface CommandResult {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  cancelled: boolean;
}

function execute(command: string, cwd: string, signal: AbortSignal): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let head = '';
    let tail = '';
    let dropped = 0;
    let timedOut = false;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (head.length < HEAD_CHARS) {
        const room = HEAD_CHARS - head.length;
        head += text.slice(0, room);
        tail += text.slice(room);
      } else {
        tail += text;
      }
      if (tail.length > TAIL_CHARS * 2) {
        dropped += tail.length - TAIL_CHARS;
        tail = tail.slice(-TAIL_CHARS);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, TIMEOUT_MS);
    signal.addEventListener('abort', kill, { once: true });
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      if (tail.length > TAIL_CHARS) {
        dropped += tail.length - TAIL_CHARS;
        tail = tail.slice(-TAIL_CHARS);
      }
      const output = dropped > 0 ? `${head}\n[... ${dropped} characters of output omitted ...]\n${tail}` : head + tail;
      resolve({ exitCode, output: output.trimEnd(), timedOut, cancelled: signal.aborted });
    };
    child.on('close', finish);
    child.on('error', (error) => {
      tail += `\n${error.message}`;
      finish(null);
    });
  });
}
