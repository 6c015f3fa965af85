// The tool set the agent loop gets: definitions in a fixed order (byte-stable for the prefix cache), argument
// validation against the same schemas, the user's read-only approval, and dispatch to the executors.
import type { AgentTools, ToolOutcome } from '../agent/agentLoop';
import type { AssembledToolCall } from '../llm/types';
import { allToolNames, parseToolCall, readOnlyTools, toolDefinitions, type ParsedToolCall, type ToolName } from './definitions';
import { readProcessOutput, stopProcess } from './executors/backgroundTools';
import { runCommand } from './executors/commandTool';
import { editFile, writeFile } from './executors/editTools';
import { getDiagnostics, listFiles, readFile } from './executors/readTools';
import { search } from './executors/searchTool';
import { askUser, failure, type ToolContext } from './toolContext';

export interface ToolSetOptions {
  /** Restricted (untrusted) workspaces get only the tools that neither write nor run. */
  readOnly: boolean;
}

export function createToolSet(context: ToolContext, options: ToolSetOptions): AgentTools {
  const available: readonly ToolName[] = options.readOnly ? allToolNames.filter((name) => readOnlyTools.has(name)) : allToolNames;
  const definitions = toolDefinitions(available);
  return {
    definitions: () => definitions,
    isReadOnly: (name) => readOnlyTools.has(name),
    describeTarget,
    execute: async (call) => {
      const parsed = parseToolCall(call.name, call.arguments);
      if (!parsed.ok) return { content: `Error: ${parsed.error}`, status: 'error', summary: 'invalid call' };
      if (!available.includes(parsed.call.name)) {
        return failure(`${call.name} is not available in this workspace (restricted mode allows only read-only tools).`, 'unavailable');
      }
      if (readOnlyTools.has(parsed.call.name) && !context.settings()['autoApprove.readOnlyTools']) {
        const approved = await askUser(context, call, { kind: 'read', subject: describeTarget(call) || call.name }, 'waiting for your approval');
        if (!approved) return { content: `The user did not allow ${call.name} on ${describeTarget(call) || 'the workspace'}. Continue without it or ask the user.`, status: 'rejected', summary: 'denied' };
        context.recorder.onToolCall(call, 'running');
      }
      return dispatch(context, call, parsed.call);
    },
  };
}

function dispatch(context: ToolContext, call: AssembledToolCall, parsed: ParsedToolCall): Promise<ToolOutcome> {
  switch (parsed.name) {
    case 'read_file':
      return readFile(context, call, parsed.args);
    case 'list_files':
      return listFiles(context, parsed.args);
    case 'search':
      return search(context, call, parsed.args);
    case 'get_diagnostics':
      return getDiagnostics(context, call, parsed.args);
    case 'edit_file':
      return editFile(context, call, parsed.args);
    case 'write_file':
      return writeFile(context, call, parsed.args);
    case 'run_command':
      return runCommand(context, call, parsed.args);
    case 'read_process_output':
      return readProcessOutput(context, parsed.args);
    case 'stop_process':
      return stopProcess(context, parsed.args);
  }
}

/** The short label on a tool card: the path, pattern or command the call acts on. */
export function describeTarget(call: AssembledToolCall): string {
  const args = (call.arguments ?? {}) as Record<string, unknown>;
  const pick = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : undefined);
  const target = pick('path') ?? pick('pattern') ?? pick('command') ?? pick('id') ?? (call.name === '$web_search' ? pick('query') : undefined);
  return (target ?? '').slice(0, 200);
}
