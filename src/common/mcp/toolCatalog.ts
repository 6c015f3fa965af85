// The MCP tools as the model sees them: one OpenAI function per server tool, named `mcp__<server>__<tool>`,
// with a Kimi-safe schema, sorted by name so the same snapshot always gives the same bytes (the request
// prefix stays cached). Names are unique, fit Kimi's 64-character `[a-zA-Z0-9_-]` limit, and never take one
// of our own tool names.
import type { ToolDefinition } from '../llm/types';
import { allToolNames } from '../tools/definitions';
import { defaultSchemaLimits, toKimiSchema, type SchemaLimits } from './toolSchema';
import type { McpTool, McpToolSnapshot } from './types';

/** Names the model already knows for other tools: ours, Kimi's built-in search, and the agent's own tools. */
export const RESERVED_TOOL_NAMES: ReadonlySet<string> = new Set<string>([...allToolNames, '$web_search', 'task', 'todo_write', 'todo']);

const MAX_NAME = 64;
const MAX_TOOL_DESCRIPTION = 2000;

export interface McpToolEntry {
  /** The function name the model calls. */
  name: string;
  server: string;
  tool: McpTool;
  /** From the server's `readOnlyHint`: it lets calls run in parallel, never without approval. */
  readOnly: boolean;
  definition: ToolDefinition;
  /** What the schema conversion changed, for the log. */
  notes: string[];
}

export interface McpToolCatalog {
  /** Sorted by name: byte-stable for a given snapshot. */
  definitions: ToolDefinition[];
  entries: ReadonlyMap<string, McpToolEntry>;
  /** Tools left out, with the reason, for the servers view and the log. */
  skipped: { server: string; tool: string; reason: string }[];
}

export interface CatalogOptions {
  /** Names no MCP tool may take (default: RESERVED_TOOL_NAMES). */
  reserved?: ReadonlySet<string>;
  /** Kimi takes up to 128 tools in all; MCP tools beyond this many are left out (default 100). */
  maxTools?: number;
  limits?: SchemaLimits;
}

export function buildToolCatalog(snapshot: McpToolSnapshot, options: CatalogOptions = {}): McpToolCatalog {
  const reserved = options.reserved ?? RESERVED_TOOL_NAMES;
  const maxTools = options.maxTools ?? 100;
  const skipped: McpToolCatalog['skipped'] = [];
  // Sorted by the server's own names first, so collision suffixes do not depend on the order servers answered.
  const candidates = snapshot.servers
    .filter((server) => server.status.state === 'ready')
    .flatMap((server) => server.tools.map((tool) => ({ server: server.server, tool })))
    .sort((a, b) => compare(a.server, b.server) || compare(a.tool.name, b.tool.name));

  const taken = new Set<string>(reserved);
  const entries: McpToolEntry[] = [];
  const seen = new Set<string>();
  for (const { server, tool } of candidates) {
    const key = `${server}\u0000${tool.name}`;
    if (seen.has(key)) {
      skipped.push({ server, tool: tool.name, reason: 'the server lists this tool twice' });
      continue;
    }
    seen.add(key);
    if (tool.execution?.taskSupport === 'required') {
      skipped.push({ server, tool: tool.name, reason: 'it only runs as an MCP task, which is not supported yet' });
      continue;
    }
    const name = uniqueName(server, tool.name, taken);
    taken.add(name);
    const { schema, notes } = toKimiSchema(tool.inputSchema, options.limits ?? defaultSchemaLimits);
    entries.push({
      name,
      server,
      tool,
      readOnly: tool.annotations?.readOnlyHint === true,
      definition: { name, description: toolDescription(server, tool), parameters: schema },
      notes,
    });
  }
  entries.sort((a, b) => compare(a.name, b.name));
  for (const dropped of entries.splice(maxTools)) {
    skipped.push({ server: dropped.server, tool: dropped.tool.name, reason: `more than ${maxTools} MCP tools are configured` });
  }
  return { definitions: entries.map((entry) => entry.definition), entries: new Map(entries.map((entry) => [entry.name, entry])), skipped };
}

/** `mcp__<server>__<tool>` with every other character replaced by `_`; too long a name keeps a hash of the original. */
export function mcpToolName(server: string, tool: string): string {
  const base = `mcp__${sanitise(server)}__${sanitise(tool)}`;
  if (base.length <= MAX_NAME) return base;
  const serverPart = sanitise(server).slice(0, 20);
  const suffix = `_${shortHash(`${server}\u0000${tool}`)}`;
  const room = MAX_NAME - `mcp__${serverPart}__`.length - suffix.length;
  return `mcp__${serverPart}__${sanitise(tool).slice(0, room)}${suffix}`;
}

function uniqueName(server: string, tool: string, taken: ReadonlySet<string>): string {
  const base = mcpToolName(server, tool);
  if (!taken.has(base)) return base;
  // Two tools that sanitise alike (`a.b` and `a_b`): the later one gets a hash of its original names.
  for (let attempt = 0; ; attempt++) {
    const suffix = `_${shortHash(`${server}\u0000${tool}\u0000${attempt}`)}`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Other characters become `_`; a name with no letter or digit left (`日本`) becomes a hash of itself instead. */
function sanitise(text: string): string {
  const clean = text.replace(/[^a-zA-Z0-9_-]/g, '_');
  return /[a-zA-Z0-9]/.test(clean) ? clean : `x${shortHash(text)}`;
}

function toolDescription(server: string, tool: McpTool): string {
  const own = (tool.description ?? tool.title ?? tool.annotations?.title ?? '').trim();
  const text = own || `The tool "${tool.name}" of the MCP server "${server}".`;
  return text.length > MAX_TOOL_DESCRIPTION ? `${text.slice(0, MAX_TOOL_DESCRIPTION - 1)}…` : text;
}

/** FNV-1a, 32 bits, base 36: short, stable across runs and platforms. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0').slice(-6);
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
