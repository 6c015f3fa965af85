// What every tool executor gets: the workspace root, path confinement, consent for sensitive files, and
// the way to ask the user about a call (its card in the chat shows Approve / Deny).
import { lstat, realpath, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ApprovalBroker } from '../../common/agent/approvals';
import type { TurnRecorder } from '../../common/conversations/turnRecorder';
import type { AssembledToolCall } from '../../common/llm/types';
import { confineToolPath, sensitiveToolPath, writeRefusal, type ToolPathFileSystem } from '../../common/tools/toolPaths';
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

export type ResolvedPath = { ok: true; uri: vscode.Uri; relative: string; realRelative: string } | { ok: false; error: string };

const localFileSystem: ToolPathFileSystem = {
  realpath,
  isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
  linkCount: async (path) => (await stat(path)).nlink,
};

export interface ResolveOptions {
  /** The file will be changed: hard links, the workspace folder itself and git internals are refused. */
  forWriting?: boolean;
  /** The path names a folder to work in (list, search, a command's cwd): the workspace root is fine. */
  folder?: boolean;
}

/** Confines a model-given path to the workspace, following symlinks on disk so none leads outside. */
export async function resolveToolPath(context: ToolContext, requested: string, options: ResolveOptions = {}): Promise<ResolvedPath> {
  const local = context.root.scheme === 'file';
  const confined = await confineToolPath(context.root.fsPath, requested, {
    ...(local ? { fileSystem: localFileSystem } : {}),
    ...(options.forWriting ? { forWriting: true } : {}),
    ...(options.folder ? { folder: true } : {}),
  });
  if (!confined.ok) return confined;
  if (options.forWriting) {
    const refusal = writeRefusal(confined);
    if (refusal) return { ok: false, error: `Refused path "${requested}": ${refusal}.` };
  }
  const uri = confined.relative === '.' ? context.root : vscode.Uri.joinPath(context.root, confined.relative);
  return { ok: true, uri, relative: confined.relative, realRelative: confined.realRelative };
}

/** Sensitive files (.env, keys, .git internals) are read only when the user says yes for this call. */
export async function consentToSensitive(context: ToolContext, call: AssembledToolCall, path: { relative: string; realRelative: string }): Promise<string | undefined> {
  const relative = path.relative;
  const check = sensitiveToolPath(path);
  if (!check.denied) return undefined;
  const reason = check.reason;
  context.recorder.markAwaitingApproval(call, `sensitive file: ${reason}`);
  const approved = await context.approvals.ask(call.id, context.signal);
  return approved ? undefined : `Not read: ${relative} is a sensitive file (${reason}) and the user did not allow reading it.`;
}
