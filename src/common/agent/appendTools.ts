// Two tool sets offered as one (ours then MCP's, the parent's then `task`): the order is fixed, for the prefix
// cache, and each call goes to the set that owns its name. Callers keep the names apart (MCP names start with
// `mcp__`, the catalog reserves ours and `task`), so no name is in both.
import type { ToolDefinition } from '../llm/types';
import type { AgentTools } from './agentLoop';

export function appendTools(first: AgentTools, second: AgentTools, ownedBySecond: (name: string) => boolean): AgentTools {
  let merged: ToolDefinition[] | undefined;
  let firstSeen: ToolDefinition[] | undefined;
  const owner = (name: string) => (ownedBySecond(name) ? second : first);
  return {
    definitions: () => {
      const firstDefinitions = first.definitions();
      // Kept as one array while the first list is the same array, so the request body is built from identical data.
      if (!merged || firstSeen !== firstDefinitions) merged = [...firstDefinitions, ...second.definitions()];
      firstSeen = firstDefinitions;
      return merged;
    },
    isReadOnly: (name) => owner(name).isReadOnly(name),
    describeTarget: (call) => owner(call.name).describeTarget(call),
    execute: (call, signal) => owner(call.name).execute(call, signal),
  };
}
