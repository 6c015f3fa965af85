// Folds a stream of events into the `CompletionResult` history needs, and turns a result into the
// assistant turn to store (reasoning kept exactly, ids untouched, for Kimi's multi-turn rules).
import type { ChatMessage, CompletionResult, StreamEvent } from './types';

/** Collects events one at a time, for callers that also forward each event (to the chat view). */
export class CompletionCollector {
  private readonly contentParts: string[] = [];
  private readonly reasoningParts: string[] = [];
  private readonly result: CompletionResult = { content: '', reasoningContent: '', toolCalls: [], finishReason: 'unknown' };

  add(event: StreamEvent): void {
    switch (event.type) {
      case 'text':
        this.contentParts.push(event.text);
        break;
      case 'reasoning':
        this.reasoningParts.push(event.text);
        break;
      case 'toolCall':
        this.result.toolCalls.push(event.call);
        break;
      case 'usage':
        this.result.usage = event.usage;
        break;
      case 'cost':
        this.result.cost = event.cost;
        break;
      case 'finish':
        this.result.finishReason = event.reason;
        if (event.model) this.result.model = event.model;
        if (event.requestId) this.result.requestId = event.requestId;
        break;
      case 'error':
        this.result.error = event.error;
        if (event.error.requestId) this.result.requestId = event.error.requestId;
        if (event.error.category === 'cancelled') this.result.finishReason = 'cancelled';
        if (event.error.category === 'contentFiltered') this.result.finishReason = 'content_filter';
        break;
      case 'retry':
        break;
    }
  }

  /** The result so far (partial content stays when the call failed midway). */
  snapshot(): CompletionResult {
    return {
      ...this.result,
      toolCalls: [...this.result.toolCalls],
      content: this.contentParts.join(''),
      reasoningContent: this.reasoningParts.join(''),
    };
  }
}

export async function collectCompletion(events: AsyncIterable<StreamEvent>): Promise<CompletionResult> {
  const collector = new CompletionCollector();
  for await (const event of events) collector.add(event);
  return collector.snapshot();
}

/** The assistant turn to store. Reasoning is kept whenever it was captured: Kimi needs it back on tool-call turns. */
export function toHistoryMessage(result: CompletionResult): ChatMessage {
  const message: Extract<ChatMessage, { role: 'assistant' }> = { role: 'assistant' };
  if (result.content) message.content = result.content;
  if (result.reasoningContent) message.reasoningContent = result.reasoningContent;
  if (result.toolCalls.length > 0) {
    message.toolCalls = result.toolCalls.map((call) => ({ id: call.id, name: call.name, argumentsText: call.argumentsText }));
  }
  return message;
}
