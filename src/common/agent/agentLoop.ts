// One assistant turn: call the model, run the tools it asks for, feed the results back, and repeat until it
// answers without tools, the step limit is reached, or the user stops. Every message it adds is reported as
// soon as it is complete, so the caller can persist the turn at each step.
import { cancelledError, makeKimiError } from '../llm/errors';
import type { AssembledToolCall, ChatMessage, Cost, KimiError, StreamEvent, ToolDefinition, Usage } from '../llm/types';

export interface AgentRequest {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  webSearch: boolean;
  signal: AbortSignal;
  /** 'none' asks for an answer without tool calls while the tool list stays as it was (compaction). */
  toolChoice?: 'auto' | 'none';
}

export interface ToolOutcome {
  /** What the model reads as the tool result. */
  content: string;
  status: 'done' | 'error' | 'rejected';
  /** A short line for the tool card, e.g. "120 lines" or "accepted 2 of 3 hunks". */
  summary: string;
  /**
   * Images of the result (an MCP tool's), as `data:` URIs. A tool message carries text only, so they follow the
   * tool messages as one user message of image parts. The tool leaves them out for a model without images.
   */
  images?: readonly { dataUri: string }[];
}

export interface AgentTools {
  definitions(): ToolDefinition[];
  /** Consecutive read-only calls of one response run in parallel; any other call runs alone, in the model's order. */
  isReadOnly(name: string): boolean;
  /** Short human label of what a call acts on, e.g. the path. */
  describeTarget(call: AssembledToolCall): string;
  execute(call: AssembledToolCall, signal: AbortSignal): Promise<ToolOutcome>;
}

export interface AgentObserver {
  onReasoning(text: string): void;
  onText(text: string): void;
  onToolCall(call: AssembledToolCall, status: 'pending' | 'running'): void;
  onToolResult(call: AssembledToolCall, outcome: ToolOutcome): void;
  onUsage(usage: Usage): void;
  onCost(cost: Cost): void;
  onRetry(attempt: number, delayMs: number, error: KimiError): void;
  /** Messages appended to the turn's history; each batch is complete and safe to persist. */
  onMessages(messages: ChatMessage[]): void;
}

export type AgentStopReason = 'answered' | 'stepLimit' | 'cancelled' | 'error' | 'length';

export interface AgentTurnResult {
  reason: AgentStopReason;
  error?: KimiError;
  steps: number;
}

export interface AgentOptions {
  maxSteps: number;
  webSearch: boolean;
  stream(request: AgentRequest): AsyncIterable<StreamEvent>;
  tools: AgentTools;
  /**
   * Before each model call after the first: may return a shorter history to continue from (compaction in the
   * middle of a long turn). It must stay a valid history; messages appended later follow it.
   */
  beforeStep?(conversation: readonly ChatMessage[], signal: AbortSignal): Promise<ChatMessage[] | undefined>;
}

const WEB_SEARCH_TOOL = '$web_search';

export async function runAgentTurn(
  history: readonly ChatMessage[],
  options: AgentOptions,
  observer: AgentObserver,
  signal: AbortSignal,
): Promise<AgentTurnResult> {
  const conversation = [...history];
  const append = (...messages: ChatMessage[]) => {
    conversation.push(...messages);
    observer.onMessages(messages);
  };

  for (let step = 1; step <= options.maxSteps; step++) {
    const replaced = step > 1 ? await options.beforeStep?.(conversation, signal) : undefined;
    if (replaced) conversation.splice(0, conversation.length, ...replaced);
    const outcome = await streamOneStep(conversation, options, observer, signal);
    const assistant = outcome.message;
    if (assistant) append(assistant);

    if (outcome.error) {
      return { reason: outcome.error.category === 'cancelled' ? 'cancelled' : 'error', error: outcome.error, steps: step };
    }
    const calls = outcome.toolCalls;
    if (calls.length === 0) {
      return { reason: outcome.finishReason === 'length' ? 'length' : 'answered', steps: step };
    }
    const results = await runToolCalls(calls, options.tools, observer, signal);
    append(...results);
    if (signal.aborted) return { reason: 'cancelled', steps: step };
  }
  return { reason: 'stepLimit', steps: options.maxSteps };
}

interface StepOutcome {
  message?: Extract<ChatMessage, { role: 'assistant' }>;
  toolCalls: AssembledToolCall[];
  finishReason?: string;
  error?: KimiError;
}

/** What one model call has produced so far. */
interface StepProgress {
  reasoning: string;
  text: string;
  toolCalls: AssembledToolCall[];
  finishReason?: string;
  error?: KimiError;
}

