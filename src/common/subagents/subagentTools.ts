// What a subagent may call: the host's own tool set (the same executors, approvals and change review as the
// parent's), narrowed to the tools that only read (ours and MCP tools declared read-only), plus edit_file and
// write_file when the task asked for edits. Never run_command, never another task.
import type { AgentTools } from '../agent/agentLoop';
import type { ToolDefinition } from '../llm/types';
import type { TurnRecorder } from '../conversations/turnRecorder';
import type { SubagentScheduler } from './scheduler';

export type SubagentAccess = 'read' | 'edit';

/** What a host gives the `task` tool: one scheduler for all its subagents, and their tools. */
export interface SubagentHost {
  readonly scheduler: SubagentScheduler;
  /** The host's tools for one subagent; `recorder` shows their approval states on the subagent's own cards. */
  tools(recorder: TurnRecorder, signal: AbortSignal, access: SubagentAccess): AgentTools;
  /** Whether this turn offers the `task` tool at all (the chat mode decides); offered when absent. */
  offered?(): boolean;
}

/** Whether a turn offers the `task` tool: a host with subagents, where the chat mode allows them. */
export function offersSubagents(host: SubagentHost | undefined): host is SubagentHost {
  return host !== undefined && (host.offered?.() ?? true);
}

/** Edits are proposals the user reviews, like the parent's; a subagent gets them only when the task asks. */
const editTools: ReadonlySet<string> = new Set(['edit_file', 'write_file']);

export function restrictForSubagent(tools: AgentTools, access: SubagentAccess): AgentTools {
  const allowed = (name: string) => tools.isReadOnly(name) || (access === 'edit' && editTools.has(name));
  let filtered: ToolDefinition[] = [];
  let source: ToolDefinition[] | undefined;
  return {
    // Filtered again only when the host's list is a new array, so the request body stays byte-stable.
    definitions: () => {
      const all = tools.definitions();
      if (all !== source) filtered = all.filter((definition) => allowed(definition.name));
      source = all;
      return filtered;
    },
    isReadOnly: (name) => tools.isReadOnly(name),
    describeTarget: (call) => tools.describeTarget(call),
    execute: async (call, signal) => {
      if (!allowed(call.name) || !tools.definitions().some((definition) => definition.name === call.name)) {
        return { content: `Error: ${call.name} is not available to a subagent. Use the tools you were given, then report.`, status: 'error', summary: 'unavailable' };
      }
      return tools.execute(call, signal);
    },
  };
}
