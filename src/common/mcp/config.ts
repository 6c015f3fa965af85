// MCP server configuration as users already write it: the `mcpServers` object of Claude Desktop, Claude Code and
// Cline, and VS Code's `.vscode/mcp.json` (`servers`, `inputs`). One bad entry is reported and skipped, never
// the whole file; a project file that carries a literal secret has that server refused with the reason.
import { z } from 'zod';
import { parseJsonc } from './jsonc';
import { argumentSecretProblem, findReferences, literalSecretProblem, substitute, urlSecretProblem, type ReferenceContext } from './references';
import type { McpConfigSource } from './types';

interface ServerBase {
  /** The key in the file, shown to the user; tool names use a sanitised form of it. */
  name: string;
  source: McpConfigSource;
  disabled: boolean;
  /** Tool names (as the server names them) the file asks to run without asking: see `trustedAlwaysAllow`. */
  alwaysAllow: string[];
}

export interface McpStdioServerConfig extends ServerBase {
  transport: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface McpRemoteServerConfig extends ServerBase {
  /** `http`: streamable HTTP, falling back to the legacy SSE transport; `sse`: the legacy transport only. */
  transport: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
}

export type McpServerConfig = McpStdioServerConfig | McpRemoteServerConfig;

/** VS Code's `inputs` entries: what to ask the user for an `${input:ID}` reference. */
export interface McpInputDefinition {
  id: string;
  description: string;
  password: boolean;
}

export interface McpConfigProblem {
  /** The server the problem is about; absent for the file as a whole. */
  server?: string;
  message: string;
}

export interface ParsedMcpConfig {
  servers: McpServerConfig[];
  inputs: McpInputDefinition[];
  problems: McpConfigProblem[];
}

export interface ParseOptions {
  source: McpConfigSource;
  /** How to name the file in messages, e.g. ".vscode/mcp.json". */
  origin?: string;
}

const text = (what: string) => z.string({ error: `${what} must be text` });
const stringMap = (what: string) => z.record(z.string(), text(`each value of "${what}"`), { error: `"${what}" must be an object of text values` });
const common = {
  disabled: z.boolean({ error: '"disabled" must be true or false' }).optional(),
  alwaysAllow: z.array(text('each "alwaysAllow" entry'), { error: '"alwaysAllow" must be a list of tool names' }).optional(),
  // Cline's older name for the remote transport; `type` is what everyone else writes.
  transportType: z.string().optional(),
  type: z.string({ error: '"type" must be text' }).optional(),
};
const stdioEntry = z.object({
  ...common,
  command: text('"command"').min(1, '"command" must not be empty'),
  args: z.array(text('each of "args"'), { error: '"args" must be a list of text values' }).optional(),
  env: stringMap('env').optional(),
  cwd: text('"cwd"').optional(),
});
const remoteEntry = z.object({
  ...common,
  url: text('"url"').min(1, '"url" must not be empty'),
  headers: stringMap('headers').optional(),
});
const inputEntry = z.object({
  id: text('"id"').min(1),
  type: z.string().optional(),
  description: z.string().optional(),
  password: z.boolean().optional(),
});

const STDIO_TYPES = new Set(['stdio']);
const HTTP_TYPES = new Set(['http', 'streamableHttp', 'streamable-http', 'streamable_http']);

/** Parses the text of a config file (JSON with comments allowed). */
export function parseMcpConfigText(fileText: string, options: ParseOptions): ParsedMcpConfig {
  const parsed = parseJsonc(fileText);
  if (!parsed.ok) return { servers: [], inputs: [], problems: [{ message: `${options.origin ?? 'The MCP configuration'} is ${parsed.error}.` }] };
  return parseMcpConfig(parsed.value, options);
}

/** Parses an already-read config object: `{ mcpServers: {...} }` or `{ servers: {...}, inputs: [...] }`. */
export function parseMcpConfig(raw: unknown, options: ParseOptions): ParsedMcpConfig {
  const origin = options.origin ?? 'the MCP configuration';
  const problems: McpConfigProblem[] = [];
  if (!isPlainObject(raw)) return { servers: [], inputs: [], problems: [{ message: `${capitalise(origin)} must be a JSON object.` }] };
  const table = raw.mcpServers ?? raw.servers;
  if (table === undefined) return { servers: [], inputs: parseInputs(raw.inputs, problems), problems };
  if (!isPlainObject(table)) {
    return { servers: [], inputs: [], problems: [{ message: `"${raw.mcpServers !== undefined ? 'mcpServers' : 'servers'}" in ${origin} must be an object of servers.` }] };
  }
  const servers: McpServerConfig[] = [];
  for (const [name, entry] of Object.entries(table)) {
    const server = parseServer(name, entry, options.source);
    if (!server.ok) {
      problems.push({ server: name, message: `Server "${name}" in ${origin}: ${server.error}` });
      continue;
    }
    const secret = options.source === 'project' ? projectSecretProblem(server.config) : undefined;
    if (secret) {
      problems.push({
        server: name,
        message: `Server "${name}" in ${origin} was not loaded: ${secret}. A project file must not carry secrets; reference them instead, as "\${input:ID}" (asked once, kept in secret storage) or "\${env:NAME}".`,
      });
      continue;
    }
    servers.push(server.config);
  }
  return { servers, inputs: parseInputs(raw.inputs, problems), problems };
}

function parseServer(name: string, entry: unknown, source: McpConfigSource): { ok: true; config: McpServerConfig } | { ok: false; error: string } {
  if (name.trim() === '') return { ok: false, error: 'a server needs a name' };
  if (!isPlainObject(entry)) return { ok: false, error: 'must be an object with a "command" or a "url"' };
  const type = typeof entry.type === 'string' ? entry.type : typeof entry.transportType === 'string' ? entry.transportType : undefined;
  const hasCommand = entry.command !== undefined;
  const hasUrl = entry.url !== undefined;
  if (hasCommand && hasUrl) return { ok: false, error: 'has both a "command" and a "url"; keep one' };
  if (!hasCommand && !hasUrl) return { ok: false, error: 'needs a "command" (a server to start) or a "url" (a server to connect to)' };
  if (type !== undefined && !STDIO_TYPES.has(type) && !HTTP_TYPES.has(type) && type !== 'sse') {
    return { ok: false, error: `"type" is "${type}"; use "stdio", "http" or "sse"` };
  }
  const base = (parsed: { disabled?: boolean | undefined; alwaysAllow?: string[] | undefined }) => ({
    name,
    source,
    disabled: parsed.disabled ?? false,
    alwaysAllow: [...new Set(parsed.alwaysAllow ?? [])],
  });
  if (hasCommand) {
    if (type !== undefined && !STDIO_TYPES.has(type)) return { ok: false, error: `"type" "${type}" needs a "url", not a "command"` };
    const parsed = stdioEntry.safeParse(entry);
    if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
    const config: McpStdioServerConfig = {
      ...base(parsed.data),
      transport: 'stdio',
      command: parsed.data.command,
      args: parsed.data.args ?? [],
      env: parsed.data.env ?? {},
      ...(parsed.data.cwd !== undefined ? { cwd: parsed.data.cwd } : {}),
    };
    return checkVariables(config);
  }
  if (type !== undefined && STDIO_TYPES.has(type)) return { ok: false, error: '"type" "stdio" needs a "command", not a "url"' };
  const parsed = remoteEntry.safeParse(entry);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const address = parsed.data.url.replace(/\$\{[^}]*\}/g, 'x');
  if (!/^https?:\/\/[^/\s]+/i.test(address)) return { ok: false, error: `"url" must be an http:// or https:// address, not "${parsed.data.url}"` };
  const config: McpRemoteServerConfig = {
    ...base(parsed.data),
    transport: type === 'sse' ? 'sse' : 'http',
    url: parsed.data.url,
    headers: parsed.data.headers ?? {},
  };
  return checkVariables(config);
}

