// The `task` tool as the model sees it, and the check of its arguments: one subagent (`description`, `prompt`,
// `tools`) or several in `tasks`. One zod schema gives both the JSON Schema sent and the run-time validation.
import { z } from 'zod';
import type { ToolDefinition } from '../llm/types';
import { toPlainJsonSchema } from '../tools/definitions';

export const TASK_TOOL = 'task';
export const MAX_TASKS_PER_CALL = 8;

const description = z.string().min(1).max(200).describe('A short title of the task (3 to 8 words), shown to the user on the subagent\'s card.');
const prompt = z
  .string()
  .min(1)
  .max(100_000)
  .describe('The whole task: the subagent sees nothing of this conversation. Say what to find out or do, where to look, and what to report.');
const tools = z
  .enum(['read_only', 'edit'])
  .optional()
  .describe('read_only (default): read_file, list_files, search, get_diagnostics and read-only MCP tools. edit: also edit_file and write_file, whose changes the user reviews like yours.');

const oneTask = z.object({ description, prompt, tools });

export const taskSchema = z.object({
  description: description.optional(),
  prompt: prompt.optional(),
  tools,
  tasks: z
    .array(oneTask)
    .min(1)
    .max(MAX_TASKS_PER_CALL)
    .optional()
    .describe(`Several subagents to run in parallel (up to ${MAX_TASKS_PER_CALL}), instead of description and prompt.`),
});

export type SubagentTask = { description: string; prompt: string; access: 'read' | 'edit' };

const toolDescription =
  'Start subagents: each works alone on one task with its own conversation and tools, then returns a concise report as this tool\'s result. ' +
  'A subagent sees nothing of this conversation, so its prompt must say everything it needs. ' +
  'Tasks given together (in tasks, or several task calls at once) run in parallel: use them for independent work such as searching different parts of a large codebase. ' +
  'Subagents cannot run commands or start subagents.';

export function taskToolDefinition(): ToolDefinition {
  return { name: TASK_TOOL, description: toolDescription, parameters: toPlainJsonSchema(taskSchema) };
}

/** The subagents a call asks for, or an error written for the model so it can send the call again. */
export function parseTaskCall(args: unknown): { ok: true; tasks: SubagentTask[] } | { ok: false; error: string } {
  const parsed = taskSchema.safeParse(args ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ');
    return { ok: false, error: `Invalid arguments for task: ${problems}. Call it again with valid arguments.` };
  }
  const { tasks, ...single } = parsed.data;
  const hasSingle = single.description !== undefined || single.prompt !== undefined;
  if (tasks && hasSingle) return { ok: false, error: 'Give either tasks or description and prompt, not both.' };
  if (tasks) return { ok: true, tasks: tasks.map((task) => ({ description: task.description, prompt: task.prompt, access: accessOf(task.tools) })) };
  if (single.description === undefined || single.prompt === undefined) {
    return { ok: false, error: 'A task needs both description and prompt (or a tasks list of them).' };
  }
  return { ok: true, tasks: [{ description: single.description, prompt: single.prompt, access: accessOf(single.tools) }] };
}

function accessOf(tools: 'read_only' | 'edit' | undefined): 'read' | 'edit' {
  return tools === 'edit' ? 'edit' : 'read';
}
