// MCP tools in the agent loop's `AgentTools` shape, so they merge with our own tool set. Every call asks the
// user through the same approval as our tools (the chat card's Approve / Deny), unless the user's own
// configuration lists the tool under `alwaysAllow`; the server's hints never skip the question.
import type { AgentTools } from '../agent/agentLoop';
import { appendTools } from '../agent/appendTools';
import type { AssembledToolCall } from '../llm/types';
import { askUser, type ToolContext } from '../tools/toolContext';
import { toToolOutcome, TOOL_RESULT_LIMIT, type McpToolOutcome } from './results';
import type { McpToolCatalog } from './toolCatalog';
import type { McpProgress, McpToolCaller } from './types';

export interface McpToolsOptions {
  /** Built from one snapshot (`buildToolCatalog`): the tool list stays fixed until the host builds a new one. */
  catalog: McpToolCatalog;
  caller: McpToolCaller;
  context: ToolContext;
  /** Tools of a server that run without asking: `trustedAlwaysAllow(config)`, i.e. user-level only. */
  alwaysAllow(server: string): ReadonlySet<string>;
  /** Progress notifications of a running call, for its tool card. */
  onProgress?(call: AssembledToolCall, progress: McpProgress): void;
  resultLimit?: number;
  /** False when the model cannot read images (see models.ts): images are then described in the text. */
  acceptImages?: boolean;
}

export interface McpAgentTools extends AgentTools {
  execute(call: AssembledToolCall, signal: AbortSignal): Promise<McpToolOutcome>;
  has(name: string): boolean;
}

export function createMcpTools(options: McpToolsOptions): McpAgentTools {
  const { catalog, caller, context } = options;
  const definitions = catalog.definitions;
  return {
    definitions: () => definitions,
    has: (name) => catalog.entries.has(name),
    // From the server's readOnlyHint: it only lets calls run side by side; approval is asked all the same.
    isReadOnly: (name) => catalog.entries.get(name)?.readOnly === true,
    describeTarget: (call) => {
      const entry = catalog.entries.get(call.name);
      return entry ? `${entry.server} › ${entry.tool.name}`.slice(0, 200) : call.name;
    },
    execute: async (call, signal) => {
      const entry = catalog.entries.get(call.name);
      if (!entry) return { content: `Error: unknown tool "${call.name}".`, status: 'error', summary: 'unknown tool' };
      const args = call.arguments ?? {};
      if (typeof args !== 'object' || args === null || Array.isArray(args)) {
        return { content: `Error: the arguments of ${call.name} must be a JSON object. Call it again with an object.`, status: 'error', summary: 'invalid arguments' };
      }
      const label = `${entry.tool.name} (MCP server "${entry.server}")`;
      if (!options.alwaysAllow(entry.server).has(entry.tool.name)) {
        const approved = await askUser(
          context,
          call,
          { kind: 'command', subject: `${entry.server} › ${entry.tool.name}`, reason: `The MCP server "${entry.server}" would run its tool "${entry.tool.name}" with ${previewArguments(args)}.` },
          'waiting for your approval',
        );
        if (!approved) {
          return { content: `The user did not allow ${label}. Continue without it or ask the user.`, status: 'rejected', summary: 'denied' };
        }
        context.recorder.onToolCall(call, 'running');
      }
      const outcome = await caller.callTool(entry.server, entry.tool.name, args as Record<string, unknown>, {
        signal,
        onProgress: (progress) => {
          context.recorder.onToolProgress?.(call, describeProgress(progress));
          options.onProgress?.(call, progress);
        },
      });
      return toToolOutcome(label, outcome, { limit: options.resultLimit ?? TOOL_RESULT_LIMIT, acceptImages: options.acceptImages ?? true });
    },
  };
}

/**
 * Our tools first, in their fixed order, then the MCP tools, sorted: the list the model sees. Names cannot clash
 * (MCP names start with `mcp__`, and the catalog reserves ours), so each call goes to the set that defines it.
 */
export function mergeAgentTools(own: AgentTools, mcp: McpAgentTools): AgentTools {
  return appendTools(own, mcp, (name) => mcp.has(name));
}

/** "40% (2/5) · Step 2" or "3 · Step 3" when the server gives no total: one line for the tool card. */
export function describeProgress(progress: McpProgress): string {
  const { total } = progress;
  const amount = total !== undefined && total > 0 ? `${Math.min(100, Math.round((progress.progress / total) * 100))}% (${progress.progress}/${total})` : `${progress.progress}`;
  const message = progress.message?.replace(/\s+/g, ' ').trim();
  const line = message ? `${amount} · ${message}` : amount;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function previewArguments(args: object): string {
  const text = JSON.stringify(args);
  if (text === '{}') return 'no arguments';
  return `the arguments ${text.length > 300 ? `${text.slice(0, 299)}…` : text}`;
}
