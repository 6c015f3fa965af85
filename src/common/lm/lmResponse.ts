// One answer for a caller of VS Code's language-model API: text and tool calls are handed on as they stream,
// the answer's reasoning is remembered under each of its tool-call ids before the call is handed on (so a
// caller that answers at once already finds it), each call under the id the store gives it (the provider's,
// unless another conversation holds that one), and the outcome says how the request ended and what it cost.
import { CompletionCollector } from '../llm/completion';
import type { KimiError, Cost, StreamEvent, Usage, FinishReason } from '../llm/types';
import type { ReasoningStore } from './reasoningStore';

export type LmOutputPart =
  | { kind: 'text'; text: string }
  /** `input` is the parsed arguments; `{}` when the model's text was not a JSON object (the text is kept for replay). */
  | { kind: 'toolCall'; callId: string; name: string; input: object };

export interface LmResponseOutcome {
  finishReason: FinishReason;
  error?: KimiError;
  usage?: Usage;
  cost?: Cost;
  toolCalls: number;
}

function asInput(value: unknown): object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

export async function streamLmResponse(
  events: AsyncIterable<StreamEvent>,
  store: ReasoningStore,
  emit: (part: LmOutputPart) => void,
): Promise<LmResponseOutcome> {
  const collected = new CompletionCollector();
  let toolCalls = 0;
  for await (const event of events) {
    collected.add(event);
    if (event.type === 'text' && event.text) {
      emit({ kind: 'text', text: event.text });
    } else if (event.type === 'toolCall') {
      const { call } = event;
      const reasoning = collected.snapshot().reasoningContent;
      const callId = store.remember({ providerId: call.id, reasoning, name: call.name, argumentsText: call.argumentsText });
      toolCalls++;
      emit({ kind: 'toolCall', callId, name: call.name, input: asInput(call.arguments) });
    }
  }
  const { finishReason, error, usage, cost } = collected.snapshot();
  return { finishReason, toolCalls, ...(error ? { error } : {}), ...(usage ? { usage } : {}), ...(cost ? { cost } : {}) };
}
