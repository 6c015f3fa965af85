// Runs one compaction: asks the model (same system prompt, same tool list, tool_choice "none") to summarize the
// older part of the conversation, and records the summary, its usage and its cost on the conversation.
import type { AgentOptions } from '../agent/agentLoop';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../context/tokens';
import type { StoredAssistantTurn, StoredCompaction, StoredConversation, StoredTurn } from '../conversations/model';
import { newConversationId } from '../conversations/newConversation';
import { toApiHistory } from '../conversations/viewModel';
import type { ChatMessage, Cost, KimiError, ToolDefinition } from '../llm/types';
import { currentTodos } from '../todo/todoTool';
import { activeCompaction, chooseCut, compactionInstruction, summaryWithTodos, withSummary } from './compaction';

export interface CompactionRequest {
  stream: AgentOptions['stream'];
  /** The system message of the turns, byte for byte. */
  system: ChatMessage;
  /** The tool list of the turns, byte for byte (the prefix cache covers it). */
  tools: ToolDefinition[];
  trigger: StoredCompaction['trigger'];
  instruction?: string;
  /** Recent exchanges up to this many tokens stay word for word. */
  keepTokens: number;
  signal: AbortSignal;
  now(): number;
}

export type CompactionOutcome =
  | { ok: true; compaction: StoredCompaction }
  | { ok: false; reason: 'nothing' | 'failed' | 'cancelled'; message: string; error?: KimiError };

const images = /data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g;

/** Estimated tokens a turn adds to the request (images at a flat rate). */
export function turnTokens(turn: StoredTurn): number {
  const text = JSON.stringify(turn.role === 'user' ? turn.message : turn.messages);
  return estimateTokens(text.replace(images, '')) + (text.match(images)?.length ?? 0) * IMAGE_TOKEN_ESTIMATE;
}

export async function compactConversation(conversation: StoredConversation, request: CompactionRequest): Promise<CompactionOutcome> {
  const cut = chooseCut(conversation, request.keepTokens, turnTokens);
  if (!cut) return { ok: false, reason: 'nothing', message: 'Nothing to compact: no exchange has ended since the last compaction.' };
  // The older part is a prefix of what the last turn sent, so the provider's cache covers this request too.
  const older = toApiHistory({ ...conversation, turns: conversation.turns.slice(0, cut.afterIndex + 1) });
  const summary = await summarize([request.system, ...older], request);
  if (!summary.ok) return summary;
  return { ok: true, compaction: record(conversation, summary, request, { afterTurnId: cut.afterTurnId, replacedTurns: cut.replacedTurns }) };
}

/**
 * Compaction inside a long answer, before its next model call: everything so far (the loop's history, a prefix of
 * the next request) is summarized, and the answer goes on from the summary alone. The history later turns send is
 * the same: the summary, then this answer's messages from here on.
 */
export async function compactRunningTurn(
  conversation: StoredConversation,
  turn: StoredAssistantTurn,
  sent: readonly ChatMessage[],
  request: CompactionRequest,
): Promise<{ ok: true; compaction: StoredCompaction; history: ChatMessage[] } | Extract<CompactionOutcome, { ok: false }>> {
  const summary = await summarize(sent, request);
  if (!summary.ok) return summary;
  // The user's request stays word for word, unless it is itself what fills the window.
  const question = conversation.turns[conversation.turns.indexOf(turn) - 1];
  const keptQuestion = question?.role === 'user' && turnTokens(question) <= request.keepTokens ? question : undefined;
  const compaction = record(conversation, summary, request, {
    afterTurnId: turn.id,
    afterMessages: turn.messages.length,
    ...(keptQuestion ? { keptQuestion: true } : {}),
    replacedTurns: turnsSinceLastCompaction(conversation, turn),
  });
  const sentAfter: ChatMessage[] = keptQuestion ? [keptQuestion.message as ChatMessage] : [];
  return { ok: true, compaction, history: [request.system, ...withSummary(sentAfter, compaction.summary)] };
}

function turnsSinceLastCompaction(conversation: StoredConversation, turn: StoredAssistantTurn): number {
  const previous = activeCompaction(conversation);
  const start = previous ? conversation.turns.findIndex((candidate) => candidate.id === previous.afterTurnId) + 1 : 0;
  return Math.max(1, conversation.turns.indexOf(turn) - start + 1);
}

type Summary = { ok: true; text: string; usage: StoredCompaction['usage']; cost?: Cost } | Extract<CompactionOutcome, { ok: false }>;

function record(
  conversation: StoredConversation,
  summary: Extract<Summary, { ok: true }>,
  request: CompactionRequest,
  cut: Pick<StoredCompaction, 'afterTurnId' | 'afterMessages' | 'keptQuestion' | 'replacedTurns'>,
): StoredCompaction {
  const compaction: StoredCompaction = {
    id: newConversationId(request.now()),
    ...cut,
    summary: summaryWithTodos(summary.text, currentTodos(conversation)),
    trigger: request.trigger,
    ...(request.instruction?.trim() ? { instruction: request.instruction.trim() } : {}),
    createdAt: request.now(),
    usage: summary.usage,
    ...(summary.cost ? { cost: summary.cost } : {}),
  };
  conversation.compactions = [...(conversation.compactions ?? []), compaction];
  return compaction;
}

/** Asks for the summary of `history` (same system prompt and tools as the turns, tool_choice "none"). */
async function summarize(history: readonly ChatMessage[], request: CompactionRequest): Promise<Summary> {
  const messages: ChatMessage[] = [...history, { role: 'user', content: compactionInstruction(request.instruction) }];
  let text = '';
  let error: KimiError | undefined;
  const usage = { promptTokens: 0, cachedTokens: 0, completionTokens: 0 };
  let cost: Cost | undefined;
  try {
    const events = request.stream({
      messages,
      tools: request.tools,
      webSearch: false,
      signal: request.signal,
      ...(request.tools.length > 0 ? { toolChoice: 'none' as const } : {}),
    });
    for await (const event of events) {
      if (event.type === 'text') text += event.text;
      else if (event.type === 'error') error = event.error;
      else if (event.type === 'usage') {
        usage.promptTokens += event.usage.promptTokens;
        usage.cachedTokens += event.usage.cachedTokens;
        usage.completionTokens += event.usage.completionTokens;
      } else if (event.type === 'cost') cost = { usd: (cost?.usd ?? 0) + event.cost.usd, estimated: (cost?.estimated ?? false) || event.cost.estimated };
    }
  } catch (thrown) {
    if (!request.signal.aborted) return { ok: false, reason: 'failed', message: `Compaction failed: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
  }
  if (request.signal.aborted || error?.category === 'cancelled') return { ok: false, reason: 'cancelled', message: 'Compaction was stopped; the conversation is unchanged.' };
  if (error) return { ok: false, reason: 'failed', message: `Compaction failed: ${error.message}`, error };
  if (!text.trim()) return { ok: false, reason: 'failed', message: 'Compaction failed: the model returned no summary. The conversation is unchanged.' };
  return { ok: true, text, usage, ...(cost ? { cost } : {}) };
}
