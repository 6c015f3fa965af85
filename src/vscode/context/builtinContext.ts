// The built-in mentions: workspace problems, open editors, and the uncommitted git diff.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { findExecutable } from '../../node/executables';

const MAX_PROBLEMS = 200;

export function readDiagnostics(filter?: vscode.Uri): string {
  const lines: string[] = [];
  const entries = filter ? [[filter, vscode.languages.getDiagnostics(filter)] as const] : vscode.languages.getDiagnostics();
  for (const [uri, diagnostics] of entries) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity > vscode.DiagnosticSeverity.Warning) continue;
      const severity = diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning';
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const origin = [diagnostic.source, code].filter((part) => part !== undefined && part !== '').join(' ');
      const where = `${vscode.workspace.asRelativePath(uri, false)}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
      lines.push(`${where} ${severity}: ${diagnostic.message}${origin ? ` (${origin})` : ''}`);
      if (lines.length >= MAX_PROBLEMS) return `${lines.join('\n')}\n(more problems not shown)`;
    }
  }
  return lines.join('\n');
}

export function readOpenEditors(): string {
  const paths = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText) paths.add(vscode.workspace.asRelativePath(tab.input.uri, false));
    }
  }
  return [...paths].join('\n');
}

/**
 * A repository's own git config (a folder unpacked from an archive brings its .git/config) can name programs
 * that git runs: an fsmonitor hook, external diff drivers, textconv filters, a pager. They are switched off
 * here, git is never looked up in the workspace, and nothing runs in a workspace the user has not trusted.
 */
const GIT_WITHOUT_REPOSITORY_PROGRAMS = [
  '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '-c', 'diff.external=',
  '-c', 'core.sshCommand=', '-c', 'protocol.allow=never', '-c', 'core.untrackedCache=false',
];

export function readGitDiff(root: vscode.Uri | undefined): Promise<string> {
  if (!root || root.scheme !== 'file') return Promise.resolve('No local git repository.');
  if (!vscode.workspace.isTrusted) return Promise.resolve('git is not run in a restricted workspace: trust the folder to attach its diff.');
  const git = findExecutable('git', root.fsPath);
  if (!git) return Promise.resolve('git was not found on the PATH.');
  const args = [...GIT_WITHOUT_REPOSITORY_PROGRAMS, 'diff', 'HEAD', '--no-color', '--no-ext-diff', '--no-textconv'];
  const env = { ...process.env, GIT_PAGER: 'cat', GIT_EXTERNAL_DIFF: '', GIT_TERMINAL_PROMPT: '0' };
  return new Promise((resolve) => {
    execFile(git, args, { cwd: root.fsPath, timeout: 5000, maxBuffer: 4 * 1024 * 1024, env }, (error, stdout) => {
      if (error) resolve(`git diff failed: ${error.message.split('\n')[0]}`);
      else resolve(stdout || 'No uncommitted changes.');
    });
  });
}
