// The read-only file tools: read_file (numbered lines, in pages), list_files, get_diagnostics.
import type { ToolOutcome } from '../../agent/agentLoop';
import type { AssembledToolCall } from '../../llm/types';
import { consentToContent, withheldNote, withholdSensitive } from '../consentGate';
import type { ToolArguments } from '../definitions';
import { globToRegExp } from '../glob';
import { failure, resolveToolPath, type ToolContext } from '../toolContext';
import type { DiagnosticEntry } from '../workspace';

const DEFAULT_LINES = 2000;
const MAX_LINE_CHARS = 2000;
const MAX_READ_CHARS = 200_000;
const MAX_LISTED = 1000;
const MAX_PROBLEMS = 200;

export async function readFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'read_file'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path);
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const refusal = await consentToContent(context, call, resolved, 'read');
  if (refusal) return { content: refusal, status: 'rejected', summary: 'not allowed' };
  const stat = await context.workspace.stat(resolved.relative);
  if (!stat) return failure(`${resolved.relative} does not exist. Use list_files or search to find the right path.`, 'not found');
  if (stat.kind === 'folder') return failure(`${resolved.relative} is a folder. Use list_files to see its contents.`, 'is a folder');
  const text = await context.workspace.readText(resolved.relative);
  if (text === undefined) return failure(`${resolved.relative} could not be read.`, 'unreadable');
  if (text.includes('\u0000')) return failure(`${resolved.relative} is a binary file.`, 'binary');
  return numberedPage(resolved.relative, text, args.offset, args.limit);
}

function numberedPage(relative: string, text: string, offset: number | undefined, limit: number | undefined): ToolOutcome {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const first = Math.max(1, offset ?? 1);
  const wanted = limit ?? DEFAULT_LINES;
  if (first > lines.length && lines.length > 0) return failure(`${relative} has ${lines.length} lines; offset ${first} is past the end.`, 'past end');
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
  const rest = last < lines.length ? `\n[Lines ${first}-${last} of ${lines.length}. Call read_file with offset ${last + 1} for more.]` : '';
  return {
    content: `${relative} (${lines.length} lines)\n${out.join('\n')}${rest}`,
    status: 'done',
    summary: last < lines.length || first > 1 ? `lines ${first}-${last} of ${lines.length}` : `${lines.length} lines`,
  };
}

export async function listFiles(context: ToolContext, args: ToolArguments<'list_files'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path?.trim() || '.', { folder: true });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  const prefix = resolved.relative === '.' ? '' : `${resolved.relative.replace(/\/$/, '')}/`;
  const inside = (await context.workspace.listFiles()).filter((path) => path.startsWith(prefix));
  if (inside.length === 0 && prefix && !(await context.workspace.stat(resolved.relative))) return failure(`${resolved.relative} does not exist.`, 'not found');
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

export async function getDiagnostics(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'get_diagnostics'>): Promise<ToolOutcome> {
  let entries: DiagnosticEntry[];
  if (args.path) {
    const resolved = await resolveToolPath(context, args.path);
    if (!resolved.ok) return failure(resolved.error, 'refused');
    // A linter's message can quote the line it complains about.
    const refusal = await consentToContent(context, call, resolved, 'shown');
    if (refusal) return { content: refusal, status: 'rejected', summary: 'not allowed' };
    entries = context.workspace.diagnostics(resolved.relative);
  } else {
    entries = context.workspace.diagnostics();
  }
  const { shown, withheld } = await withholdSensitive(context, entries.map((entry) => entry.path));
  const lines = entries.filter((entry) => shown.has(entry.path)).map(formatDiagnostic);
  const report = lines.length > MAX_PROBLEMS ? `${lines.slice(0, MAX_PROBLEMS).join('\n')}\n(more problems not shown)` : lines.join('\n');
  return { content: (report || 'No errors or warnings reported.') + withheldNote(withheld, 'Problems'), status: 'done', summary: `${lines.length} problems` };
}

export function formatDiagnostic(entry: DiagnosticEntry): string {
  return `${entry.path}:${entry.line}:${entry.column} ${entry.severity}: ${entry.message}${entry.origin ? ` (${entry.origin})` : ''}`;
}
