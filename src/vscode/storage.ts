// Where conversations live: the extension's global storage, one folder per workspace (keyed by a hash of
// its location), so history follows the workspace and is never written into the user's repository.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

export function conversationsFolder(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.globalStorageUri, 'conversations', workspaceKey()).fsPath;
}

/** The checkpoint journals (copies of files before the agent changed them), beside the conversations. */
export function checkpointsFolder(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.globalStorageUri, 'checkpoints', workspaceKey()).fsPath;
}

function workspaceKey(): string {
  const workspace = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return workspace ? createHash('sha256').update(workspace.toString()).digest('hex').slice(0, 16) : 'no-workspace';
}
