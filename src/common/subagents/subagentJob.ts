// One subagent's conversation: its system prompt and task, run through the real agent loop with its own tools,
// recorded by a TurnRecorder into its stored record (so its history keeps every reasoning_content, as an answer's
// does). An attempt that a 429 ends goes back to the scheduler and later resumes from the messages so far.
import { runAgentTurn, type AgentObserver, type AgentOptions, type AgentTools, type AgentTurnResult } from '../agent/agentLoop';
import type { StoredSubagent } from '../conversations/model';
import { TurnRecorder } from '../conversations/turnRecorder';
import type { AssembledToolCall, ChatMessage, Cost, KimiError } from '../llm/types';
import type { HostToWebviewMessage } from '../protocol';
import { isRateLimit, type AttemptOutcome, type ScheduledSubagent, type ScheduleResult } from './scheduler';

export const SUBAGENT_INSTRUCTIONS = `You are working as a subagent. Another agent gave you the task in the user message and reads only your last message.
- Work on the task with your tools; you cannot ask questions, run commands or start subagents.
- End with a concise report: what you found or did, with workspace-relative paths and line numbers where they help. No preamble.`;

export interface SubagentJobDeps {
  stream: AgentOptions['stream'];
  /** The subagent's tools, already narrowed to its access (see restrictForSubagent). */
  tools(recorder: TurnRecorder, signal: AbortSignal): AgentTools;
  /** The parent's system prompt, so every subagent's request starts with the same cached prefix. */
  systemPrompt: string;
  maxSteps: number;
  now(): number;
  /** The record changed: redraw the parent turn. */
  publish(): void;
  /** As TurnRecorder's persist: `complete` after a complete event. */
  persist(complete: boolean): void;
  /** Spent money counts for the parent turn too. */
  onCost(cost: Cost): void;
}

export class SubagentJob implements ScheduledSubagent {
  private stepsUsed = 0;
  private lastResult: AgentTurnResult | undefined;

  constructor(
    readonly record: StoredSubagent,
    private readonly deps: SubagentJobDeps,
  ) {}

  get id(): string {
    return this.record.id;
  }

  onPhase(phase: 'queued' | 'running' | 'backing-off', wait?: { delayMs: number; error?: KimiError }): void {
    this.record.phase = phase;
    if (phase === 'queued') this.record.note = 'Waiting for a free slot';
    else if (phase === 'backing-off') this.record.note = `${wait?.error?.message ?? 'Rate limited.'} Waiting ${Math.max(1, Math.round((wait?.delayMs ?? 0) / 1000))} s`;
    else delete this.record.note;
    this.deps.publish();
    // A phase is not history (after a reload an unfinished subagent shows stopped): it rides on the next save.
    this.deps.persist(false);
  }

  async attempt(signal: AbortSignal): Promise<AttemptOutcome> {
    const recorder = new TurnRecorder(this.record, {
      post: (message) => this.onRecorderPost(message),
      persist: (complete) => this.deps.persist(complete),
      describeTarget: (call) => tools.describeTarget(call),
      now: this.deps.now,
    });
    const tools = this.namespaced(this.deps.tools(recorder, signal));
    const history: ChatMessage[] = [
      { role: 'system', content: this.deps.systemPrompt },
      { role: 'user', content: this.record.prompt },
      ...(this.record.messages as ChatMessage[]),
    ];
    const maxSteps = Math.max(1, this.deps.maxSteps - this.stepsUsed);
    const result = await runAgentTurn(history, { maxSteps, webSearch: false, tools, stream: this.deps.stream }, this.observer(recorder), signal);
    this.lastResult = result;
    if (result.reason === 'error' && isRateLimit(result.error) && !signal.aborted) {
      // The refused request produced nothing: it costs no step.
      this.stepsUsed += Math.max(0, result.steps - 1);
      return { kind: 'rateLimited', error: result.error };
    }
    this.stepsUsed += result.steps;
    recorder.finish(result);
    return { kind: 'ended' };
  }

