// The chat-completions request body as Kimi's providers take it, including the fields the OpenAI SDK
// types do not declare (`thinking`, `reasoning_content`).
import type { UserContentPart } from './types';

export interface WireToolCall {
  id: string;
  /** Kimi's built-in `$web_search` call goes back as `builtin_function`, as the provider sent it. */
  type: 'function' | 'builtin_function';
  function: { name: string; arguments: string };
}

export type WireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | UserContentPart[] }
  | { role: 'assistant'; content?: string; reasoning_content?: string; tool_calls?: WireToolCall[]; partial?: boolean }
  | { role: 'tool'; tool_call_id: string; content: string };

export type WireTool =
  | { type: 'function'; function: { name: string; description: string; parameters: Record<string, unknown> } }
  | { type: 'builtin_function'; function: { name: '$web_search' } };

export type WireToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean } };

export interface ChatCompletionRequestBody {
  model: string;
  messages: WireMessage[];
  stream: boolean;
  stream_options?: { include_usage: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  thinking?: { type: 'enabled' | 'disabled' };
  temperature?: number;
  tools?: WireTool[];
  tool_choice?: WireToolChoice;
  parallel_tool_calls?: boolean;
  stop?: string[];
  response_format?: ResponseFormat;
  seed?: number;
  /** `requestOverrides` may add provider-specific fields. */
  [extraField: string]: unknown;
}
