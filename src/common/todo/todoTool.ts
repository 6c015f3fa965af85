// The model's task list: one tool, `todo_write`, that replaces the whole list (items with a status). The list
// needs no store of its own: it is the latest successful call in the conversation's saved messages, so it
// survives a reload with the conversation and stays readable after compaction (older turns stay on disk).
import { z } from 'zod';
import type { AgentTools, ToolOutcome } from '../agent/agentLoop';
import type { StoredConversation } from '../conversations/model';
import type { AssembledToolCall, ChatMessage, ToolDefinition } from '../llm/types';

export const TODO_TOOL_NAME = 'todo_write';
export const todoStatuses = ['pending', 'in_progress', 'completed'] as const;
export type TodoStatus = (typeof todoStatuses)[number];

const MAX_TODOS = 50;

export const todoItemSchema = z.object({
  content: z.string().trim().min(1).max(500).describe('What to do, in a few words, imperative ("Add tests for the parser").'),
  status: z.enum(todoStatuses).describe('pending, in_progress (at most one at a time) or completed.'),
});
export type TodoItem = z.infer<typeof todoItemSchema>;

export const todoArgumentsSchema = z.object({
  todos: z.array(todoItemSchema).max(MAX_TODOS).describe('The whole list, in order; it replaces the previous one.'),
});

/** The first words of a successful result: how the list is found again in the saved history. */
const UPDATED_PREFIX = 'Todo list updated';

const DESCRIPTION =
  'Keep the task list of a multi-step task. Send the whole list every time (it replaces the previous one): ' +
  'write it when you start, mark an item in_progress before working on it and completed as soon as it is done. ' +
  'The user sees the list pinned above the chat input.';

/** The definition the model sees, built once: the tool list must stay byte-identical between requests. */
export const todoToolDefinition: ToolDefinition = (() => {
  const json = z.toJSONSchema(todoArgumentsSchema, { io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return { name: TODO_TOOL_NAME, description: DESCRIPTION, parameters: json };
})();

export function executeTodoWrite(args: unknown): ToolOutcome & { todos?: TodoItem[] } {
  const parsed = todoArgumentsSchema.safeParse(args ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ');
    return { content: `Error: invalid arguments for ${TODO_TOOL_NAME}: ${problems}. Send the whole list again.`, status: 'error', summary: 'invalid list' };
  }
  const todos = parsed.data.todos;
  const done = todos.filter((item) => item.status === 'completed').length;
  return {
    content: `${UPDATED_PREFIX} (${done} of ${todos.length} completed):\n${formatTodos(todos)}`,
    status: 'done',
    summary: `${done} of ${todos.length} done`,
    todos,
  };
}

/** The list as plain lines, for the tool result and the compaction summary. */
export function formatTodos(todos: readonly TodoItem[]): string {
  if (todos.length === 0) return '(empty)';
  const mark: Record<TodoStatus, string> = { pending: '[ ]', in_progress: '[~]', completed: '[x]' };
  return todos.map((item) => `${mark[item.status]} ${item.content}`).join('\n');
}

/**
 * Adds `todo_write` after the other tools (appended, so the list before it keeps its bytes). `onChange` hears
 * every accepted list, so the pinned view updates while the turn runs.
 */
export function withTodoTool(tools: AgentTools, onChange: (todos: TodoItem[]) => void): AgentTools {
  let merged: ToolDefinition[] | undefined;
  let seen: ToolDefinition[] | undefined;
  return {
    definitions: () => {
      const own = tools.definitions();
      if (!merged || seen !== own) merged = [...own, todoToolDefinition];
      seen = own;
      return merged;
    },
    isReadOnly: (name) => (name === TODO_TOOL_NAME ? false : tools.isReadOnly(name)),
    describeTarget: (call) => (call.name === TODO_TOOL_NAME ? todoTarget(call) : tools.describeTarget(call)),
    execute: async (call, signal) => {
      if (call.name !== TODO_TOOL_NAME) return tools.execute(call, signal);
      const { todos, ...outcome } = executeTodoWrite(call.arguments);
      if (todos) onChange(todos);
      return outcome;
    },
  };
}

function todoTarget(call: AssembledToolCall): string {
  const todos = (call.arguments as { todos?: unknown } | undefined)?.todos;
  return Array.isArray(todos) ? `${todos.length} ${todos.length === 1 ? 'item' : 'items'}` : '';
}

/** The conversation's current list: the arguments of its latest `todo_write` call that succeeded. */
export function currentTodos(conversation: StoredConversation): TodoItem[] {
  for (let turnIndex = conversation.turns.length - 1; turnIndex >= 0; turnIndex--) {
    const turn = conversation.turns[turnIndex];
    if (turn?.role !== 'assistant') continue;
    const found = latestTodosIn(turn.messages as ChatMessage[]);
    if (found) return found;
  }
  return [];
}

function latestTodosIn(messages: readonly ChatMessage[]): TodoItem[] | undefined {
  const succeeded = new Set(
    messages.flatMap((message) => (message.role === 'tool' && message.content.startsWith(UPDATED_PREFIX) ? [message.toolCallId] : [])),
  );
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'assistant' || !message.toolCalls) continue;
    for (const call of [...message.toolCalls].reverse()) {
      if (call.name !== TODO_TOOL_NAME || !succeeded.has(call.id)) continue;
      const parsed = todoArgumentsSchema.safeParse(safeJson(call.argumentsText));
      if (parsed.success) return parsed.data.todos;
    }
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
