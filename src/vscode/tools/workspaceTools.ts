// The tool set the agent loop gets: definitions in a fixed order (byte-stable for the prefix cache), argument
// validation against the same schemas, and dispatch to the executors. In a restricted (untrusted)
// workspace only the read-only tools exist.
import * as vscode from 'vscode';
import type { AgentTools, ToolOutcome } from '../../common/agent/agentLoop';
import type { AssembledToolCall } from '../../common/llm/types';
import { allToolNames, parseToolCall, readOnlyTools, toolDefinitions, type ToolName } from '../../common/tools/definitions';
import { runCommand } from './commandTool';
import { editFile, writeFile } from './editTools';
import { failure, getDiagnostics, listFiles, readFile } from './fileTools';
import { search } from './searchTool';
import type { ToolContext } from './toolContext';

export function createWorkspaceTools(context: Omit<ToolContext, 'root'>): AgentTools {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const available: readonly ToolName[] = !root ? [] : vscode.workspace.isTrusted ? allToolNames : allToolNames.filter((name) => readOnlyTools.has(name));
  const definitions = toolDefinitions(available);
  return {
    definitions: () => definitions,
    isReadOnly: (name) => readOnlyTools.has(name),
    describeTarget,
    execute: async (call) => {
      if (!root) return failure('no folder is open in VS Code, so there is no workspace to work on.', 'no workspace');
      const parsed = parseToolCall(call.name, call.arguments);
      if (!parsed.ok) return { content: `Error: ${parsed.error}`, status: 'error', summary: 'invalid call' };
      if (!available.includes(parsed.call.name)) {
        return failure(`${call.name} is not available in this workspace (restricted mode allows only read-only tools).`, 'unavailable');
      }
      return dispatch({ ...context, root }, call, parsed.call);
    },
  };
}

function dispatch(context: ToolContext, call: AssembledToolCall, parsed: NonNullable<Extract<ReturnType<typeof parseToolCall>, { ok: true }>>['call']): Promise<ToolOutcome> {
  switch (parsed.name) {
    case 'read_file':
      return readFile(context, call, parsed.args);
    case 'list_files':
      return listFiles(context, parsed.args);
    case 'search':
      return search(context, parsed.args);
    case 'get_diagnostics':
      return getDiagnostics(context, parsed.args);
    case 'edit_file':
      return editFile(context, call, parsed.args);
    case 'write_file':
      return writeFile(context, call, parsed.args);
    case 'run_command':
      return runCommand(context, call, parsed.args);
  }
}

/** The short label on a tool card: the path, pattern or command the call acts on. */
function describeTarget(call: AssembledToolCall): string {
  const args = (call.arguments ?? {}) as Record<string, unknown>;
  const pick = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
  const target = pick('path') ?? pick('pattern') ?? pick('command') ?? (call.name === '$web_search' ? pick('query') : undefined);
  return (target ?? '').slice(0, 200);
}
