// Ask, Plan and Agent: what the model may do in a turn. The system prompt is the same in every mode (one cached
// prefix per workspace); a mode changes only the tool list (fixed per mode, so byte-stable while the mode stays)
// and a short note at the top of the user's message, which is stored with the turn and replayed unchanged.
import type { AgentTools } from '../agent/agentLoop';
import type { ContextBlock } from '../context/userMessage';
import type { ToolDefinition } from '../llm/types';
import { readOnlyTools } from '../tools/definitions';
import { TODO_TOOL_NAME } from '../todo/todoTool';
import { chatModeLabels, type ChatMode } from './modeNames';

/** Tools a Plan turn keeps: those that only read, and the todo list (it changes no file). */
function isPlanTool(name: string): boolean {
  return readOnlyTools.has(name) || name === TODO_TOOL_NAME;
}

/**
 * The tools of a turn in this mode. Ask offers none; Plan only the read-only ones and the todo list (MCP tools
 * are left out: we cannot know that a server's tool only reads); Agent all. A call to a tool the mode does not
 * offer is refused, whatever the model claims.
 */
export function toolsForMode(tools: AgentTools, mode: ChatMode): AgentTools {
  if (mode === 'agent') return tools;
  let kept: ToolDefinition[] = [];
  let seen: ToolDefinition[] | undefined;
  const offered = (name: string) => mode === 'plan' && isPlanTool(name);
  return {
    definitions: () => {
      const all = tools.definitions();
      // Kept as the same array while the underlying list is, so requests are built from identical data.
      if (seen !== all) kept = mode === 'plan' ? all.filter((definition) => isPlanTool(definition.name)) : [];
      seen = all;
      return kept;
    },
    isReadOnly: (name) => tools.isReadOnly(name),
    describeTarget: (call) => tools.describeTarget(call),
    execute: async (call, signal) => {
      if (offered(call.name)) return tools.execute(call, signal);
      return {
        content: `Error: ${call.name} is not available in ${chatModeLabels[mode]} mode. ${mode === 'plan' ? 'Only read-only tools and todo_write are offered; describe the change in the plan instead.' : 'Answer without tools.'}`,
        status: 'rejected',
        summary: `not in ${chatModeLabels[mode]} mode`,
      };
    },
  };
}

const modeNotes: Record<ChatMode, string | undefined> = {
  ask: 'Ask mode: answer from what you know and the context given. No tools are available in this turn; do not propose edits through tools.',
  plan:
    'Plan mode: do not change anything. Use the read-only tools to study the workspace, keep the steps in todo_write, ' +
    'and end your answer with the plan as a Markdown document: ## Goal, ## Steps (numbered, naming the files), ## Risks. ' +
    'The user will edit and approve it before anything runs.',
  agent: undefined,
};

/** The note that tells the model the turn's mode; none in Agent mode, so ordinary messages stay as they were. */
export function modeContextBlock(mode: ChatMode): ContextBlock | undefined {
  const note = modeNotes[mode];
  return note ? { title: `${chatModeLabels[mode]} mode`, body: note } : undefined;
}

/** The message that starts the Agent run of an approved plan: the plan (as the user left it) travels as context. */
export function approvedPlanMessage(plan: string): { text: string; context: ContextBlock[] } {
  return {
    text: 'I approve this plan. Carry it out now, step by step, keeping the todo list up to date.',
    context: [{ title: 'Approved plan', body: plan.trim() }],
  };
}
