// The product's tools for the suite: the real executors of src/common/tools on the real Node workspace of
// src/node. Only the person is simulated (an approval broker that answers each card as the case says) and,
// where a case chooses, what a command does (a recorder instead of a process).
import type { AgentTools } from '../../../src/common/agent/agentLoop';
import { ApprovalBroker, type ApprovalSubject } from '../../../src/common/agent/approvals';
import type { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import type { BackgroundProcesses } from '../../../src/common/tools/backgroundProcesses';
import { SensitiveConsents } from '../../../src/common/tools/consentGate';
import type { ToolSettings } from '../../../src/common/tools/toolContext';
import { createToolSet } from '../../../src/common/tools/toolSet';
import type { SpawnRequest, SpawnResult } from '../../../src/common/tools/workspace';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';
import { runProcess } from '../../../src/node/processRunner';
import { defaultSettings } from '../../../src/common/settings';

export type UserAnswer = 'approve' | 'deny' | 'wait';

export interface ApprovalRequest extends ApprovalSubject {
  callId: string;
}

/** The person at the keyboard: answers each approval card (or leaves it waiting). */
export type SimulatedUser = (request: ApprovalRequest) => UserAnswer;

/** What a command does in a case: `null` runs the real process (the product's runner). */
export type CommandRunner = ((request: SpawnRequest & { absoluteCwd: string }, signal: AbortSignal) => Promise<SpawnResult>) & { commands?: string[] };

export interface NodeToolContext {
  root: string;
  recorder: Pick<TurnRecorder, 'markAwaitingApproval' | 'onToolCall'>;
  signal: AbortSignal;
  user: SimulatedUser;
  /** The user's settings; anything not given is the default. */
  settings?: Partial<ToolSettings>;
  runner?: CommandRunner;
  /** Every approval the tools asked for, in order. */
  approvalRequests: ApprovalRequest[];
  readOnly?: boolean;
  shell?: 'posix' | 'windows';
  /** Background processes (run_command with background), owned by this conversation id. */
  background?: { processes: BackgroundProcesses; owner: string };
}

/** An approval broker whose questions the simulated user answers. */
export class SimulatedApprovals extends ApprovalBroker {
  constructor(
    private readonly user: SimulatedUser,
    private readonly log: ApprovalRequest[],
  ) {
    super();
  }

  override ask(toolCallId: string, signal: AbortSignal, subject?: ApprovalSubject): Promise<boolean> {
    const request: ApprovalRequest = { callId: toolCallId, kind: subject?.kind ?? 'command', subject: subject?.subject ?? '', ...(subject?.reason ? { reason: subject.reason } : {}) };
    this.log.push(request);
    const answer = super.ask(toolCallId, signal, subject);
    const decision = this.user(request);
    if (decision !== 'wait') setImmediate(() => this.answer(toolCallId, decision === 'approve'));
    return answer;
  }
}

export function createNodeTools(context: NodeToolContext, approvals?: ApprovalBroker): AgentTools {
  const settings: ToolSettings = {
    'autoApprove.readOnlyTools': defaultSettings['autoApprove.readOnlyTools'],
    'autoApprove.edits': defaultSettings['autoApprove.edits'],
    'autoApprove.commands': defaultSettings['autoApprove.commands'],
    commandAllowList: defaultSettings.commandAllowList,
    ...context.settings,
  };
  const workspace = new NodeWorkspace(context.root, { ...(context.runner ? { spawn: context.runner } : {}), ...(context.shell ? { shell: context.shell } : {}) });
  return createToolSet(
    {
      workspace,
      settings: () => settings,
      approvals: approvals ?? new SimulatedApprovals(context.user, context.approvalRequests),
      recorder: context.recorder,
      consents: new SensitiveConsents(),
      signal: context.signal,
      ...(context.background ? { background: context.background } : {}),
    },
    { readOnly: context.readOnly ?? false },
  );
}

/** Records what would run, runs nothing: for cases where the command itself does not matter. */
export function recordingRunner(): CommandRunner & { commands: string[] } {
  const commands: string[] = [];
  const runner = async (request: SpawnRequest) => {
    commands.push(request.command);
    request.onOutput('(recorded, not run)');
    return { exitCode: 0, timedOut: false, cancelled: false };
  };
  return Object.assign(runner, { commands });
}

/** The product's own process runner, with the process ids it started kept for the case to check. */
export function spawningRunner(): CommandRunner & { pids: number[] } {
  const pids: number[] = [];
  const runner = (request: SpawnRequest & { absoluteCwd: string }, signal: AbortSignal) =>
    runProcess({ command: request.command, cwd: request.absoluteCwd, timeoutMs: request.timeoutMs, onOutput: request.onOutput, onStart: (pid) => pids.push(pid) }, signal);
  return Object.assign(runner, { pids });
}