/** Every `${...}` must be one we can resolve, so a typo fails at load time with the field named. */
function checkVariables(config: McpServerConfig): { ok: true; config: McpServerConfig } | { ok: false; error: string } {
  for (const [where, value] of fieldsOf(config)) {
    const found = findReferences(value);
    if (!found.ok) return { ok: false, error: `${where} uses ${found.unsupported}, which is not supported (use \${env:NAME}, \${input:ID} or \${workspaceFolder})` };
  }
  return { ok: true, config };
}

/** Each text field of a server with a readable name for messages. */
function fieldsOf(config: McpServerConfig): [string, string][] {
  if (config.transport === 'stdio') {
    return [
      ['"command"', config.command],
      ...config.args.map((arg, index): [string, string] => [`"args"[${index}]`, arg]),
      ...Object.entries(config.env).map(([key, value]): [string, string] => [`"env.${key}"`, value]),
      ...(config.cwd !== undefined ? [['"cwd"', config.cwd] as [string, string]] : []),
    ];
  }
  return [['"url"', config.url], ...Object.entries(config.headers).map(([key, value]): [string, string] => [`"headers.${key}"`, value])];
}

function projectSecretProblem(config: McpServerConfig): string | undefined {
  if (config.transport === 'stdio') {
    for (const [key, value] of Object.entries(config.env)) {
      const problem = literalSecretProblem(key, value);
      if (problem) return `"env.${key}" ${problem}`;
    }
    const argument = argumentSecretProblem(config.args);
    if (argument) return `"args"[${argument.index}] ${argument.problem}`;
    const inCommand = literalSecretProblem('command', config.command);
    return inCommand ? `"command" ${inCommand}` : undefined;
  }
  for (const [key, value] of Object.entries(config.headers)) {
    const problem = literalSecretProblem(key, value);
    if (problem) return `"headers.${key}" ${problem}`;
  }
  const inUrl = urlSecretProblem(config.url);
  return inUrl ? `"url" ${inUrl}` : undefined;
}

