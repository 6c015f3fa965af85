// The shared vocabulary of the Kimi client: conversation messages as the API accepts them,
// the typed events a streamed answer is assembled into, and errors as values.

/** A piece of user content: text, or an image as a base64 `data:` URI. */
export type UserContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

export interface ToolCall {
  /** Provider id, echoed back unchanged (`read_file:0`, `functions.read_file:0`, `call_...`). */
  id: string;
  name: string;
  /** The raw argument text exactly as streamed. */
  argumentsText: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | UserContentPart[] }
  | {
      role: 'assistant';
      content?: string;
      /** Kept exactly as received; required back by the API on tool-call turns when thinking is on. */
      reasoningContent?: string;
      toolCalls?: ToolCall[];
      /** Moonshot's partial mode: the last message, whose content the answer continues. */
      partial?: boolean;
    }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description: string;
  /** Plain JSON Schema with an explicit `type` everywhere (Moonshot rejects `$ref` and enum-only properties). */
  parameters: Record<string, unknown>;
}

export interface Usage {
  promptTokens: number;
  /** Cached prompt tokens, from `prompt_tokens_details.cached_tokens` or a top-level `cached_tokens`. */
  cachedTokens: number;
  /** Includes reasoning tokens. */
  completionTokens: number;
  reasoningTokens?: number;
  totalTokens: number;
}

export interface Cost {
  usd: number;
  /** True when computed from the price table rather than reported by the provider. */
  estimated: boolean;
  credits?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'cancelled' | 'unknown';

export type ErrorCategory =
  | 'auth'
  | 'quota'
  | 'rateLimited'
  | 'overloaded'
  | 'contextTooLong'
  | 'invalidRequest'
  | 'contentFiltered'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'protocol'
  | 'noKey';

/** What the UI offers next to the error sentence. */
export type ErrorAction = 'setKey' | 'topUp' | 'wait' | 'shortenContext' | 'retry' | 'openSettings' | 'none';

export interface KimiError {
  category: ErrorCategory;
  /** One sentence for the user, never a stack trace, never the key. */
  message: string;
  action: ErrorAction;
  /** The provider's own message, for the log and a "details" disclosure. */
  detail?: string;
  status?: number;
  requestId?: string;
  retryable: boolean;
  retryAfterMs?: number;
}

export interface AssembledToolCall extends ToolCall {
  index: number;
  /** Parsed arguments when `argumentsText` is valid JSON (an empty string parses as `{}`). */
  arguments?: unknown;
  /** Set when the argument text is not valid JSON; the raw text stays in `argumentsText`. */
  parseError?: string;
}

export type StreamEvent =
  | { type: 'reasoning'; text: string }
  | { type: 'text'; text: string }
  | { type: 'toolCall'; call: AssembledToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'cost'; cost: Cost }
  | { type: 'finish'; reason: FinishReason; model?: string; requestId?: string }
  | { type: 'retry'; attempt: number; delayMs: number; error: KimiError }
  | { type: 'error'; error: KimiError };

/** Everything one completed (or failed) model call produced, in the shape history needs. */
export interface CompletionResult {
  content: string;
  reasoningContent: string;
  toolCalls: AssembledToolCall[];
  usage?: Usage;
  cost?: Cost;
  finishReason: FinishReason;
  error?: KimiError;
  model?: string;
  requestId?: string;
}
