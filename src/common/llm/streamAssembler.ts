// Assembles `chat.completion.chunk` objects into typed stream events: reasoning and text deltas as they
// arrive, tool calls (buffered by index) once the stream finishes, then usage, cost and the outcome.
// Pure: no I/O, no clock, so every provider quirk can be tested on synthetic chunks.
import type { ModelPrice, ToolCallIdStyle } from '../models';
import { resolveCost } from './cost';
import { makeKimiError } from './errors';
import { chunkSchema, parseToolArguments, toFinishReason, toUsage, type ToolCallFragment, type WireChunk } from './responseSchemas';
import { ToolMarkupGuard } from './toolMarkupGuard';
import type { AssembledToolCall, FinishReason, KimiError, StreamEvent, Usage } from './types';

export interface StreamAssemblerOptions {
  /** This provider's price, used only when the provider does not report its spend. */
  price?: ModelPrice;
  /** For a call that streamed no id (the client never rewrites an id it received). */
  toolCallIdStyle?: ToolCallIdStyle;
  providerLabel?: string;
}

interface PendingToolCall {
  index: number;
  id: string;
  name: string;
  argumentParts: string[];
}

export function makeToolCallId(style: ToolCallIdStyle, name: string, index: number): string {
  return style === 'name-index' ? `${name}:${index}` : `functions.${name}:${index}`;
}

export class StreamAssembler {
  private readonly guard = new ToolMarkupGuard();
  private readonly toolCalls = new Map<number, PendingToolCall>();
  private readonly providerLabel: string;
  private finishReason: FinishReason | undefined;
  private usageSeen: Usage | undefined;
  private reportedSpend: { usd?: number; credits?: number } | undefined;
  private protocolError: KimiError | undefined;
  private modelSeen: string | undefined;
  private responseId: string | undefined;
  private output = false;

  constructor(private readonly options: StreamAssemblerOptions = {}) {
    this.providerLabel = options.providerLabel ?? 'The provider';
  }

  /** True once any reasoning, text or tool-call fragment arrived: from then on a retry would repeat output. */
  get hasOutput(): boolean {
    return this.output;
  }

  get finished(): boolean {
    return this.finishReason !== undefined;
  }

  /** The model the provider says answered (AI/ML API reports `kimi-k2.6` for `moonshot/kimi-k2-6`). */
  get model(): string | undefined {
    return this.modelSeen;
  }

  get usage(): Usage | undefined {
    return this.usageSeen;
  }

  /** The completion id the chunks carry (`chatcmpl-...`). */
  get completionId(): string | undefined {
    return this.responseId;
  }

  /** Consumes one chunk; returns the deltas it carried. */
  push(rawChunk: unknown): StreamEvent[] {
    const parsed = chunkSchema.safeParse(rawChunk);
    if (!parsed.success) {
      this.protocolError ??= makeKimiError('protocol', `${this.providerLabel} sent a stream chunk of an unexpected shape.`, {
        detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
      return [];
    }
    const chunk = parsed.data;
    this.recordMetadata(chunk);
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0) ?? chunk.choices?.[0];
    if (!choice) return [];
    if (choice.usage) this.usageSeen = toUsage(choice.usage);
    if (choice.finish_reason) this.finishReason = toFinishReason(choice.finish_reason);

    const events: StreamEvent[] = [];
    const delta = choice.delta;
    if (!delta) return events;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) {
      this.output = true;
      events.push({ type: 'reasoning', text: reasoning });
    }
    if (delta.content) {
      this.output = true;
      const safe = this.guard.push(delta.content);
      if (safe) events.push({ type: 'text', text: safe });
    }
    delta.tool_calls?.forEach((fragment, position) => this.addToolCallFragment(fragment, position));
    return events;
  }