function parseInputs(raw: unknown, problems: McpConfigProblem[]): McpInputDefinition[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ message: '"inputs" must be a list.' });
    return [];
  }
  const inputs: McpInputDefinition[] = [];
  raw.forEach((entry, index) => {
    const parsed = inputEntry.safeParse(entry);
    if (!parsed.success) problems.push({ message: `"inputs"[${index}]: ${describeIssues(parsed.error)}` });
    else inputs.push({ id: parsed.data.id, description: parsed.data.description ?? parsed.data.id, password: parsed.data.password ?? false });
  });
  return inputs;
}

/**
 * Combines the user's servers with a project's. The user's entry wins a name both use: a project must not be
 * able to replace a server the user set up (and inherit whatever the user allowed it).
 */
export function mergeMcpConfigs(user: ParsedMcpConfig, project: ParsedMcpConfig, projectOrigin = 'the project'): ParsedMcpConfig {
  const userNames = new Set(user.servers.map((server) => server.name));
  const problems = [...user.problems, ...project.problems];
  const projectServers = project.servers.filter((server) => {
    if (!userNames.has(server.name)) return true;
    problems.push({ server: server.name, message: `Server "${server.name}" in ${projectOrigin} is ignored: your user configuration has a server of that name.` });
    return false;
  });
  const inputs = [...user.inputs, ...project.inputs.filter((input) => !user.inputs.some((own) => own.id === input.id))];
  return { servers: [...user.servers, ...projectServers], inputs, problems };
}

/**
 * The tools that may run without asking. Only the user's own configuration can grant that: a project file's
 * `alwaysAllow` would let a repository approve its own server's tools, so it is ignored (the host may still
 * offer it to the user as a suggestion).
 */
export function trustedAlwaysAllow(config: McpServerConfig): ReadonlySet<string> {
  return config.source === 'user' ? new Set(config.alwaysAllow) : new Set();
}

/**
 * A project-level server's identity for the user's approval: exactly what would run (command line, working
 * folder, environment as written) or where it would connect (URL, headers as written). References stay
 * unresolved, so the key holds no secret and does not change when a secret does; object keys are sorted, so
 * reformatting the file does not change it. The name and `disabled`/`alwaysAllow` are not part of it.
 */
export function approvalKey(config: McpServerConfig): string {
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (config.transport === 'stdio') {
    const env = Object.keys(config.env).length > 0 ? ` env=${JSON.stringify(sorted(config.env))}` : '';
    const cwd = config.cwd !== undefined ? ` cwd=${JSON.stringify(config.cwd)}` : '';
    return `stdio ${JSON.stringify([config.command, ...config.args])}${cwd}${env}`;
  }
  const headers = Object.keys(config.headers).length > 0 ? ` headers=${JSON.stringify(sorted(config.headers))}` : '';
  return `${config.transport} ${JSON.stringify(config.url)}${headers}`;
}

/** The command line or address for the user to read (approval question, servers view). */
export function describeLaunch(config: McpServerConfig): string {
  if (config.transport !== 'stdio') return config.url;
  return [config.command, ...config.args].map((word) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word))).join(' ');
}

export type ResolvedLaunch =
  | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { transport: 'http' | 'sse'; url: string; headers: Record<string, string> };

export type ResolvedServer = { ok: true; launch: ResolvedLaunch; secrets: string[] } | { ok: false; reason: string };

/** Substitutes every reference; the launch is ready to start, `secrets` are the values to redact from logs. */
export async function resolveServer(config: McpServerConfig, context: ReferenceContext): Promise<ResolvedServer> {
  const secrets: string[] = [];
  const fields = fieldsOf(config);
  const resolved: string[] = [];
  for (const [where, value] of fields) {
    const result = await substitute(value, context, where);
    if (!result.ok) return { ok: false, reason: result.reason };
    secrets.push(...result.secrets);
    resolved.push(result.value);
  }
  // fieldsOf lists the fields in a fixed order; take them back in the same order.
  let next = 0;
  const take = () => resolved[next++]!;
  const takeRecord = (record: Record<string, string>) => Object.fromEntries(Object.keys(record).map((key) => [key, take()]));
  if (config.transport === 'stdio') {
    const command = take();
    const args = config.args.map(() => take());
    const env = takeRecord(config.env);
    const cwd = config.cwd !== undefined ? take() : undefined;
    return { ok: true, launch: { transport: 'stdio', command, args, env, ...(cwd !== undefined ? { cwd } : {}) }, secrets: unique(secrets) };
  }
  const url = take();
  return { ok: true, launch: { transport: config.transport, url, headers: takeRecord(config.headers) }, secrets: unique(secrets) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const at = issue.path.length > 0 ? ` (at ${issue.path.map(String).join('.')})` : '';
      return `${issue.message}${at}`;
    })
    .join('; ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
