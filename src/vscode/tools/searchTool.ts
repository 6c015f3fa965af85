// The search tool: the ripgrep binary that VS Code ships (fast, honours .gitignore), with a plain
// JavaScript scan of the workspace file list when no ripgrep is found.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import type { ToolOutcome } from '../../common/agent/agentLoop';
import type { ToolArguments } from '../../common/tools/definitions';
import { globToRegExp } from '../../common/tools/glob';
import { failure } from './fileTools';
import { resolveToolPath, type ToolContext } from './toolContext';

const MAX_MATCHES = 200;
const MAX_MATCH_CHARS = 300;
const MAX_FILE_BYTES = 1024 * 1024;

let cachedRipgrep: string | null | undefined;

/**
 * The rg binary inside VS Code's install (desktop: node_modules.asar.unpacked; server builds: node_modules),
 * else one on the PATH (some server installs ship without it).
 */
export function findRipgrep(): string | undefined {
  if (cachedRipgrep === undefined) {
    const executable = process.platform === 'win32' ? 'rg.exe' : 'rg';
    const bundled = ['node_modules/@vscode/ripgrep/bin', 'node_modules.asar.unpacked/@vscode/ripgrep/bin'].map((folder) => join(vscode.env.appRoot, folder, executable));
    const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((folder) => join(folder, executable));
    cachedRipgrep = [...bundled, ...onPath].find((candidate) => existsSync(candidate)) ?? null;
  }
  return cachedRipgrep ?? undefined;
}

export async function search(context: ToolContext, args: ToolArguments<'search'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path?.trim() || '.', { folder: true });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  try {
    new RegExp(args.pattern);
  } catch (error) {
    return failure(`the pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)}).`, 'bad pattern');
  }
  const ripgrep = findRipgrep();
  const matches = ripgrep && context.root.scheme === 'file'
    ? await searchWithRipgrep(ripgrep, context, resolved.relative, args)
    : await searchWithJavaScript(context, resolved.relative, args);
  const shown = matches.slice(0, MAX_MATCHES);
  const more = matches.length > MAX_MATCHES ? `\n[More than ${MAX_MATCHES} matches; narrow the search with path or glob.]` : '';
  const files = new Set(shown.map((line) => line.slice(0, line.indexOf(':')))).size;
  return {
    content: shown.length ? `${shown.join('\n')}${more}` : `No matches for /${args.pattern}/.`,
    status: 'done',
    summary: matches.length > MAX_MATCHES ? `${MAX_MATCHES}+ matches` : `${shown.length} matches in ${files} files`,
  };
}

function excludedGlobs(): string[] {
  const excluded = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(excluded).filter(([, enabled]) => enabled === true).map(([glob]) => glob);
}

function searchWithRipgrep(rg: string, context: ToolContext, relative: string, args: ToolArguments<'search'>): Promise<string[]> {
  const rgArgs = ['--line-number', '--no-heading', '--color', 'never', '--max-columns', String(MAX_MATCH_CHARS), '--max-columns-preview', '--max-count', '50', '--max-filesize', '1M'];
  rgArgs.push(args.case_sensitive ? '--case-sensitive' : '--ignore-case');
  if (args.glob) rgArgs.push('--glob', args.glob);
  for (const glob of excludedGlobs()) rgArgs.push('--glob', `!${glob}`);
  rgArgs.push('-e', args.pattern, '--', relative);
  return new Promise((resolve) => {
    const child = spawn(rg, rgArgs, { cwd: context.root.fsPath, stdio: ['ignore', 'pipe', 'ignore'] });
    const lines: string[] = [];
    let buffer = '';
    const stop = () => child.kill();
    context.signal.addEventListener('abort', stop, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) lines.push(formatRipgrepLine(line));
      if (lines.length > MAX_MATCHES) child.kill();
    });
    child.on('close', () => {
      context.signal.removeEventListener('abort', stop);
      if (buffer) lines.push(formatRipgrepLine(buffer));
      resolve(lines);
    });
    child.on('error', () => resolve(lines));
  });
}

/** rg prints `path:line:text`; we print `path:line: text`, paths without a leading `./`. */
function formatRipgrepLine(line: string): string {
  const match = /^(?:\.\/)?(.*?):(\d+):(.*)$/.exec(line);
  return match ? `${match[1]}:${match[2]}: ${match[3]?.trim()}` : line;
}

/** Files read at once by the fallback: enough to hide file-system latency, few enough to stay light. */
const PARALLEL_READS = 32;

async function searchWithJavaScript(context: ToolContext, relative: string, args: ToolArguments<'search'>): Promise<string[]> {
  const prefix = relative === '.' ? '' : relative;
  const flags = args.case_sensitive ? '' : 'i';
  const anywhere = new RegExp(args.pattern, `${flags}m`);
  const perLine = new RegExp(args.pattern, flags);
  const glob = args.glob ? globToRegExp(args.glob) : undefined;
  const files = (await context.files.list()).filter(
    (path) => (!prefix || path === prefix || path.startsWith(`${prefix}/`)) && (!glob || glob.test(path)),
  );
  const results: string[] = [];
  for (let start = 0; start < files.length && results.length <= MAX_MATCHES && !context.signal.aborted; start += PARALLEL_READS) {
    const batch = files.slice(start, start + PARALLEL_READS);
    const texts = await Promise.all(batch.map((path) => readText(context, path)));
    batch.forEach((path, index) => {
      const text = texts[index];
      // Most files do not match: one test over the whole text is far cheaper than splitting every file into lines.
      if (text === undefined || results.length > MAX_MATCHES || !anywhere.test(text)) return;
      const lines = text.split(/\r?\n/);
      for (let line = 0; line < lines.length && results.length <= MAX_MATCHES; line++) {
        const content = lines[line] ?? '';
        if (perLine.test(content)) results.push(`${path}:${line + 1}: ${content.trim().slice(0, MAX_MATCH_CHARS)}`);
      }
    });
  }
  return results;
}

async function readText(context: ToolContext, path: string): Promise<string | undefined> {
  try {
    const uri = vscode.Uri.joinPath(context.root, path);
    const bytes = context.root.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_FILE_BYTES || bytes.includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
