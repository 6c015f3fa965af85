// Compaction inside one long answer: before each model call after the first, when the next request would pass the
// threshold, the history so far is summarized and the answer continues from the summary (see compactRunningTurn).
import type { AgentOptions } from '../agent/agentLoop';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../context/tokens';
import type { StoredAssistantTurn, StoredCompaction, StoredConversation } from '../conversations/model';
import type { ChatMessage, ToolDefinition } from '../llm/types';
import { compactRunningTurn } from './compactor';

export interface MidTurnCompactionOptions {
  stream: AgentOptions['stream'];
  system: ChatMessage;
  tools(): ToolDefinition[];
  thresholdTokens: number;
  /** The answer's question stays word for word up to this size. */
  keepTokens: number;
  /** Tokens of the latest model call (prompt and answer), as the provider reported them. */
  lastCallTokens(): number;
  now(): number;
  /** A compaction was recorded on the conversation (save it, show its card, count its cost). */
  onCompacted(compaction: StoredCompaction): void;
  /** A compaction that failed: the answer goes on with the full history. */
  onFailed(message: string): void;
}

const images = /data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g;

/** What the next request will hold: the provider's count of the last call, or our estimate if that is larger. */
function nextRequestTokens(messages: readonly ChatMessage[], tools: ToolDefinition[], lastCallTokens: number): number {
  const text = JSON.stringify(messages) + JSON.stringify(tools);
  const estimate = estimateTokens(text.replace(images, '')) + (text.match(images)?.length ?? 0) * IMAGE_TOKEN_ESTIMATE;
  return Math.max(lastCallTokens, estimate);
}

export function midTurnCompaction(conversation: StoredConversation, turn: StoredAssistantTurn, options: MidTurnCompactionOptions): NonNullable<AgentOptions['beforeStep']> {
  return async (messages, signal) => {
    const tools = options.tools();
    if (nextRequestTokens(messages, tools, options.lastCallTokens()) < options.thresholdTokens) return undefined;
    const outcome = await compactRunningTurn(conversation, turn, messages, {
      stream: options.stream,
      system: options.system,
      tools,
      trigger: 'auto',
      keepTokens: options.keepTokens,
      signal,
      now: options.now,
    });
    if (!outcome.ok) {
      if (outcome.reason === 'failed') options.onFailed(outcome.message);
      return undefined;
    }
    options.onCompacted(outcome.compaction);
    return outcome.history;
  };
}