  /** Records how the schedule ended (done, failed, stopped, given up after 429s) and returns the report. */
  settle(outcome: ScheduleResult): string {
    const record = this.record;
    if (outcome.kind === 'gaveUp') {
      record.status = 'error';
      record.error = { message: outcome.error.message, action: outcome.error.action, category: outcome.error.category };
    } else if (outcome.kind === 'stopped' && record.status === 'streaming') {
      record.status = 'stopped';
    }
    for (const card of record.toolCards) {
      if (card.status === 'pending' || card.status === 'running' || card.status === 'awaiting-approval') card.status = 'rejected';
    }
    record.phase = record.status === 'done' ? 'done' : record.status === 'error' ? 'error' : 'stopped';
    const note = this.endNote();
    if (note) record.note = note;
    else delete record.note;
    record.report = finalReport(record);
    this.deps.publish();
    this.deps.persist(true);
    return record.report;
  }

  private endNote(): string | undefined {
    const { record } = this;
    if (record.phase === 'stopped') return 'Stopped';
    if (record.phase === 'error') return record.error?.message ?? 'Failed';
    if (this.lastResult?.reason === 'stepLimit') return 'Stopped at the step limit';
    if (this.lastResult?.reason === 'length') return 'Cut short by the output limit';
    return undefined;
  }

  private onRecorderPost(message: HostToWebviewMessage): void {
    if (message.type === 'turnUpdated') {
      this.deps.publish();
    } else if (message.type === 'notice' && message.group === 'retry') {
      // The client's own retries: shown on the subagent's card, not as a chat-wide notice.
      this.record.note = message.message;
      this.deps.publish();
    } else if (message.type === 'assistantDelta') {
      // The text itself is not streamed to the card (it becomes the report); only what the subagent is doing.
      const note = message.channel === 'reasoning' ? 'Thinking…' : 'Writing its report…';
      if (this.record.note !== note) {
        this.record.note = note;
        this.deps.publish();
      }
    }
  }

  /**
   * Each subagent numbers its tool calls from 0, so ids repeat across subagents and the parent. Cards and
   * approvals (which find a call by id) see ids prefixed with the subagent's; its history keeps the model's own.
   */
  private namespace(call: AssembledToolCall): AssembledToolCall {
    return { ...call, id: `${this.record.id}/${call.id}` };
  }

  private namespaced(tools: AgentTools): AgentTools {
    return { ...tools, execute: (call, signal) => tools.execute(this.namespace(call), signal) };
  }

  private observer(recorder: TurnRecorder): AgentObserver {
    return {
      onReasoning: (text) => recorder.onReasoning(text),
      onText: (text) => recorder.onText(text),
      onToolCall: (call, status) => recorder.onToolCall(this.namespace(call), status),
      onToolResult: (call, outcome) => recorder.onToolResult(this.namespace(call), outcome),
      onUsage: (usage) => recorder.onUsage(usage),
      onCost: (cost) => {
        recorder.onCost(cost);
        this.deps.onCost(cost);
      },
      onRetry: (attempt, delayMs, error) => recorder.onRetry(attempt, delayMs, error),
      onMessages: (messages) => recorder.onMessages(messages),
    };
  }
}

const REPORT_CHARS = 16_000;

/** The subagent's last words (its report), or all it wrote when its last message had none. */
function finalReport(record: StoredSubagent): string {
  const lastText = [...record.messages].reverse().find((message) => message.role === 'assistant' && message.content?.trim());
  const text = (lastText?.role === 'assistant' ? lastText.content : undefined) ?? record.text;
  const trimmed = text.trim();
  if (trimmed.length <= REPORT_CHARS) return trimmed;
  return `${trimmed.slice(0, REPORT_CHARS)}\n[The report was cut at ${REPORT_CHARS} characters of ${trimmed.length}.]`;
}
