// Records one running assistant turn: applies each agent event to the stored turn, tells the chat view
// (small deltas on the hot path, whole-turn updates otherwise) and asks for a save at each complete event.
import type { AgentObserver, AgentTurnResult, ToolOutcome } from '../agent/agentLoop';
import type { AssembledToolCall, ChatMessage, Cost, KimiError, Usage } from '../llm/types';
import type { HostToWebviewMessage, ToolCardStatus } from '../protocol';
import type { StoredAssistantTurn } from './model';
import { toAssistantView } from './viewModel';

export interface TurnRecorderHooks {
  post(message: HostToWebviewMessage): void;
  /** `complete` is true after a complete event (a message, a tool result, the end); false for streamed text. */
  persist(complete: boolean): void;
  describeTarget(call: AssembledToolCall): string;
  now(): number;
}

const settledStatuses: ReadonlySet<ToolCardStatus> = new Set(['done', 'error', 'rejected']);
/** A server may send progress many times a second; the card (a whole-turn update) changes at most this often. */
const PROGRESS_INTERVAL_MS = 100;

export class TurnRecorder implements AgentObserver {
  /** Tokens of the latest model call, prompt plus answer: what the context window holds after it. */
  lastPromptTokens = 0;
  private stepHadText = false;
  private stepHadReasoning = false;
  private stepEnded = false;
  /**
   * "Thought for N s" counts the model's time only: a span runs from a model call's start to its first text or
   * tool call, and the next one starts when the tools have answered, so a wait for the user's approval is not in it.
   */
  private reasoningSpanStart: number | undefined;
  private reasoningTotalMs = 0;
  private readonly progressShownAt = new Map<string, number>();

  constructor(
    readonly turn: StoredAssistantTurn,
    private readonly hooks: TurnRecorderHooks,
  ) {
    this.reasoningSpanStart = turn.startedAt;
  }

  onReasoning(text: string): void {
    if (!text) return;
    this.beginStepIfNeeded();
    const separator = !this.stepHadReasoning && this.turn.reasoning ? '\n\n' : '';
    this.stepHadReasoning = true;
    this.appendDelta('reasoning', separator + text);
  }

  onText(text: string): void {
    if (!text) return;
    this.beginStepIfNeeded();
    this.endReasoningSpan();
    const separator = !this.stepHadText && this.turn.text ? '\n\n' : '';
    this.stepHadText = true;
    this.appendDelta('text', separator + text);
  }

  onToolCall(call: AssembledToolCall, status: 'pending' | 'running'): void {
    if (status === 'pending') this.endReasoningSpan();
    this.setCard(call, status);
  }

  onToolResult(call: AssembledToolCall, outcome: ToolOutcome): void {
    this.setCard(call, outcome.status, outcome.summary);
    this.hooks.persist(true);
    // The next model call starts once the tools have answered.
    this.reasoningSpanStart = this.hooks.now();
  }

  private endReasoningSpan(): void {
    if (this.reasoningSpanStart === undefined) return;
    this.reasoningTotalMs += this.hooks.now() - this.reasoningSpanStart;
    this.reasoningSpanStart = undefined;
    if (this.turn.reasoning) this.turn.reasoningMs = this.reasoningTotalMs;
  }

  /** A running call's progress on its card's summary line, until its result replaces it. */
  onToolProgress(call: AssembledToolCall, summary: string): void {
    const card = this.turn.toolCards.filter((candidate) => candidate.id === call.id).at(-1);
    if (card?.status !== 'running') return;
    const now = this.hooks.now();
    if (now - (this.progressShownAt.get(call.id) ?? -Infinity) < PROGRESS_INTERVAL_MS) return;
    this.progressShownAt.set(call.id, now);
    card.summary = summary;
    this.publish();
  }

  /** Shows that a tool waits for the user (a command to approve, a change to review). */
  markAwaitingApproval(call: AssembledToolCall, summary?: string): void {
    this.setCard(call, 'awaiting-approval', summary);
  }

  onUsage(usage: Usage): void {
    const total = this.turn.usage ?? { promptTokens: 0, cachedTokens: 0, completionTokens: 0 };
    this.turn.usage = {
      promptTokens: total.promptTokens + usage.promptTokens,
      cachedTokens: total.cachedTokens + usage.cachedTokens,
      completionTokens: total.completionTokens + usage.completionTokens,
    };
    this.lastPromptTokens = usage.promptTokens + usage.completionTokens;
    this.publish();
  }

