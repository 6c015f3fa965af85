// The workspace tools of src/vscode/tools rebuilt on node:fs for the suite: the same definitions, argument
// parsing, path confinement, consent for sensitive files, approval flow, edit computation and command policy
// (all the real src/common modules). Only VS Code itself is replaced: documents by files, the diff review by
// a simulated user, the terminal by a command runner the case chooses.
import { spawn } from 'node:child_process';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { AgentTools, ToolOutcome } from '../../../src/common/agent/agentLoop';
import type { ApprovalBroker } from '../../../src/common/agent/approvals';
import type { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import { checkFullFileWrite, computeEdit, computeHunks, formatEditOutcome, summarizeHunks } from '../../../src/common/edits/index';
import type { AssembledToolCall } from '../../../src/common/llm/types';
import { isAllowedWithoutAsking } from '../../../src/common/tools/commandPolicy';
import { allToolNames, parseToolCall, readOnlyTools, toolDefinitions, type ToolArguments } from '../../../src/common/tools/definitions';
import { confineToolPath, sensitiveToolPath, writeRefusal, type ToolPathFileSystem } from '../../../src/common/tools/toolPaths';
import { acceptOnDisk } from './review';

export type UserAnswer = 'approve' | 'deny' | 'wait';

export interface ApprovalRequest {
  callId: string;
  tool: string;
  kind: 'command' | 'sensitive' | 'change';
  subject: string;
}

/** The person at the keyboard: answers each approval card (or leaves it waiting). */
export type SimulatedUser = (request: ApprovalRequest) => UserAnswer;

export interface CommandRun {
  exitCode: number | null;
  output: string;
}

export interface CommandRunner {
  run(command: string, cwd: string, signal: AbortSignal): Promise<CommandRun>;
}

export interface NodeToolContext {
  root: string;
  approvals: ApprovalBroker;
  recorder: TurnRecorder;
  signal: AbortSignal;
  user: SimulatedUser;
  commandAllowList: readonly string[];
  runner: CommandRunner;
  /** Every approval the tools asked for, in order. */
  approvalRequests: ApprovalRequest[];
}

export const nodeFileSystem: ToolPathFileSystem = {
  realpath: (path) => realpath(path),
  isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
  linkCount: async (path) => (await stat(path)).nlink,
};

export function createNodeTools(context: NodeToolContext): AgentTools {
  const definitions = toolDefinitions(allToolNames);
  return {
    definitions: () => definitions,
    isReadOnly: (name) => readOnlyTools.has(name),
    describeTarget,
    execute: async (call) => {
      const parsed = parseToolCall(call.name, call.arguments);
      if (!parsed.ok) return { content: `Error: ${parsed.error}`, status: 'error', summary: 'invalid call' };
      switch (parsed.call.name) {
        case 'read_file':
          return readTool(context, call, parsed.call.args);
        case 'list_files':
          return listTool(context, parsed.call.args);
        case 'edit_file':
          return editTool(context, call, parsed.call.args);
        case 'write_file':
          return writeTool(context, call, parsed.call.args);
        case 'run_command':
          return commandTool(context, call, parsed.call.args);
        case 'search':
        case 'get_diagnostics':
          return failure(`${call.name} needs VS Code and is not part of the fault suite.`, 'unavailable');
      }
    },
  };
}

function describeTarget(call: AssembledToolCall): string {
  const args = (call.arguments ?? {}) as Record<string, unknown>;
  const pick = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
  return (pick('path') ?? pick('pattern') ?? pick('command') ?? '').slice(0, 200);
}

function failure(content: string, summary: string): ToolOutcome {
  return { content: `Error: ${content}`, status: 'error', summary };
}

/** Shows the card as awaiting approval, asks the simulated user, and waits for the answer (or Stop). */
async function ask(context: NodeToolContext, call: AssembledToolCall, request: Omit<ApprovalRequest, 'callId' | 'tool'>, cardSummary: string): Promise<boolean> {
  const full: ApprovalRequest = { callId: call.id, tool: call.name, ...request };
  context.approvalRequests.push(full);
  context.recorder.markAwaitingApproval(call, cardSummary);
  const answer = context.approvals.ask(call.id, context.signal);
  const decision = context.user(full);
  if (decision !== 'wait') setImmediate(() => context.approvals.answer(call.id, decision === 'approve'));
  return answer;
}

async function readTool(context: NodeToolContext, call: AssembledToolCall, args: ToolArguments<'read_file'>): Promise<ToolOutcome> {
  const resolved = await confineToolPath(context.root, args.path, { fileSystem: nodeFileSystem });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const sensitive = sensitiveToolPath(resolved);
  if (sensitive.denied) {
    const allowed = await ask(context, call, { kind: 'sensitive', subject: resolved.relative }, `sensitive file: ${sensitive.reason}`);
    if (!allowed) {
      return { content: `Not read: ${resolved.relative} is a sensitive file (${sensitive.reason}) and the user did not allow reading it.`, status: 'rejected', summary: 'not allowed' };
    }
  }
  const info = await stat(resolved.absolutePath).catch(() => undefined);
  if (!info) return failure(`${resolved.relative} does not exist. Use list_files or search to find the right path.`, 'not found');
  if (info.isDirectory()) return failure(`${resolved.relative} is a folder. Use list_files to see its contents.`, 'is a folder');
  const text = await readFile(resolved.absolutePath, 'utf8');
  if (text.includes('\u0000')) return failure(`${resolved.relative} is a binary file.`, 'binary');
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const first = Math.max(1, args.offset ?? 1);
  const shown = lines.slice(first - 1, first - 1 + (args.limit ?? 2000));
  const numbered = shown.map((line, index) => `${String(first + index).padStart(6)}| ${line}`);
  return { content: `${resolved.relative} (${lines.length} lines)\n${numbered.join('\n')}`, status: 'done', summary: `${lines.length} lines` };
}

async function listTool(context: NodeToolContext, args: ToolArguments<'list_files'>): Promise<ToolOutcome> {
  const resolved = await confineToolPath(context.root, args.path?.trim() || '.', { fileSystem: nodeFileSystem, folder: true });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const entries = await readdir(resolved.absolutePath, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return failure(`${resolved.relative} does not exist.`, 'not found');
  const names = entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
  return { content: names.join('\n'), status: 'done', summary: `${names.length} entries` };
}

async function writableTarget(context: NodeToolContext, requested: string) {
  const resolved = await confineToolPath(context.root, requested, { fileSystem: nodeFileSystem, forWriting: true });
  if (!resolved.ok) return resolved;
  const refusal = writeRefusal(resolved);
  return refusal ? { ok: false as const, error: refusal } : resolved;
}

async function editTool(context: NodeToolContext, call: AssembledToolCall, args: ToolArguments<'edit_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, args.path);
  if (!target.ok) return failure(target.error, 'refused');
  const current = await readFile(target.absolutePath, 'utf8').catch(() => undefined);
  if (current === undefined) {
    if (args.old_string !== '') return failure(`${target.relative} does not exist. To create it, call write_file.`, 'not found');
    return propose(context, call, { path: target.absolutePath, relative: target.relative, baseText: '', proposedText: args.new_string, isNewFile: true });
  }
  const outcome = computeEdit(current, { oldString: args.old_string, newString: args.new_string, replaceAll: args.replace_all ?? false });
  if (!outcome.ok) return { content: formatEditOutcome(target.relative, outcome), status: 'error', summary: outcome.reason.replace(/-/g, ' ') };
  return propose(context, call, { path: target.absolutePath, relative: target.relative, baseText: current, proposedText: outcome.text, isNewFile: false });
}

async function writeTool(context: NodeToolContext, call: AssembledToolCall, args: ToolArguments<'write_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, args.path);
  if (!target.ok) return failure(target.error, 'refused');
  const current = await readFile(target.absolutePath, 'utf8').catch(() => undefined);
  const guard = checkFullFileWrite(args.content, { path: target.relative, ...(current !== undefined ? { existingContent: current } : {}) });
  if (!guard.ok) return { content: `Error: ${guard.message}`, status: 'error', summary: guard.reason };
  const proposed = current === undefined ? args.content : matchLineEndings(args.content, current);
  if (current === proposed) return { content: `${target.relative} already has exactly this content; nothing to change.`, status: 'done', summary: 'no change' };
  return propose(context, call, { path: target.absolutePath, relative: target.relative, baseText: current ?? '', proposedText: proposed, isNewFile: current === undefined });
}

/** A full-file write keeps the file's line-ending style (the model writes LF), as editTools.ts does. */
function matchLineEndings(content: string, existing: string): string {
  const normalized = content.replace(/\r\n/g, '\n');
  return existing.includes('\r\n') ? normalized.replace(/\n/g, '\r\n') : normalized;
}

interface Proposal {
  path: string;
  relative: string;
  baseText: string;
  proposedText: string;
  isNewFile: boolean;
}

async function propose(context: NodeToolContext, call: AssembledToolCall, proposal: Proposal): Promise<ToolOutcome> {
  const summary = summarizeHunks(computeHunks(proposal.baseText, proposal.proposedText));
  const approved = await ask(context, call, { kind: 'change', subject: proposal.relative }, `${summary.label}, awaiting review`);
  if (context.signal.aborted) {
    return { content: `The user rejected the change to ${proposal.relative}; the file is unchanged. Reason: The user stopped the request.`, status: 'rejected', summary: 'rejected' };
  }
  if (!approved) return { content: `The user rejected the change to ${proposal.relative}; the file is unchanged.`, status: 'rejected', summary: 'rejected' };
  const outcome = await acceptOnDisk(proposal.path, proposal.baseText, proposal.proposedText, proposal.isNewFile);
  if (outcome.kind === 'conflict') {
    return { content: `Not applied: ${proposal.relative} changed while the proposal waited for review (${outcome.detail}).`, status: 'error', summary: 'conflict: file changed' };
  }
  return { content: `The user accepted the change to ${proposal.relative}.`, status: 'done', summary: 'accepted' };
}

async function commandTool(context: NodeToolContext, call: AssembledToolCall, args: ToolArguments<'run_command'>): Promise<ToolOutcome> {
  const cwd = await confineToolPath(context.root, args.cwd?.trim() || '.', { fileSystem: nodeFileSystem, folder: true });
  if (!cwd.ok) return failure(cwd.error, 'refused');
  if (!isAllowedWithoutAsking(args.command, context.commandAllowList)) {
    const approved = await ask(context, call, { kind: 'command', subject: args.command }, 'waiting for your approval');
    if (!approved) {
      return { content: `The user did not allow running: ${args.command}. Do not run it another way; ask the user or continue without it.`, status: 'rejected', summary: 'denied' };
    }
  }
  context.recorder.onToolCall(call, 'running');
  const result = await context.runner.run(args.command, cwd.absolutePath, context.signal);
  const status = context.signal.aborted ? 'stopped by the user' : `exit code ${result.exitCode ?? 'unknown'}`;
  return { content: `$ ${args.command}\n(${status})\n${result.output || '(no output)'}`, status: result.exitCode === 0 ? 'done' : 'error', summary: status };
}

/** Records what would run, runs nothing: for cases where the command itself does not matter. */
export function recordingRunner(): CommandRunner & { commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    run: async (command) => {
      commands.push(command);
      return { exitCode: 0, output: '(recorded, not run)' };
    },
  };
}

/** Really runs the command in its own process group and kills the group on Stop, like commandTool.ts. */
export function spawningRunner(): CommandRunner & { pids: number[] } {
  const pids: number[] = [];
  return {
    pids,
    run: (command, cwd, signal) =>
      new Promise((resolve) => {
        const child = spawn(command, { cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        if (child.pid !== undefined) pids.push(child.pid);
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        const kill = () => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        };
        signal.addEventListener('abort', kill, { once: true });
        child.on('close', (exitCode) => {
          signal.removeEventListener('abort', kill);
          resolve({ exitCode, output: output.trimEnd() });
        });
      }),
  };
}
