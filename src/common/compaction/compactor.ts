// Runs one compaction: asks the model (same system prompt, same tool list, tool_choice "none") to summarize the
// older part of the conversation, and records the summary, its usage and its cost on the conversation.
import type { AgentOptions } from '../agent/agentLoop';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../context/tokens';
import type { StoredCompaction, StoredConversation, StoredTurn } from '../conversations/model';
import { newConversationId } from '../conversations/newConversation';
import { toApiHistory } from '../conversations/viewModel';
import type { ChatMessage, Cost, KimiError, ToolDefinition } from '../llm/types';
import { currentTodos } from '../todo/todoTool';
import { chooseCut, compactionInstruction, summaryWithTodos } from './compaction';

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
  const messages: ChatMessage[] = [request.system, ...older, { role: 'user', content: compactionInstruction(request.instruction) }];
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

  const compaction: StoredCompaction = {
    id: newConversationId(request.now()),
    afterTurnId: cut.afterTurnId,
    summary: summaryWithTodos(text, currentTodos(conversation)),
    trigger: request.trigger,
    ...(request.instruction?.trim() ? { instruction: request.instruction.trim() } : {}),
    replacedTurns: cut.replacedTurns,
    createdAt: request.now(),
    usage,
    ...(cost ? { cost } : {}),
  };
  conversation.compactions = [...(conversation.compactions ?? []), compaction];
  return { ok: true, compaction };
}
