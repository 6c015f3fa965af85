// Stand-ins for the agent loop's collaborators: a scripted model stream, a tool set whose executors the test
// controls, and an observer that records every callback. The requests each step saw are kept as snapshots.
import type { AgentObserver, AgentRequest, AgentTools, ToolOutcome } from '../../../src/common/agent/agentLoop';
import type { AssembledToolCall, ChatMessage, KimiError, StreamEvent, ToolDefinition } from '../../../src/common/llm/types';

export function toolCall(id: string, name: string, argumentsText: string, index = 0): AssembledToolCall {
  try {
    return { id, name, argumentsText, index, arguments: argumentsText === '' ? {} : (JSON.parse(argumentsText) as unknown) };
  } catch (error) {
    return { id, name, argumentsText, index, parseError: error instanceof Error ? error.message : String(error) };
  }
}

export function kimiError(category: KimiError['category'], message = `${category} happened`): KimiError {
  return { category, message, action: 'retry', retryable: false };
}

/** One model response: its events, or a function that produces them (to wait for a signal, say). */
export type ScriptedStep = StreamEvent[] | ((request: AgentRequest) => AsyncIterable<StreamEvent>);

export interface ScriptedModel {
  stream(request: AgentRequest): AsyncIterable<StreamEvent>;
  /** The messages of each request, copied when the request was made. */
  requests: ChatMessage[][];
}

export function scriptedModel(steps: ScriptedStep[]): ScriptedModel {
  const requests: ChatMessage[][] = [];
  return {
    requests,
    stream(request) {
      requests.push(structuredClone(request.messages));
      const step = steps[requests.length - 1];
      if (step === undefined) throw new Error(`the script has no step ${requests.length}`);
      if (typeof step === 'function') return step(request);
      return (async function* () {
        yield* step;
      })();
    },
  };
}

export type Executor = (call: AssembledToolCall, signal: AbortSignal) => Promise<ToolOutcome>;

export interface FakeTools extends AgentTools {
  executed: string[];
}

export function fakeTools(executors: Record<string, Executor>, readOnly: readonly string[] = []): FakeTools {
  const executed: string[] = [];
  const definitions: ToolDefinition[] = Object.keys(executors).map((name) => ({
    name,
    description: `the ${name} tool`,
    parameters: { type: 'object', properties: {} },
  }));
  return {
    executed,
    definitions: () => definitions,
    isReadOnly: (name) => readOnly.includes(name),
    describeTarget: (call) => call.name,
    async execute(call, signal) {
      executed.push(call.id);
      const executor = executors[call.name];
      if (!executor) return { content: `Error: unknown tool ${call.name}`, status: 'error', summary: 'unknown tool' };
      return executor(call, signal);
    },
  };
}

/** Tools for a Stop during edit_file: the edit waits for the stop, then answers as rejected; run_command must never run. */
export function editThatWaitsForStop(): { tools: FakeTools; editStarted: () => boolean } {
  let started = false;
  const tools = fakeTools({
    edit_file: async (_call, signal) => {
      started = true;
      await aborted(signal);
      return { content: 'Rejected: the user stopped the request.', status: 'rejected', summary: 'stopped' };
    },
    run_command: async () => done('should never run'),
  });
  return { tools, editStarted: () => started };
}

export function done(content: string): ToolOutcome {
  return { content, status: 'done', summary: 'ok' };
}

export type ObservedEvent =
  | { kind: 'reasoning' | 'text'; text: string }
  | { kind: 'toolCall'; id: string; status: 'pending' | 'running' }
  | { kind: 'toolResult'; id: string; outcome: ToolOutcome }
  | { kind: 'messages'; messages: ChatMessage[] }
  | { kind: 'other'; name: string };

export interface RecordingObserver extends AgentObserver {
  events: ObservedEvent[];
  /** Every message reported through onMessages, in order. */
  messages: ChatMessage[];
}

export function recordingObserver(): RecordingObserver {
  const events: ObservedEvent[] = [];
  const messages: ChatMessage[] = [];
  return {
    events,
    messages,
    onReasoning: (text) => void events.push({ kind: 'reasoning', text }),
    onText: (text) => void events.push({ kind: 'text', text }),
    onToolCall: (call, status) => void events.push({ kind: 'toolCall', id: call.id, status }),
    onToolResult: (call, outcome) => void events.push({ kind: 'toolResult', id: call.id, outcome }),
    onUsage: () => void events.push({ kind: 'other', name: 'usage' }),
    onCost: () => void events.push({ kind: 'other', name: 'cost' }),
    onRetry: () => void events.push({ kind: 'other', name: 'retry' }),
    onMessages: (added) => {
      events.push({ kind: 'messages', messages: added });
      messages.push(...added);
    },
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Lets pending promise callbacks and I/O callbacks run, a bounded number of times, until `condition` holds. */
export async function settleUntil(condition: () => boolean, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds && !condition(); round++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves when the signal aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Fails unless every assistant tool call is answered, once, by the tool messages right after it. */
export function assertEveryCallAnswered(messages: readonly ChatMessage[]): void {
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    const expected = message.toolCalls.map((call) => call.id);
    const answers: string[] = [];
    for (const next of messages.slice(index + 1)) {
      if (next.role !== 'tool') break;
      answers.push(next.toolCallId);
    }
    if (JSON.stringify(answers) !== JSON.stringify(expected)) {
      throw new Error(`assistant message ${index} calls ${expected.join(', ')} but is answered by ${answers.join(', ') || 'nothing'}`);
    }
  }
}
