// The tools the model sees. Each tool has one zod schema: it validates the model's arguments at run time and
// is turned into the JSON Schema sent to the API, so what the model is told and what is checked cannot drift.
// Names and argument names are part of the product (Kimi is trained on agents whose tools look like these).
import { z } from 'zod';
import type { ToolDefinition } from '../llm/types';

const workspacePath = z.string().min(1).describe('Path relative to the workspace root, with forward slashes.');

export const toolSchemas = {
  read_file: z.object({
    path: workspacePath,
    offset: z.number().int().min(1).optional().describe('1-based line to start at (default 1).'),
    limit: z.number().int().min(1).max(5000).optional().describe('Number of lines to return (default 2000).'),
  }),
  list_files: z.object({
    path: z.string().optional().describe('Folder relative to the workspace root (default: the root).'),
    recursive: z.boolean().optional().describe('List the whole tree below the folder (default false).'),
    glob: z.string().optional().describe('Only paths matching this glob, e.g. "**/*.ts".'),
  }),
  search: z.object({
    pattern: z.string().min(1).describe('Regular expression (Rust/ripgrep syntax) to search file contents for.'),
    path: z.string().optional().describe('Folder or file to search in (default: the whole workspace).'),
    glob: z.string().optional().describe('Only files matching this glob, e.g. "*.py".'),
    case_sensitive: z.boolean().optional().describe('Match case exactly (default false).'),
  }),
  edit_file: z.object({
    path: workspacePath,
    old_string: z.string().describe('Exact text to replace, unique in the file; include surrounding lines to make it unique. Empty to create a new file.'),
    new_string: z.string().describe('The replacement text.'),
    replace_all: z.boolean().optional().describe('Replace every occurrence of old_string (default false).'),
  }),
  write_file: z.object({
    path: workspacePath,
    content: z.string().describe('The complete new content of the file. Never abbreviate with placeholders.'),
  }),
  get_diagnostics: z.object({
    path: z.string().optional().describe('File to report on (default: every file with problems).'),
  }),
  run_command: z.object({
    command: z.string().min(1).describe('Shell command line to run. The user approves it first.'),
    cwd: z.string().optional().describe('Working folder relative to the workspace root (default: the root).'),
    background: z.boolean().optional().describe('Keep it running after this call returns (dev servers, watchers): returns its id; read it with read_process_output, end it with stop_process.'),
    ready_pattern: z.string().max(200).optional().describe('With background: a regular expression for the line that says it is ready (e.g. "Local:|listening on"); the call returns once a line matches.'),
  }),
  read_process_output: z.object({
    id: z.string().min(1).describe('The id run_command gave the background process.'),
  }),
  stop_process: z.object({
    id: z.string().min(1).describe('The id run_command gave the background process.'),
  }),
} as const;

export type ToolName = keyof typeof toolSchemas;
export type ToolArguments<N extends ToolName> = z.infer<(typeof toolSchemas)[N]>;

const descriptions: Record<ToolName, string> = {
  read_file: 'Read a text file of the workspace. Returns numbered lines ("  12| code"); large files come in pages: use offset and limit for the rest.',
  list_files: 'List files and folders of the workspace (respects .gitignore and files.exclude). Folders end with "/".',
  search: 'Search file contents with a regular expression. Returns "path:line: text" matches (capped), respecting .gitignore.',
  edit_file: 'Propose replacing old_string with new_string in a file. The user reviews the diff and accepts or rejects it; the result says which. On no match or several matches nothing changes and the closest candidates are returned.',
  write_file: 'Propose creating a file or replacing its whole content. The user reviews it as a diff. Prefer edit_file for changes to existing files.',
  get_diagnostics: 'Errors and warnings reported by VS Code\'s language services, for one file or the workspace.',
  run_command: 'Propose running a shell command in the workspace, in a terminal the user sees. The user must approve it; output (head and tail when long, with the line count) and exit code are returned. Time limit 120 s, unless background is set.',
  read_process_output: 'Output of a background process since the last read (head and tail when long), and whether it still runs or its exit code.',
  stop_process: 'Stop a background process started by run_command (its whole process group).',
};

export const readOnlyTools: ReadonlySet<string> = new Set<ToolName>(['read_file', 'list_files', 'search', 'get_diagnostics']);

/** Draft-2020 JSON Schema without the parts some providers reject or that only add noise. */
export function toPlainJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return JSON.parse(JSON.stringify(json, (key, value: unknown) => (key === 'maximum' && value === Number.MAX_SAFE_INTEGER ? undefined : value))) as Record<string, unknown>;
}

/** Tool definitions in a fixed order (the provider's prefix cache needs the tool list byte-identical). */
export function toolDefinitions(names: readonly ToolName[]): ToolDefinition[] {
  return names.map((name) => ({ name, description: descriptions[name], parameters: toPlainJsonSchema(toolSchemas[name]) }));
}

export const allToolNames: readonly ToolName[] = ['read_file', 'list_files', 'search', 'get_diagnostics', 'edit_file', 'write_file', 'run_command', 'read_process_output', 'stop_process'];

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(toolSchemas, name);
}

export type ParsedToolCall = { [N in ToolName]: { name: N; args: ToolArguments<N> } }[ToolName];

/** Validates a call's arguments; the error text is written for the model so it can correct the call. */
export function parseToolCall(name: string, args: unknown): { ok: true; call: ParsedToolCall } | { ok: false; error: string } {
  if (!isToolName(name)) {
    return { ok: false, error: `Unknown tool "${name}". Available tools: ${allToolNames.join(', ')}.` };
  }
  const result = toolSchemas[name].safeParse(args ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ');
    return { ok: false, error: `Invalid arguments for ${name}: ${problems}. Call it again with valid arguments.` };
  }
  return { ok: true, call: { name, args: result.data } as ParsedToolCall };
}
