// The read-only file tools: read_file (numbered lines, in pages), list_files, get_diagnostics.
import * as vscode from 'vscode';
import type { ToolOutcome } from '../../common/agent/agentLoop';
import type { AssembledToolCall } from '../../common/llm/types';
import type { ToolArguments } from '../../common/tools/definitions';
import { globToRegExp } from '../../common/tools/glob';
import { readDiagnostics } from '../context/builtinContext';
import { readDocumentText } from '../review/documentEdits';
import { consentToSensitive, resolveToolPath, type ToolContext } from './toolContext';

const DEFAULT_LINES = 2000;
const MAX_LINE_CHARS = 2000;
const MAX_READ_CHARS = 200_000;
const MAX_LISTED = 1000;

export async function readFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'read_file'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path);
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const refusal = await consentToSensitive(context, call, resolved);
  if (refusal) return { content: refusal, status: 'rejected', summary: 'not allowed' };
  const stat = await statOf(resolved.uri);
  if (!stat) return failure(`${resolved.relative} does not exist. Use list_files or search to find the right path.`, 'not found');
  if (stat.type & vscode.FileType.Directory) return failure(`${resolved.relative} is a folder. Use list_files to see its contents.`, 'is a folder');
  const text = await readDocumentText(resolved.uri);
  if (text === undefined) return failure(`${resolved.relative} could not be read.`, 'unreadable');
  if (text.includes('\u0000')) return failure(`${resolved.relative} is a binary file.`, 'binary');

  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const first = Math.max(1, args.offset ?? 1);
  const wanted = args.limit ?? DEFAULT_LINES;
  const out: string[] = [];
  let chars = 0;
  let last = first - 1;
  for (let index = first - 1; index < lines.length && out.length < wanted; index++) {
    let line = lines[index] ?? '';
    if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)} [line cut at ${MAX_LINE_CHARS} characters]`;
    const numbered = `${String(index + 1).padStart(6)}| ${line}`;
    if (chars + numbered.length > MAX_READ_CHARS) break;
    out.push(numbered);
    chars += numbered.length + 1;
    last = index + 1;
  }
  if (first > lines.length && lines.length > 0) {
    return failure(`${resolved.relative} has ${lines.length} lines; offset ${first} is past the end.`, 'past end');
  }
  const rest = last < lines.length ? `\n[Lines ${first}-${last} of ${lines.length}. Call read_file with offset ${last + 1} for more.]` : '';
  return {
    content: `${resolved.relative} (${lines.length} lines)\n${out.join('\n')}${rest}`,
    status: 'done',
    summary: last < lines.length || first > 1 ? `lines ${first}-${last} of ${lines.length}` : `${lines.length} lines`,
  };
}

export async function listFiles(context: ToolContext, args: ToolArguments<'list_files'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path?.trim() || '.', { folder: true });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const prefix = resolved.relative === '.' ? '' : `${resolved.relative.replace(/\/$/, '')}/`;
  const all = await context.files.list();
  const inside = all.filter((path) => path.startsWith(prefix));
  if (inside.length === 0 && prefix) {
    const stat = await statOf(resolved.uri);
    if (!stat) return failure(`${resolved.relative} does not exist.`, 'not found');
  }
  const matcher = args.glob ? globToRegExp(args.glob) : undefined;
  const entries = new Set<string>();
  for (const path of inside) {
    const rest = path.slice(prefix.length);
    if (args.recursive || matcher) {
      if (!matcher || matcher.test(rest) || matcher.test(path)) entries.add(rest);
    } else {
      const slash = rest.indexOf('/');
      entries.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`);
    }
  }
  const sorted = [...entries].sort();
  const shown = sorted.slice(0, MAX_LISTED);
  const more = sorted.length > MAX_LISTED ? `\n[${sorted.length - MAX_LISTED} more entries not shown; narrow with path or glob.]` : '';
  const where = prefix || './';
  return {
    content: sorted.length ? `${where}\n${shown.join('\n')}${more}` : `${where} has no matching files (gitignored and excluded files are not listed).`,
    status: 'done',
    summary: `${sorted.length} entries`,
  };
}

export async function getDiagnostics(context: ToolContext, args: ToolArguments<'get_diagnostics'>): Promise<ToolOutcome> {
  let uri: vscode.Uri | undefined;
  if (args.path) {
    const resolved = await resolveToolPath(context, args.path);
    if (!resolved.ok) return failure(resolved.error, 'refused');
    uri = resolved.uri;
  }
  const report = readDiagnostics(uri);
  const count = report ? report.split('\n').length : 0;
  return { content: report || 'No errors or warnings reported.', status: 'done', summary: `${count} problems` };
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

export function failure(content: string, summary: string): ToolOutcome {
  return { content: `Error: ${content}`, status: 'error', summary };
}