  onCost(cost: Cost): void {
    const previous = this.turn.cost;
    this.turn.cost = {
      usd: (previous?.usd ?? 0) + cost.usd,
      estimated: (previous?.estimated ?? false) || cost.estimated,
    };
    this.publish();
  }

  /** `attempt` is the attempt about to start (2 for the first retry), as the client's retry event says. */
  onRetry(attempt: number, delayMs: number, error: KimiError): void {
    const seconds = Math.max(1, Math.round(delayMs / 1000));
    this.hooks.post({ type: 'notice', level: 'warning', message: `${error.message} Retrying in ${seconds} s (attempt ${attempt}).`, group: 'retry' });
  }

  onMessages(messages: ChatMessage[]): void {
    this.turn.messages.push(...messages);
    if (messages.some((message) => message.role === 'tool')) this.stepEnded = true;
    this.hooks.persist(true);
  }

  /** Records how the turn ended; the partial answer stays whatever the reason. */
  finish(result: AgentTurnResult): void {
    this.endReasoningSpan();
    switch (result.reason) {
      case 'answered':
        this.turn.status = 'done';
        if (!this.turn.text && this.turn.toolCards.length === 0) {
          this.turn.error = { message: 'The model finished without an answer. Try again, or ask differently.', action: 'retry' };
        }
        break;
      case 'length':
        this.turn.status = 'done';
        this.turn.error = {
          message: this.turn.text
            ? 'The answer hit the output limit and is cut short. Raise kimiAssistant.maxOutputTokens or ask for less.'
            : 'The output limit was used up by reasoning before any answer. Raise kimiAssistant.maxOutputTokens.',
          action: 'openSettings',
        };
        break;
      case 'stepLimit':
        this.turn.status = 'done';
        this.turn.error = { message: 'Stopped after the maximum number of tool steps. Say "continue" to go on.', action: 'none' };
        break;
      case 'cancelled':
        this.turn.status = 'stopped';
        break;
      case 'error':
        this.turn.status = result.error?.category === 'cancelled' ? 'stopped' : 'error';
        if (result.error && result.error.category !== 'cancelled') {
          this.turn.error = {
            message: result.error.message,
            action: result.error.action,
            category: result.error.category,
            ...(result.error.detail ? { detail: result.error.detail } : {}),
          };
        }
        break;
    }
    for (const card of this.turn.toolCards) {
      if (card.status === 'pending' || card.status === 'running' || card.status === 'awaiting-approval') card.status = 'rejected';
    }
    this.publish();
    this.hooks.persist(true);
  }

  private beginStepIfNeeded(): void {
    if (!this.stepEnded) return;
    this.stepEnded = false;
    this.stepHadText = false;
    this.stepHadReasoning = false;
  }

  private appendDelta(channel: 'reasoning' | 'text', text: string): void {
    if (!text) return;
    if (channel === 'reasoning') this.turn.reasoning += text;
    else this.turn.text += text;
    this.hooks.post({ type: 'assistantDelta', turnId: this.turn.id, channel, text });
    this.hooks.persist(false);
  }

  private setCard(call: AssembledToolCall, status: ToolCardStatus, summary?: string): void {
    // Some endpoints number call ids per response, so a later step may reuse an id: a call announced again
    // after its card was settled is a new call and gets a card of its own.
    const existing = this.turn.toolCards.filter((card) => card.id === call.id).at(-1);
    const isNewCall = status === 'pending' && existing !== undefined && settledStatuses.has(existing.status);
    if (existing && !isNewCall) {
      existing.status = status;
      if (summary !== undefined) existing.summary = summary;
    } else {
      this.turn.toolCards.push({
        id: call.id,
        tool: call.name,
        target: this.hooks.describeTarget(call),
        status,
        ...(summary !== undefined ? { summary } : {}),
        textOffset: this.turn.text.length,
      });
    }
    this.publish();
  }

  private publish(): void {
    this.hooks.post({ type: 'turnUpdated', turn: toAssistantView(this.turn) });
  }
}
