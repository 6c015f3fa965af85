// Maps a non-streaming chat-completions response to the same `CompletionResult` a stream produces.
import type { ModelPrice, ToolCallIdStyle } from '../models';
import { resolveCost } from './cost';
import { makeKimiError } from './errors';
import { completionResponseSchema, parseToolArguments, toFinishReason, toUsage } from './responseSchemas';
import { makeToolCallId } from './streamAssembler';
import { ToolMarkupGuard } from './toolMarkupGuard';
import type { AssembledToolCall, CompletionResult } from './types';

export interface ResponseContext {
  price?: ModelPrice;
  toolCallIdStyle: ToolCallIdStyle;
  providerLabel: string;
  /** AI/ML API also reports spend in headers on non-streaming responses. */
  headers?: Headers;
  requestId?: string;
}

function numberHeader(headers: Headers | undefined, name: string): number | undefined {
  const value = headers?.get(name);
  const parsed = value ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function mapCompletionResponse(raw: unknown, context: ResponseContext): CompletionResult {
  const empty: CompletionResult = { content: '', reasoningContent: '', toolCalls: [], finishReason: 'unknown' };
  const parsed = completionResponseSchema.safeParse(raw);
  const choice = parsed.success ? parsed.data.choices[0] : undefined;
  if (!parsed.success || !choice) {
    return {
      ...empty,
      error: makeKimiError('protocol', `${context.providerLabel} sent a response of an unexpected shape.`, {
        detail: parsed.success ? 'no choices' : parsed.error.issues.map((issue) => issue.message).join('; '),
      }),
    };
  }
  const response = parsed.data;
  const guard = new ToolMarkupGuard();
  const content = guard.push(choice.message.content ?? '') + guard.flush();
  const toolCalls: AssembledToolCall[] = (choice.message.tool_calls ?? []).map((call, index) => {
    const argumentsText = call.function.arguments ?? '';
    return {
      index,
      id: call.id || makeToolCallId(context.toolCallIdStyle, call.function.name, index),
      name: call.function.name,
      argumentsText,
      ...parseToolArguments(argumentsText),
    };
  });
  const wireUsage = response.usage ?? choice.usage;
  const usage = wireUsage ? toUsage(wireUsage) : undefined;
  const spend = response.meta?.usage;
  const reportedUsd = spend?.usd_spent ?? numberHeader(context.headers, 'x-aimlapi-usd-spent');
  const reportedCredits = spend?.credits_used ?? numberHeader(context.headers, 'x-aimlapi-credits-used');
  const cost = resolveCost(
    reportedUsd === undefined ? undefined : { usd: reportedUsd, ...(reportedCredits !== undefined ? { credits: reportedCredits } : {}) },
    usage,
    context.price,
  );
  const finishReason = toFinishReason(choice.finish_reason);
  const result: CompletionResult = {
    content,
    reasoningContent: choice.message.reasoning_content ?? choice.message.reasoning ?? '',
    toolCalls: guard.leaked ? [] : toolCalls,
    finishReason,
    ...(usage ? { usage } : {}),
    ...(cost ? { cost } : {}),
    ...(response.model ? { model: response.model } : {}),
  };
  const requestId = context.requestId ?? response.id ?? undefined;
  if (requestId) result.requestId = requestId;
  if (guard.leaked) {
    result.error = makeKimiError(
      'protocol',
      `${context.providerLabel} sent a tool call as raw text instead of a structured call.`,
      { detail: guard.leakedMarkup.slice(0, 2000) },
    );
  } else if (finishReason === 'content_filter') {
    result.error = makeKimiError('contentFiltered', `${context.providerLabel}'s content filter stopped this answer.`);
  }
  return result;
}
