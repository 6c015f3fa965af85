// Programs the extension runs itself (ripgrep, git): found in install folders or on the PATH, never in the
// workspace, since a PATH entry that is relative or lies inside the repository would run its own copy.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import type { SearchMatch, SearchRequest } from '../common/tools/workspace';

const MAX_COLUMNS = 300;

/** The first candidate binary that exists, from install folders first, then the absolute PATH entries outside the workspace. */
export function findExecutable(name: string, workspaceRoot: string, installFolders: readonly string[] = []): string | undefined {
  const executable = process.platform === 'win32' ? `${name}.exe` : name;
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((folder) => folder && isAbsolute(folder) && !isInside(workspaceRoot, folder));
  return [...installFolders, ...onPath].map((folder) => join(folder, executable)).find((candidate) => existsSync(candidate));
}

function isInside(root: string, folder: string): boolean {
  if (!root) return false;
  const path = relative(root, folder);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export function searchWithRipgrep(rg: string, root: string, request: SearchRequest, excludedGlobs: readonly string[], signal: AbortSignal): Promise<SearchMatch[]> {
  const args = ['--line-number', '--no-heading', '--color', 'never', '--no-config', '--max-columns', String(MAX_COLUMNS), '--max-columns-preview', '--max-count', '50', '--max-filesize', '1M'];
  args.push(request.caseSensitive ? '--case-sensitive' : '--ignore-case');
  if (request.glob) args.push('--glob', request.glob);
  for (const glob of excludedGlobs) args.push('--glob', `!${glob}`);
  args.push('-e', request.pattern, '--', request.path);
  return new Promise((resolve) => {
    // No RIPGREP_CONFIG_PATH: a config file could add flags such as --pre, which runs a program per file.
    const env = { ...process.env };
    delete env.RIPGREP_CONFIG_PATH;
    const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], env });
    const matches: SearchMatch[] = [];
    let buffer = '';
    const stop = () => child.kill();
    signal.addEventListener('abort', stop, { once: true });
    const take = (line: string) => {
      const match = /^(?:\.\/)?(.*?):(\d+):(.*)$/.exec(line);
      if (match) matches.push({ path: (match[1] ?? '').replace(/\\/g, '/'), line: Number(match[2]), text: match[3] ?? '' });
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) take(line);
      if (matches.length > request.maxMatches) child.kill();
    });
    child.on('close', () => {
      signal.removeEventListener('abort', stop);
      if (buffer) take(buffer);
      resolve(matches);
    });
    child.on('error', () => resolve(matches));
  });
}
