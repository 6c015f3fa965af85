// Checkpoints and rewind, editor-free: a checkpoint begins before each user turn is answered, the tools'
// Workspace records into it (see CheckpointingWorkspace), and "Restore files to here" plans and applies a
// restore to the state before that turn. The host supplies the storage, the files and the user's messages.
import { applyRestore, type RestoreResult } from './applyRestore';
import type { CheckpointFiles, CheckpointStore } from './checkpointStore';
import type { TurnChangeJournal } from './checkpointingWorkspace';
import { ConversationJournal, type JournalBudget } from './conversationJournal';
import type { Checkpoint } from './journalFormat';
import { planRestore, wouldChangeFiles, type RestorePlan } from './restorePlan';

export interface CheckpointsDeps {
  store: CheckpointStore;
  files: CheckpointFiles;
  /** The cap on the journal's size (kimiAssistant.checkpoints.maxJournalMB), read when it matters. */
  maxBytes(): number;
  /** Tells the user something about the journal (it is full, a recording failed). */
  notify(level: 'warning' | 'error', message: string): void;
  now(): number;
  newId(): string;
}

/** A user message as the checkpoints see it: its id, and the checkpoint begun before its answer. */
export interface CheckpointedTurn {
  id: string;
  checkpointId?: string | undefined;
}

export class Checkpoints implements TurnChangeJournal {
  private readonly journals = new Map<string, Promise<ConversationJournal>>();
  private active: { journal: ConversationJournal; checkpoint: Checkpoint; toldFull: boolean } | undefined;
  private usedBytes: Promise<number> | undefined;
  private readonly budget: JournalBudget;

  constructor(private readonly deps: CheckpointsDeps) {
    this.budget = {
      used: () => (this.usedBytes ??= deps.store.totalBytes()),
      add: (bytes) => {
        this.usedBytes = this.budget.used().then((used) => used + bytes);
      },
      maxBytes: () => deps.maxBytes(),
      full: (path) => {
        if (this.active?.toldFull) return;
        if (this.active) this.active.toldFull = true;
        deps.notify(
          'warning',
          `The checkpoint journal is full (limit ${formatBytes(deps.maxBytes())}): the earlier version of ${path} and of later changes is not kept, so "Restore files" cannot bring them back. Raise kimiAssistant.checkpoints.maxJournalMB, or delete old conversations.`,
        );
      },
    };
  }

  /** Before a user message is answered: its checkpoint (a regenerated answer gets another, later one). Returns its id. */
  async beginTurn(conversationId: string, userTurn: CheckpointedTurn): Promise<string> {
    const journal = await this.journal(conversationId);
    const checkpoint = await journal.begin({ id: this.deps.newId(), userTurnId: userTurn.id, kind: 'turn', startedAt: this.deps.now() });
    this.active = { journal, checkpoint, toldFull: false };
    return checkpoint.id;
  }

  /** The answer ended: after-states still missing are read, and recording stops. */
  async endTurn(): Promise<void> {
    const active = this.active;
    this.active = undefined;
    if (active) await this.guard(() => active.journal.completeAfterStates(active.checkpoint));
  }

  beforeChange(relativePath: string): Promise<void> {
    const active = this.active;
    return active ? this.guard(() => active.journal.recordBefore(active.checkpoint, relativePath)) : Promise.resolve();
  }

  afterChange(relativePath: string): Promise<void> {
    const active = this.active;
    return active ? this.guard(() => active.journal.recordAfter(active.checkpoint, relativePath)) : Promise.resolve();
  }

  commandRan(command: string): void {
    const active = this.active;
    if (active) void this.guard(() => active.journal.noteCommand(active.checkpoint, command));
  }

  /**
   * A command changed files the turn's edits had journaled: their new state counts as the turn's (restoring goes
   * back past it, instead of calling it someone's edit). Files the edits never touched stay out of the journal.
   */
  async commandEnded(): Promise<void> {
    const active = this.active;
    if (!active) return;
    for (const path of Object.keys(active.checkpoint.files)) await this.guard(() => active.journal.recordAfter(active.checkpoint, path));
  }

  /** The user messages whose "Restore files to here" would change a file. */
  async restorableTurns(conversationId: string, turns: readonly CheckpointedTurn[]): Promise<string[]> {
    const journal = await this.journal(conversationId);
    return turns.filter((turn) => turn.checkpointId && journal.find(turn.checkpointId) && wouldChangeFiles(journal, turn.checkpointId)).map((turn) => turn.id);
  }

  /** What restoring to before `checkpointId` would write, and what stands in its way. Nothing is written. */
  async plan(conversationId: string, checkpointId: string): Promise<RestorePlan> {
    return planRestore(await this.journal(conversationId), checkpointId, this.deps.files);
  }

  /**
   * Restores as planned, all or nothing, and journals the restore itself (as a checkpoint after the others),
   * so a later restore knows what it wrote and the restore can itself be undone.
   */
  async restore(plan: RestorePlan): Promise<(RestoreResult & { undoCheckpointId?: string }) | { kind: 'busy' }> {
    // An answer began while the preview was open: its changes are being recorded against the files as they are.
    if (this.active) return { kind: 'busy' };
    const journal = await this.journal(plan.conversationId);
    const result = await applyRestore(plan, journal, this.deps.files);
    if (result.kind !== 'restored' || plan.steps.length === 0) return result;
    const restoredTo = journal.find(plan.checkpointId);
    const files: Checkpoint['files'] = {};
    for (const step of plan.steps) files[step.path] = { before: await journal.keep(step.path, step.currentBytes), after: step.target };
    const undo = await journal.begin({ id: this.deps.newId(), userTurnId: restoredTo?.userTurnId ?? '', kind: 'restore', startedAt: this.deps.now(), files });
    return { ...result, undoCheckpointId: undo.id };
  }

  /** The journal's size now, and its cap. */
  async usage(): Promise<{ usedBytes: number; maxBytes: number }> {
    return { usedBytes: await this.budget.used(), maxBytes: this.deps.maxBytes() };
  }

  /** The conversation was deleted: so is its journal. */
  async forget(conversationId: string): Promise<void> {
    this.journals.delete(conversationId);
    await this.deps.store.removeConversation(conversationId);
    this.usedBytes = undefined;
  }

  private journal(conversationId: string): Promise<ConversationJournal> {
    let journal = this.journals.get(conversationId);
    if (!journal) {
      journal = ConversationJournal.open(conversationId, this.deps.store, this.deps.files, this.budget);
      this.journals.set(conversationId, journal);
      journal.catch(() => this.journals.delete(conversationId));
    }
    return journal;
  }

  /** A recording that fails must not fail the tool: the user is told the journal missed it. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.notify('error', `A checkpoint could not be recorded, so "Restore files" may miss this change: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