  /** Ends the stream: the remaining text, tool calls, usage, cost and one terminal `finish` or `error`. */
  finish(context: { requestId?: string } = {}): StreamEvent[] {
    const events: StreamEvent[] = [];
    const tail = this.guard.flush();
    if (tail) events.push({ type: 'text', text: tail });
    const outcome = this.outcomeError();
    if (!outcome) events.push(...this.assembledToolCalls().map((call): StreamEvent => ({ type: 'toolCall', call })));
    if (this.usageSeen) events.push({ type: 'usage', usage: this.usageSeen });
    const cost = resolveCost(this.reportedSpend, this.usageSeen, this.options.price);
    if (cost) events.push({ type: 'cost', cost });
    const requestId = context.requestId ?? this.responseId;
    if (outcome) {
      events.push({ type: 'error', error: requestId && !outcome.requestId ? { ...outcome, requestId } : outcome });
    } else {
      events.push({
        type: 'finish',
        reason: this.finishReason ?? 'unknown',
        ...(this.modelSeen ? { model: this.modelSeen } : {}),
        ...(requestId ? { requestId } : {}),
      });
    }
    return events;
  }

  private recordMetadata(chunk: WireChunk): void {
    if (chunk.model) this.modelSeen = chunk.model;
    if (chunk.id) this.responseId = chunk.id;
    if (chunk.usage) this.usageSeen = toUsage(chunk.usage);
    const spend = chunk.meta?.usage;
    if (spend && (typeof spend.usd_spent === 'number' || typeof spend.credits_used === 'number')) {
      this.reportedSpend = {
        ...(typeof spend.usd_spent === 'number' ? { usd: spend.usd_spent } : {}),
        ...(typeof spend.credits_used === 'number' ? { credits: spend.credits_used } : {}),
      };
    }
  }

  private addToolCallFragment(fragment: ToolCallFragment, position: number): void {
    this.output = true;
    const index = fragment.index ?? this.indexForUnindexedFragment(fragment, position);
    let call = this.toolCalls.get(index);
    if (!call) {
      call = { index, id: '', name: '', argumentParts: [] };
      this.toolCalls.set(index, call);
    }
    // Arguments may arrive before the delta that names the call; the first id and name win.
    if (fragment.id && !call.id) call.id = fragment.id;
    if (fragment.function?.name && !call.name) call.name = fragment.function.name;
    if (fragment.function?.arguments) call.argumentParts.push(fragment.function.arguments);
  }

  /** Some servers omit `index`: match by id, else continue the latest call, else start at the position. */
  private indexForUnindexedFragment(fragment: ToolCallFragment, position: number): number {
    const calls = [...this.toolCalls.values()];
    if (fragment.id) {
      const known = calls.find((call) => call.id === fragment.id);
      return known ? known.index : Math.max(position, ...calls.map((call) => call.index + 1));
    }
    return calls.length > 0 ? Math.max(...calls.map((call) => call.index)) : position;
  }

  private assembledToolCalls(): AssembledToolCall[] {
    const style = this.options.toolCallIdStyle ?? 'functions-name-index';
    return [...this.toolCalls.values()]
      .sort((a, b) => a.index - b.index)
      .map((pending) => {
        const argumentsText = pending.argumentParts.join('');
        const parsed = parseToolArguments(argumentsText);
        return {
          index: pending.index,
          id: pending.id || makeToolCallId(style, pending.name, pending.index),
          name: pending.name,
          argumentsText,
          ...parsed,
        };
      });
  }

  private outcomeError(): KimiError | undefined {
    if (this.protocolError) return this.protocolError;
    if (this.guard.leaked) {
      return makeKimiError(
        'protocol',
        `${this.providerLabel} sent a tool call as raw text instead of a structured call; the answer was stopped there.`,
        { detail: this.guard.leakedMarkup.slice(0, 2000) },
      );
    }
    if (this.finishReason === undefined) {
      return makeKimiError('network', `The connection to ${this.providerLabel} closed before the answer was complete.`);
    }
    const unnamed = [...this.toolCalls.values()].find((call) => !call.name);
    if (unnamed) {
      return makeKimiError('protocol', `${this.providerLabel} sent a tool call without a name.`, {
        detail: `tool call index ${unnamed.index}`,
      });
    }
    if (this.finishReason === 'content_filter') {
      return makeKimiError('contentFiltered', `${this.providerLabel}'s content filter stopped this answer.`);
    }
    return undefined;
  }
}