async function streamOneStep(
  conversation: ChatMessage[],
  options: AgentOptions,
  observer: AgentObserver,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const progress: StepProgress = { reasoning: '', text: '', toolCalls: [] };
  // A copy: the loop keeps appending to its history while a client may still hold the request.
  const request: AgentRequest = { messages: [...conversation], tools: options.tools.definitions(), webSearch: options.webSearch, signal };
  try {
    for await (const event of options.stream(request)) applyStreamEvent(progress, event, observer);
  } catch (thrown) {
    // The stream contract is errors as values; a throwing stream must still end the turn cleanly.
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    progress.error ??= signal.aborted ? cancelledError() : makeKimiError('protocol', 'The answer stream failed unexpectedly.', { detail });
  }
  // A stream that simply ends after Stop, without a cancelled error, is still a stopped step: its calls must not run.
  if (signal.aborted && !progress.error) progress.error = cancelledError();

  const { reasoning, text, error } = progress;
  // A failed or stopped step keeps what was said, but never half a tool call: an unanswered call would make
  // the next request invalid, so calls are only kept from a step that finished cleanly.
  const keptCalls = error ? [] : progress.toolCalls;
  const hasSomething = text || reasoning || keptCalls.length > 0;
  const message: Extract<ChatMessage, { role: 'assistant' }> | undefined = hasSomething
    ? {
        role: 'assistant',
        ...(text ? { content: text } : {}),
        reasoningContent: reasoning,
        ...(keptCalls.length > 0
          ? { toolCalls: keptCalls.map((call) => ({ id: call.id, name: call.name, argumentsText: call.argumentsText })) }
          : {}),
      }
    : undefined;
  return { message, toolCalls: keptCalls, finishReason: progress.finishReason, error };
}

function applyStreamEvent(progress: StepProgress, event: StreamEvent, observer: AgentObserver): void {
  switch (event.type) {
    case 'reasoning':
      progress.reasoning += event.text;
      observer.onReasoning(event.text);
      break;
    case 'text':
      progress.text += event.text;
      observer.onText(event.text);
      break;
    case 'toolCall':
      progress.toolCalls.push(event.call);
      observer.onToolCall(event.call, 'pending');
      break;
    case 'usage':
      observer.onUsage(event.usage);
      break;
    case 'cost':
      observer.onCost(event.cost);
      break;
    case 'retry':
      observer.onRetry(event.attempt, event.delayMs, event.error);
      break;
    case 'finish':
      progress.finishReason = event.reason;
      break;
    case 'error':
      progress.error = event.error;
      break;
  }
}

async function runToolCalls(
  calls: AssembledToolCall[],
  tools: AgentTools,
  observer: AgentObserver,
  signal: AbortSignal,
): Promise<ChatMessage[]> {
  const isReadOnly = (call: AssembledToolCall) => call.name === WEB_SEARCH_TOOL || tools.isReadOnly(call.name);
  const outcomes: ToolOutcome[] = [];
  for (const batch of batchesInOrder(calls, isReadOnly)) {
    outcomes.push(...(await Promise.all(batch.map((call) => executeSafely(call, tools, observer, signal)))));
  }
  // Results go back in the model's order, one per call, so every tool_call_id is answered.
  const messages: ChatMessage[] = calls.map((call, index) => ({ role: 'tool', toolCallId: call.id, content: outcomes[index]?.content ?? '' }));
  const images = outcomes.flatMap((outcome, index) => (outcome.images ?? []).map((image) => ({ call: calls[index]!, url: image.dataUri })));
  if (images.length > 0) {
    messages.push({
      role: 'user',
      content: [
        { type: 'text', text: `The images returned by ${[...new Set(images.map((image) => image.call.name))].join(', ')} (tool call ${[...new Set(images.map((image) => image.call.id))].join(', ')}):` },
        ...images.map((image) => ({ type: 'image_url' as const, image_url: { url: image.url } })),
      ],
    });
  }
  return messages;
}

/**
 * Consecutive read-only calls form one batch that runs in parallel; any other call is a batch of its own, so it
 * waits for the calls before it and holds back the calls after it (a read asked for after an edit sees the edit).
 */
function batchesInOrder(calls: AssembledToolCall[], isReadOnly: (call: AssembledToolCall) => boolean): AssembledToolCall[][] {
  const batches: AssembledToolCall[][] = [];
  let previousWasReadOnly = false;
  for (const call of calls) {
    const readOnly = isReadOnly(call);
    const current = batches.at(-1);
    if (readOnly && previousWasReadOnly && current) current.push(call);
    else batches.push([call]);
    previousWasReadOnly = readOnly;
  }
  return batches;
}

async function executeSafely(
  call: AssembledToolCall,
  tools: AgentTools,
  observer: AgentObserver,
  signal: AbortSignal,
): Promise<ToolOutcome> {
  let outcome: ToolOutcome;
  if (signal.aborted) {
    outcome = { content: 'Not run: the user stopped the request.', status: 'rejected', summary: 'stopped' };
  } else if (call.name === WEB_SEARCH_TOOL) {
    // Kimi's built-in search runs on the provider: the protocol wants the arguments echoed back unchanged.
    outcome = { content: call.argumentsText, status: 'done', summary: 'searched by the provider' };
  } else if (call.parseError !== undefined) {
    outcome = {
      content: `Error: the arguments of ${call.name} are not valid JSON (${call.parseError}). Send the call again with a JSON object.`,
      status: 'error',
      summary: 'invalid arguments',
    };
  } else {
    observer.onToolCall(call, 'running');
    try {
      outcome = await tools.execute(call, signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { content: `Error: ${call.name} failed: ${message}`, status: 'error', summary: 'failed' };
    }
  }
  observer.onToolResult(call, outcome);
  return outcome;
}
