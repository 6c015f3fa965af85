// The turns of the open conversation, editor-free: send, regenerate, rewind for edit-and-resend, stop, and the
// session's cost and context meter. The VS Code chat and the fault suite both drive it; each host supplies the
// TurnEnvironment (model, tools, rules), the view to post to and the saves.
import type { AgentTurnResult } from '../agent/agentLoop';
import type { CompactionOutcome } from '../compaction/compactor';
import { compactionCardsMessage } from '../compaction/compactionCards';
import { runCompactionTurn } from '../compaction/compactionTurn';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../context/tokens';
import type { StoredAssistantTurn, StoredConversation, StoredUserTurn } from '../conversations/model';
import { newAssistantTurn, newConversation, newUserTurn, type UserMessageInput } from '../conversations/newConversation';
import { titleFrom, toApiHistory, toTurnView } from '../conversations/viewModel';
import { recordPlan } from '../modes/plans';
import type { CostView, HostToWebviewMessage } from '../protocol';
import { runAssistantTurn, type TurnEnvironment } from './assistantTurn';
import type { ConversationSaves } from './conversationSaves';

export interface TurnView {
  /** Small updates: a turn appended, streamed deltas, truncations, notices. */
  post(message: HostToWebviewMessage): void;
  /** The whole view again: a conversation began or its title changed. */
  redraw(): Promise<void>;
  /** A turn ended: the cost and the context meter may have moved. */
  statusChanged(): Promise<void>;
}

export interface TurnOrchestratorDeps {
  environment: TurnEnvironment;
  saves: ConversationSaves;
  view: TurnView;
  /** A new conversation began; the host remembers it to reopen after a reload. */
  onConversationStarted(id: string): void;
  onSessionCost(cost: CostView): void;
  now(): number;
  warn(line: string): void;
  /** Checkpoints and rewind: a checkpoint begins before each answer and ends with it (absent: none are kept). */
  checkpoints?: TurnCheckpoints;
}

/** The part of the checkpoints a turn drives (src/common/checkpoints). */
export interface TurnCheckpoints {
  beginTurn(conversationId: string, userTurn: StoredUserTurn): Promise<string>;
  endTurn(): Promise<void>;
}

export interface TurnRun {
  turn: StoredAssistantTurn;
  result: AgentTurnResult;
}

export const BUSY_NOTICE = 'Kimi is still answering. Stop it first, or wait.';

export class TurnOrchestrator {
  private open: StoredConversation | undefined;
  private running: { abort: AbortController; done: Promise<void> } | undefined;
  private sessionCost: CostView = { usd: 0, estimated: false };
  private contextTokens = 0;

  constructor(private readonly deps: TurnOrchestratorDeps) {}

