// What every tool executor gets: the workspace, the user's (never the workspace's) approval settings, the
// way to ask the user about a call (its card in the chat shows Approve / Deny), and path confinement.
import type { ApprovalBroker, ApprovalSubject } from '../agent/approvals';
import type { AssembledToolCall } from '../llm/types';
import type { Settings } from '../settings';
import type { BackgroundProcesses } from './backgroundProcesses';
import type { SensitiveConsents } from './consentGate';
import { confineToolPath, writeRefusal } from './toolPaths';
import type { Workspace } from './workspace';

export type ToolSettings = Pick<Settings, 'autoApprove.readOnlyTools' | 'autoApprove.edits' | 'autoApprove.commands' | 'commandAllowList'>;

/** The part of the turn recorder the tools drive: the card's state while a call waits or runs. */
export interface ToolCardUpdates {
  markAwaitingApproval(call: AssembledToolCall, summary?: string): void;
  onToolCall(call: AssembledToolCall, status: 'pending' | 'running'): void;
  /** How far a running call has got (an MCP server's progress), shown on its card. */
  onToolProgress?(call: AssembledToolCall, summary: string): void;
}

export interface ToolContext {
  workspace: Workspace;
  settings(): ToolSettings;
  approvals: ApprovalBroker;
  recorder: ToolCardUpdates;
  /** Sensitive files the user allowed the model to see, for the rest of the session. */
  consents: SensitiveConsents;
  signal: AbortSignal;
  /** Long-running commands (dev servers, watchers) of this conversation; absent where none can run. */
  background?: { processes: BackgroundProcesses; owner: string };
}

export type ResolvedPath =
  | { ok: true; relative: string; realRelative: string; absolutePath: string }
  | { ok: false; error: string };

export interface ResolveOptions {
  /** The file will be changed: hard links, the workspace folder itself and git internals are refused. */
  forWriting?: boolean;
  /** The path names a folder to work in (list, search, a command's cwd): the workspace root is fine. */
  folder?: boolean;
}

/** Confines a model-given path to the workspace, following links on disk so none leads outside. */
export async function resolveToolPath(context: ToolContext, requested: string, options: ResolveOptions = {}): Promise<ResolvedPath> {
  const { fileSystem } = context.workspace;
  const confined = await confineToolPath(context.workspace.rootPath, requested, {
    ...(fileSystem ? { fileSystem } : {}),
    ...(options.forWriting ? { forWriting: true } : {}),
    ...(options.folder ? { folder: true } : {}),
  });
  if (!confined.ok) return confined;
  if (options.forWriting) {
    const refusal = writeRefusal(confined);
    if (refusal) return { ok: false, error: `Refused path "${requested}": ${refusal}.` };
  }
  return { ok: true, relative: confined.relative, realRelative: confined.realRelative, absolutePath: confined.absolutePath };
}

/** Shows the card as waiting and asks the user; false on no, or when the turn is stopped first. */
export function askUser(context: ToolContext, call: AssembledToolCall, subject: ApprovalSubject, cardSummary: string): Promise<boolean> {
  context.recorder.markAwaitingApproval(call, cardSummary);
  return context.approvals.ask(call.id, context.signal, subject);
}

export function failure(content: string, summary: string): { content: string; status: 'error'; summary: string } {
  return { content: `Error: ${content}`, status: 'error', summary };
}
