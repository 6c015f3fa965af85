// run_command: runs only after the user approves, unless the user's (never the workspace's) allow-list
// vouches for the whole line, in the grammar of the shell that runs it, in the workspace root. Output is
// kept as head and tail when long, with a time limit; Stop kills the whole process group.
import type { ToolOutcome } from '../../agent/agentLoop';
import type { AssembledToolCall } from '../../llm/types';
import { checkCommandApproval, type CommandApproval } from '../commandPolicy';
import { analyzeCommand } from '../commandScanner';
import { OutputCollector } from '../commandOutput';
import type { ToolArguments } from '../definitions';
import { askUser, failure, resolveToolPath, type ToolContext, type ToolSettings } from '../toolContext';
import type { SpawnResult, Workspace } from '../workspace';
import { startInBackground } from './backgroundTools';

export const COMMAND_TIMEOUT_MS = 120_000;

export async function runCommand(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'run_command'>): Promise<ToolOutcome> {
  if (context.workspace.shell === 'none') return failure('commands need a workspace on the local file system.', 'unavailable');
  const cwd = await resolveToolPath(context, args.cwd?.trim() || '.', { folder: true });
  if (!cwd.ok) return failure(cwd.error, 'refused');
  const decision = await shadowedOnWindows(context.workspace, commandDecision(context.workspace, context.settings(), args.command, cwd.relative), args.command, context.settings());
  if (!decision.allowed) {
    const approved = await askUser(context, call, { kind: 'command', subject: args.command, reason: decision.reason }, 'waiting for your approval');
    if (!approved) {
      return { content: `The user did not allow running: ${args.command}. Do not run it another way; ask the user or continue without it.`, status: 'rejected', summary: 'denied' };
    }
  }
  // The loop shows the call as running before this tool starts: a Stop pressed while the path resolved
  // has already fired its abort event, which a listener added later would never hear. Start nothing then.
  if (context.signal.aborted) return { content: `$ ${args.command}\n(not run: stopped by the user)`, status: 'error', summary: 'stopped by the user' };
  context.recorder.onToolCall(call, 'running');
  if (args.background) return startInBackground(context, args, cwd.absolutePath);
  const output = new OutputCollector();
  const cleanShell = decision.allowed && !context.settings()['autoApprove.commands'];
  const result = await context.workspace.spawn({ command: args.command, cwd: cwd.relative, timeoutMs: COMMAND_TIMEOUT_MS, onOutput: (chunk) => output.add(chunk), cleanShell }, context.signal);
  if (result.startError) output.add(`\n${result.startError}`);
  const status = result.timedOut
    ? `timed out after ${COMMAND_TIMEOUT_MS / 1000} s`
    : result.cancelled || context.signal.aborted
      ? 'stopped by the user'
      : `exit code ${result.exitCode ?? 'unknown'}`;
  const lines = `${output.lineCount} ${output.lineCount === 1 ? 'line' : 'lines'}${output.truncated ? ', truncated' : ''}`;
  return {
    content: `$ ${args.command}\n(${status}; ${lines})\n${output.text() || '(no output)'}`,
    status: result.exitCode === 0 ? 'done' : 'error',
    summary: [status, lines, whereItRan(result)].filter(Boolean).join(' · '),
  };
}

/** The card says when a command did not run in the terminal the user sees, and why. */
function whereItRan(result: SpawnResult): string | undefined {
  if (result.ranIn === 'terminal') return 'in the Kimi terminal';
  return result.terminalFallback ? `not in a terminal: ${result.terminalFallback}` : undefined;
}

/**
 * Whether a command may run without asking. "Run any command" (user setting) always may; otherwise the
 * allow-list may vouch for it only in the workspace root (another folder has other scripts and git config)
 * and only in the grammar of the shell that will read it.
 */
export function commandDecision(workspace: Pick<Workspace, 'shell'>, settings: ToolSettings, command: string, cwd: string): CommandApproval {
  if (settings['autoApprove.commands']) return { allowed: true };
  if (workspace.shell === 'none') return { allowed: false, reason: 'commands cannot run here' };
  if (cwd !== '.') return { allowed: false, reason: `the allow-list applies only in the workspace root, not in ${cwd}` };
  return checkCommandApproval(command, settings.commandAllowList, { shell: workspace.shell });
}

/** cmd.exe runs a program from the current folder before the PATH: "npm test" would run the workspace's own npm.bat. */
const WINDOWS_PROGRAM_EXTENSIONS = ['', '.com', '.exe', '.bat', '.cmd'];

async function shadowedOnWindows(workspace: Workspace, decision: CommandApproval, command: string, settings: ToolSettings): Promise<CommandApproval> {
  if (!decision.allowed || workspace.shell !== 'windows' || settings['autoApprove.commands']) return decision;
  for (const part of analyzeCommand(command).parts) {
    const program = part.words[0];
    if (!program || /[\\/:]/.test(program)) continue;
    for (const extension of WINDOWS_PROGRAM_EXTENSIONS) {
      const shadow = `${program}${extension}`;
      if ((await workspace.stat(shadow))?.kind === 'file') {
        return { allowed: false, reason: `the workspace has its own ${shadow}, which cmd.exe would run instead of the one on the PATH` };
      }
    }
  }
  return decision;
}