  get conversation(): StoredConversation | undefined {
    return this.open;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * What the status header shows: the session's cost and the open conversation's (null before any), and the
   * tokens in the context window.
   */
  meters(): { sessionCost: CostView | null; conversationCost: CostView | null; contextTokens: number } {
    return {
      sessionCost: this.sessionCost.usd > 0 ? { ...this.sessionCost } : null,
      conversationCost: this.open ? conversationCost(this.open) : null,
      contextTokens: this.contextTokens,
    };
  }

  /** Shows a reopened conversation; until the provider reports usage, the meter shows an estimate of its history. */
  show(conversation: StoredConversation): void {
    this.open = conversation;
    this.contextTokens = estimateConversationTokens(conversation);
  }

  /** No conversation open (it was deleted); the meter keeps its last reading until the next turn or new chat. */
  close(): void {
    this.open = undefined;
  }

  /** A new chat: nothing open, nothing in the context window. */
  startOver(): void {
    this.open = undefined;
    this.contextTokens = 0;
  }

  /** Presses Stop and waits until the turn has settled and been saved. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }

  /** Tells the user a turn is running; true when one is (and the new message is refused). */
  refuseWhileRunning(): boolean {
    if (this.running) this.deps.view.post({ type: 'notice', level: 'warning', message: BUSY_NOTICE });
    return this.running !== undefined;
  }

  /** Appends the user's message (starting a conversation if none is open) and runs the answer. */
  async send(message: UserMessageInput): Promise<TurnRun | undefined> {
    if (this.refuseWhileRunning()) return undefined;
    const userTurn = newUserTurn(message);
    const isNew = this.open === undefined;
    const conversation = this.open ?? this.begin(message.text);
    conversation.turns.push(userTurn);
    // A new conversation, or a rewritten first message, brings its title and a history entry: the view gets it whole.
    if (isNew || conversation.turns.length === 1) await this.deps.view.redraw();
    else this.deps.view.post({ type: 'turnAppended', turn: toTurnView(userTurn) });
    return this.answer(conversation);
  }

  /** Runs the last answer again. */
  async regenerate(): Promise<TurnRun | undefined> {
    const conversation = this.open;
    if (!conversation || this.running) return undefined;
    const last = conversation.turns.at(-1);
    if (last?.role !== 'assistant') return undefined;
    conversation.turns.pop();
    this.deps.view.post({ type: 'turnsTruncated', fromTurnId: last.id });
    return this.answer(conversation);
  }

  /**
   * Cuts the conversation back to before a user message, to be sent again as `text`; returns the original
   * message (its chips and images go with the new one), or undefined when there is nothing to rewind.
   */
  rewindTo(userTurnId: string, text: string): StoredUserTurn | undefined {
    const conversation = this.open;
    if (!conversation || this.running) return undefined;
    const index = conversation.turns.findIndex((turn) => turn.id === userTurnId && turn.role === 'user');
    const original = conversation.turns[index];
    if (index < 0 || original?.role !== 'user') return undefined;
    conversation.turns.splice(index);
    this.deps.view.post({ type: 'turnsTruncated', fromTurnId: original.id });
    // The title was made from the first message: a rewritten first message gets a new one, unless the user renamed it.
    if (index === 0 && conversation.title === titleFrom(original.text)) conversation.title = titleFrom(text);
    return original;
  }

  /** Compacts the open conversation now (the command, `/compact [instruction]`); undefined when refused. */
  async compact(instruction?: string): Promise<CompactionOutcome | undefined> {
    if (this.refuseWhileRunning()) return undefined;
    const conversation = this.open;
    if (!conversation) {
      this.deps.view.post({ type: 'notice', level: 'info', message: 'Nothing to compact: no conversation is open.' });
      return undefined;
    }
    return this.runCompaction(conversation, 'command', instruction);
  }

  /** Summarizes the older turns (see common/compaction); Stop ends it like a turn, leaving the conversation as it was. */
  private async runCompaction(conversation: StoredConversation, trigger: 'auto' | 'command', instruction?: string): Promise<CompactionOutcome> {
    const { view, environment } = this.deps;
    const abort = new AbortController();
    let finished!: () => void;
    this.running = { abort, done: new Promise<void>((resolve) => (finished = resolve)) };
    view.post({ type: 'notice', level: 'info', message: trigger === 'auto' ? 'The conversation is near the context limit: compacting it first.' : 'Compacting the conversation.' });
    try {
      const keepTokens = environment.compactionLimits?.().keepTokens ?? 0;
      const outcome = await runCompactionTurn(conversation, environment, { trigger, instruction, keepTokens, signal: abort.signal, now: this.deps.now });
      if (!outcome.ok) {
        view.post({ type: 'notice', level: outcome.reason === 'failed' ? 'error' : 'info', message: outcome.message });
        return outcome;
      }
      this.addSessionCost(outcome.compaction.cost);
      this.contextTokens = estimateConversationTokens(conversation);
      conversation.updatedAt = this.deps.now();
      await this.deps.saves.now(conversation);
      await view.redraw();
      return outcome;
    } finally {
      this.running = undefined;
      finished();
      await view.statusChanged();
    }
  }

  private addSessionCost(cost: CostView | undefined): void {
    if (!cost) return;
    this.sessionCost = { usd: this.sessionCost.usd + cost.usd, estimated: this.sessionCost.estimated || cost.estimated };
    this.deps.onSessionCost({ ...this.sessionCost });
  }

  private begin(firstText: string): StoredConversation {
    const conversation = newConversation(firstText, this.deps.now());
    this.open = conversation;
    this.deps.onConversationStarted(conversation.id);
    return conversation;
  }

  /** The user message about to be answered gets its checkpoint (the first answer's; a regenerated one records after it). */
  private async beginCheckpoint(conversation: StoredConversation): Promise<void> {
    const userTurn = conversation.turns.at(-1);
    if (!this.deps.checkpoints || userTurn?.role !== 'user') return;
    try {
      const id = await this.deps.checkpoints.beginTurn(conversation.id, userTurn);
      userTurn.checkpointId ??= id;
    } catch (error) {
      this.deps.warn(`Checkpoint not started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async answer(conversation: StoredConversation): Promise<TurnRun> {
    const { saves, view } = this.deps;
    const threshold = this.deps.environment.compactionLimits?.().thresholdTokens;
    if (threshold !== undefined && Math.max(this.contextTokens, estimateConversationTokens(conversation)) >= threshold) {
      await this.runCompaction(conversation, 'auto');
    }
    const turn = newAssistantTurn(this.deps.environment.modelLabel(), this.deps.now());
    await this.beginCheckpoint(conversation);
    conversation.turns.push(turn);
    conversation.updatedAt = this.deps.now();
    view.post({ type: 'turnAppended', turn: toTurnView(turn) });
    await saves.now(conversation);

    const abort = new AbortController();
    let finished!: () => void;
    this.running = { abort, done: new Promise<void>((resolve) => (finished = resolve)) };
    try {
      const outcome = await runAssistantTurn(conversation, turn, this.deps.environment, {
        post: (message) => view.post(message),
        persist: (complete) => saves.soon(conversation, complete),
        signal: abort.signal,
        now: this.deps.now,
        warn: this.deps.warn,
        onCompacted: (compaction) => {
          this.addSessionCost(compaction.cost);
          view.post({ type: 'notice', level: 'info', message: 'The answer neared the context limit: the conversation so far was compacted, and the answer goes on.' });
          view.post(compactionCardsMessage(conversation));
        },
      });
      if (outcome.contextTokens > 0) this.contextTokens = outcome.contextTokens;
      recordPlan(conversation, turn);
      this.addSessionCost(turn.cost);
      return { turn, result: outcome.result };
    } finally {
      await this.deps.checkpoints?.endTurn().catch((error: unknown) => this.deps.warn(`Checkpoint: ${String(error)}`));
      this.running = undefined;
      // The full save below holds everything a pending streamed-text save would.
      saves.cancel();
      conversation.updatedAt = this.deps.now();
      await saves.now(conversation);
      finished();
      await view.statusChanged();
    }
  }
}

/** The sum of the conversation's turn costs, estimated when any of them is; null when no turn has a cost. */
export function conversationCost(conversation: StoredConversation): CostView | null {
  const costs = conversation.turns.flatMap((turn) => (turn.role === 'assistant' && turn.cost ? [turn.cost] : []));
  // Compaction is a model call too: its cost is the conversation's.
  costs.push(...(conversation.compactions ?? []).flatMap((compaction) => (compaction.cost ? [compaction.cost] : [])));
  if (costs.length === 0) return null;
  return { usd: costs.reduce((sum, cost) => sum + cost.usd, 0), estimated: costs.some((cost) => cost.estimated) };
}

/** Images count at a flat rate, not by the length of their data URLs. */
function estimateConversationTokens(conversation: StoredConversation): number {
  const images = /data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g;
  const text = JSON.stringify(toApiHistory(conversation));
  return estimateTokens(text.replace(images, '')) + (text.match(images)?.length ?? 0) * IMAGE_TOKEN_ESTIMATE;
}
