// The search tool: the workspace finds the matches (ripgrep, or a scan of the file list), and the result
// leaves out sensitive files the user has not allowed, whatever path, glob or pattern the model chose.
import type { ToolOutcome } from '../../agent/agentLoop';
import type { AssembledToolCall } from '../../llm/types';
import { consentToContent, withheldNote, withholdSensitive } from '../consentGate';
import type { ToolArguments } from '../definitions';
import { globToRegExp } from '../glob';
import { failure, resolveToolPath, type ToolContext } from '../toolContext';
import type { SearchMatch, SearchRequest } from '../workspace';

export const MAX_MATCHES = 200;
export const MAX_MATCH_CHARS = 300;

export async function search(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'search'>): Promise<ToolOutcome> {
  const resolved = await resolveToolPath(context, args.path?.trim() || '.', { folder: true });
  if (!resolved.ok) return failure(resolved.error, 'refused');
  try {
    new RegExp(args.pattern);
  } catch (error) {
    return failure(`the pattern is not a valid regular expression (${error instanceof Error ? error.message : String(error)}).`, 'bad pattern');
  }
  // Naming one sensitive file is asking to see it: the same question read_file asks.
  if (resolved.relative !== '.') {
    const refusal = await consentToContent(context, call, resolved, 'searched');
    if (refusal) return { content: refusal, status: 'rejected', summary: 'not allowed' };
  }
  const request: SearchRequest = {
    pattern: args.pattern,
    path: resolved.relative,
    caseSensitive: args.case_sensitive ?? false,
    maxMatches: MAX_MATCHES,
    ...(args.glob ? { glob: args.glob } : {}),
  };
  const found = await context.workspace.search(request, context.signal);
  const { shown: allowedFiles, withheld } = await withholdSensitive(context, found.map((match) => match.path));
  const matches = found.filter((match) => allowedFiles.has(match.path)).map(formatMatch);
  const shown = matches.slice(0, MAX_MATCHES);
  const more = matches.length > MAX_MATCHES ? `\n[More than ${MAX_MATCHES} matches; narrow the search with path or glob.]` : '';
  const files = new Set(shown.map((line) => line.slice(0, line.indexOf(':')))).size;
  return {
    content: (shown.length ? `${shown.join('\n')}${more}` : `No matches for /${args.pattern}/.`) + withheldNote(withheld, 'Matches'),
    status: 'done',
    summary: matches.length > MAX_MATCHES ? `${MAX_MATCHES}+ matches` : `${shown.length} matches in ${files} files`,
  };
}

function formatMatch(match: SearchMatch): string {
  return `${match.path}:${match.line}: ${match.text.trim().slice(0, MAX_MATCH_CHARS)}`;
}

/** Files read at once by the scan: enough to hide file-system latency, few enough to stay light. */
const PARALLEL_READS = 32;
const MAX_SCANNED_BYTES = 1024 * 1024;

/**
 * The search without ripgrep: a scan of the workspace's file list, for workspaces that are not on the local
 * disk and machines without rg. `readBytes` gives a file's raw content (undefined when unreadable).
 */
export async function scanFiles(
  files: readonly string[],
  readBytes: (path: string) => Promise<Uint8Array | undefined>,
  request: SearchRequest,
  signal: AbortSignal,
): Promise<SearchMatch[]> {
  const prefix = request.path === '.' ? '' : request.path;
  const flags = request.caseSensitive ? '' : 'i';
  const anywhere = new RegExp(request.pattern, `${flags}m`);
  const perLine = new RegExp(request.pattern, flags);
  const glob = request.glob ? globToRegExp(request.glob) : undefined;
  const candidates = files.filter((path) => (!prefix || path === prefix || path.startsWith(`${prefix}/`)) && (!glob || glob.test(path)));
  const results: SearchMatch[] = [];
  const decoder = new TextDecoder();
  for (let start = 0; start < candidates.length && results.length <= request.maxMatches && !signal.aborted; start += PARALLEL_READS) {
    const batch = candidates.slice(start, start + PARALLEL_READS);
    const contents = await Promise.all(batch.map((path) => readBytes(path).catch(() => undefined)));
    batch.forEach((path, index) => {
      const bytes = contents[index];
      if (!bytes || bytes.byteLength > MAX_SCANNED_BYTES || bytes.includes(0)) return;
      const text = decoder.decode(bytes);
      // Most files do not match: one test over the whole text is far cheaper than splitting every file into lines.
      if (results.length > request.maxMatches || !anywhere.test(text)) return;
      const lines = text.split(/\r?\n/);
      for (let line = 0; line < lines.length && results.length <= request.maxMatches; line++) {
        const content = lines[line] ?? '';
        if (perLine.test(content)) results.push({ path, line: line + 1, text: content });
      }
    });
  }
  return results;
}
