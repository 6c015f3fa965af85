// The `task` tool: starts the subagents a call asks for on the host's scheduler, keeps their records on the
// parent turn (drawn as cards under the call, saved with the conversation), and answers the call with every
// subagent's report, failed or stopped ones said as such, so the parent can go on with what it got.
import type { AgentTools, ToolOutcome } from '../agent/agentLoop';
import { appendTools } from '../agent/appendTools';
import type { StoredAssistantTurn, StoredSubagent } from '../conversations/model';
import type { AssembledToolCall } from '../llm/types';
import { protocolLimits } from '../protocol';
import { SubagentJob, SUBAGENT_INSTRUCTIONS, type SubagentJobDeps } from './subagentJob';
import { restrictForSubagent, type SubagentHost } from './subagentTools';
import { parseTaskCall, TASK_TOOL, taskToolDefinition, type SubagentTask } from './taskArguments';

/** What every subagent's job needs (the parent's stream, prompt, limits and hooks), and where the tool starts them. */
export interface TaskToolDeps extends Omit<SubagentJobDeps, 'tools'> {
  host: SubagentHost;
  /** The parent turn: its subagents are stored on it. */
  turn: StoredAssistantTurn;
}

export function createTaskTool(deps: TaskToolDeps): AgentTools {
  const definitions = [taskToolDefinition()];
  return {
    definitions: () => definitions,
    // Several task calls of one response run side by side; the scheduler bounds how many subagents work at once.
    isReadOnly: (name) => name === TASK_TOOL,
    describeTarget,
    execute: (call, signal) => runTasks(deps, call, signal),
  };
}

/** The parent's tools with `task` after them (the list stays in a fixed order for the prefix cache). */
export function withTaskTool(tools: AgentTools, task: AgentTools): AgentTools {
  return appendTools(tools, task, (name) => name === TASK_TOOL);
}

function describeTarget(call: AssembledToolCall): string {
  const parsed = parseTaskCall(call.arguments);
  if (!parsed.ok) return '';
  const [first] = parsed.tasks;
  return (parsed.tasks.length === 1 && first ? first.description : `${parsed.tasks.length} subagents`).slice(0, 200);
}

async function runTasks(deps: TaskToolDeps, call: AssembledToolCall, signal: AbortSignal): Promise<ToolOutcome> {
  const parsed = parseTaskCall(call.arguments);
  if (!parsed.ok) return { content: `Error: ${parsed.error}`, status: 'error', summary: 'invalid call' };
  const subagents = (deps.turn.subagents ??= []);
  if (subagents.length + parsed.tasks.length > protocolLimits.subagentsPerTurn) {
    return { content: `Error: one answer may start at most ${protocolLimits.subagentsPerTurn} subagents. Finish with what you have.`, status: 'error', summary: 'too many subagents' };
  }
  const jobs = parsed.tasks.map((task) => {
    const record = newSubagentRecord(call.id, task);
    subagents.push(record);
    return new SubagentJob(record, {
      stream: deps.stream,
      tools: (recorder, subagentSignal) => restrictForSubagent(deps.host.tools(recorder, subagentSignal, task.access), task.access),
      systemPrompt: `${deps.systemPrompt}\n\n${SUBAGENT_INSTRUCTIONS}`,
      maxSteps: deps.maxSteps,
      now: deps.now,
      publish: deps.publish,
      persist: deps.persist,
      onCost: deps.onCost,
    });
  });
  deps.publish();
  deps.persist(true);
  const reports = await Promise.all(jobs.map(async (job) => job.settle(await deps.host.scheduler.run(job, signal))));
  return answer(jobs.map((job, index) => ({ record: job.record, report: reports[index] ?? '' })));
}

function newSubagentRecord(callId: string, task: SubagentTask): StoredSubagent {
  return {
    role: 'assistant',
    id: `sa-${crypto.randomUUID().slice(0, 13)}`,
    callId,
    description: task.description,
    prompt: task.prompt,
    access: task.access,
    phase: 'queued',
    messages: [],
    reasoning: '',
    text: '',
    toolCards: [],
    status: 'streaming',
  };
}

const outcomeWords = { done: 'done', error: 'failed', stopped: 'stopped by the user' } as const;

/** Every subagent's report, in the order asked, each saying how it ended. */
function answer(results: { record: StoredSubagent; report: string }[]): ToolOutcome {
  const ended = (record: StoredSubagent) => (record.phase === 'done' || record.phase === 'error' ? record.phase : 'stopped');
  const sections = results.map(({ record, report }, index) => {
    const how = outcomeWords[ended(record)];
    const body =
      ended(record) === 'done'
        ? report || '(The subagent finished without a report.)'
        : [ended(record) === 'error' ? `The subagent failed: ${record.note ?? 'unknown error'}.` : 'The user stopped this subagent.', report ? `What it had so far:\n${report}` : '']
            .filter(Boolean)
            .join('\n');
    // A report cannot close its own section early and speak as another subagent.
    const fenced = body.replaceAll('</subagent>', '<\\/subagent>');
    return `<subagent index="${index + 1}" description=${JSON.stringify(record.description)} status="${how}">\n${fenced}\n</subagent>`;
  });
  const done = results.filter(({ record }) => record.phase === 'done').length;
  const failed = results.filter(({ record }) => record.phase === 'error').length;
  const stopped = results.length - done - failed;
  const summary = [`${done} done`, failed ? `${failed} failed` : '', stopped ? `${stopped} stopped` : ''].filter(Boolean).join(', ');
  return {
    content: sections.join('\n\n'),
    status: done > 0 ? 'done' : stopped === results.length ? 'rejected' : 'error',
    summary: results.length === 1 ? summary : `${results.length} subagents: ${summary}`,
  };
}
