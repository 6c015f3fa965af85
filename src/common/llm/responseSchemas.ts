// Lenient runtime schemas for what providers send back (stream chunks, whole responses, usage) and
// the mapping of their usage blocks to our `Usage`. Unknown fields pass; wrong types are caught.
import { z } from 'zod';
import type { FinishReason, Usage } from './types';

const count = z.number().nullish();

export const usageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  cached_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
});
export type WireUsage = z.infer<typeof usageSchema>;

/** AI/ML API's cost block (`meta.usage`). */
export const metaSchema = z
  .looseObject({ usage: z.looseObject({ credits_used: count, usd_spent: count }).nullish() })
  .nullish();

const toolCallFragmentSchema = z.looseObject({
  index: z.number().int().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
export type ToolCallFragment = z.infer<typeof toolCallFragmentSchema>;

export const chunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            // vLLM and OpenRouter name the field `reasoning`.
            reasoning: z.string().nullish(),
            tool_calls: z.array(toolCallFragmentSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        usage: usageSchema.nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema.nullish(),
  meta: metaSchema,
});
export type WireChunk = z.infer<typeof chunkSchema>;

export const completionResponseSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      message: z.looseObject({
        content: z.string().nullish(),
        reasoning_content: z.string().nullish(),
        reasoning: z.string().nullish(),
        tool_calls: z
          .array(
            z.looseObject({
              id: z.string().nullish(),
              function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
            }),
          )
          .nullish(),
      }),
      finish_reason: z.string().nullish(),
      usage: usageSchema.nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
  meta: metaSchema,
});

export function toUsage(wire: WireUsage): Usage {
  const promptTokens = wire.prompt_tokens ?? 0;
  const completionTokens = wire.completion_tokens ?? 0;
  const usage: Usage = {
    promptTokens,
    cachedTokens: wire.prompt_tokens_details?.cached_tokens ?? wire.cached_tokens ?? 0,
    completionTokens,
    totalTokens: wire.total_tokens ?? promptTokens + completionTokens,
  };
  const reasoningTokens = wire.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoningTokens === 'number') usage.reasoningTokens = reasoningTokens;
  return usage;
}

export function toFinishReason(wire: string | null | undefined): FinishReason {
  switch (wire) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return wire;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'unknown';
  }
}

/** Parses tool arguments; an empty string means no arguments. */
export function parseToolArguments(text: string): { arguments: unknown } | { parseError: string } {
  if (text.trim() === '') return { arguments: {} };
  try {
    return { arguments: JSON.parse(text) };
  } catch (error) {
    return { parseError: error instanceof Error ? error.message : String(error) };
  }
}
