// What every tool executor gets: the workspace root, path confinement, consent for sensitive files, and
// the way to ask the user about a call (its card in the chat shows Approve / Deny).
import { lstat, realpath, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ApprovalBroker } from '../../common/agent/approvals';
import type { TurnRecorder } from '../../common/conversations/turnRecorder';
import type { AssembledToolCall } from '../../common/llm/types';
import { checkRealPath, resolveWorkspacePath } from '../../common/tools/paths';
import { isDeniedWithoutConsent } from '../../common/tools/deniedFiles';
import type { Configuration } from '../configuration';
import type { ChangeReview } from '../review/changeReview';
import type { WorkspaceFiles } from '../workspace/workspaceFiles';

export interface ToolContext {
  root: vscode.Uri;
  files: WorkspaceFiles;
  configuration: Configuration;
  approvals: ApprovalBroker;
  recorder: TurnRecorder;
  review: ChangeReview;
  signal: AbortSignal;
}

export type ResolvedPath = { ok: true; uri: vscode.Uri; relative: string } | { ok: false; error: string };

/** Confines a model-given path to the workspace, following symlinks on disk so none leads outside. */
export async function resolveToolPath(context: ToolContext, requested: string, forWriting = false): Promise<ResolvedPath> {
  const lexical = resolveWorkspacePath(context.root.fsPath, requested);
  if (!lexical.ok) return { ok: false, error: `Refused path "${requested}": ${lexical.reason}. Use a path relative to the workspace root.` };
  const uri = lexical.relativePath === '.' ? context.root : vscode.Uri.joinPath(context.root, lexical.relativePath);
  if (context.root.scheme === 'file') {
    const real = await checkRealPath(realpath, context.root.fsPath, uri.fsPath, {
      isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
      ...(forWriting ? { linkCount: async (path: string) => (await stat(path)).nlink } : {}),
    });
    if (!real.ok) return { ok: false, error: `Refused path "${requested}": ${real.reason}.` };
  }
  return { ok: true, uri, relative: lexical.relativePath };
}

/** Sensitive files (.env, keys, .git internals) are read only when the user says yes for this call. */
export async function consentToSensitive(context: ToolContext, call: AssembledToolCall, relative: string): Promise<string | undefined> {
  const check = isDeniedWithoutConsent(relative);
  if (!check.denied) return undefined;
  const reason = check.reason;
  context.recorder.markAwaitingApproval(call, `sensitive file: ${reason}`);
  const approved = await context.approvals.ask(call.id, context.signal);
  return approved ? undefined : `Not read: ${relative} is a sensitive file (${reason}) and the user did not allow reading it.`;
}
