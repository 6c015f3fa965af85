// A compaction as the chat runs it: the same connection, system prompt and tool list a turn would use now (so the
// request shares the turns' cached prefix), then the compactor. Editor-free; the orchestrator decides when.
import type { TurnEnvironment } from '../chat/assistantTurn';
import { buildSystemPrompt } from '../context/systemPrompt';
import type { StoredCompaction, StoredConversation } from '../conversations/model';
import { newAssistantTurn } from '../conversations/newConversation';
import { TurnRecorder } from '../conversations/turnRecorder';
import { offersSubagents } from '../subagents/subagentTools';
import { taskToolDefinition } from '../subagents/taskArguments';
import { compactConversation, type CompactionOutcome } from './compactor';

export interface CompactionTurnOptions {
  trigger: StoredCompaction['trigger'];
  instruction?: string;
  keepTokens: number;
  signal: AbortSignal;
  now(): number;
}

export async function runCompactionTurn(conversation: StoredConversation, environment: TurnEnvironment, options: CompactionTurnOptions): Promise<CompactionOutcome> {
  const connection = await environment.connect(options.signal);
  if (!connection.ok) return { ok: false, reason: 'failed', message: connection.error.message, error: connection.error };
  if (options.signal.aborted) return { ok: false, reason: 'cancelled', message: 'Compaction was stopped; the conversation is unchanged.' };
  const system = { role: 'system' as const, content: buildSystemPrompt(await environment.rulesFiles()) };
  // The tool list is only read, never run: a recorder on a scratch turn satisfies the factory.
  const scratch = new TurnRecorder(newAssistantTurn(environment.modelLabel(), options.now()), {
    post: () => undefined,
    persist: () => undefined,
    describeTarget: (call) => call.name,
    now: options.now,
  });
  const own = environment.tools(scratch, options.signal).definitions();
  // A turn appends the `task` tool where subagents are offered (see assistantTurn): listed here too, or the prefix would differ.
  const tools = offersSubagents(environment.subagents) ? [...own, taskToolDefinition()] : own;
  return compactConversation(conversation, { ...options, stream: connection.stream, system, tools });
}
