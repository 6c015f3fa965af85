// One conversation's checkpoint journal in memory, each change to it appended to the stored log at once: a
// checkpoint per user turn, and in it the state of each file the agent's tools touched before the turn's first
// change (bytes kept, within the size cap) and after its last (hash only). Cost is bounded by what the agent changed.
import type { CheckpointFiles, CheckpointStore } from './checkpointStore';
import { eventLine, replayJournal, type Checkpoint, type FileState, type Journal, type JournalEvent } from './journalFormat';

/** The size cap shared by every conversation of the workspace. */
export interface JournalBudget {
  /** Bytes the store holds now. */
  used(): Promise<number>;
  /** Adds what a new copy took. */
  add(bytes: number): void;
  maxBytes(): number;
  /** The cap stopped a copy: the user is told once per turn, in words that say what it means. */
  full(path: string): void;
}

export class ConversationJournal {
  private writes: Promise<void> = Promise.resolve();
  /** One recording per file at a time, so two changes to one file in a turn cannot both count as "the first". */
  private readonly recording = new Map<string, Promise<void>>();

  private constructor(
    private readonly journal: Journal,
    private readonly store: CheckpointStore,
    private readonly files: CheckpointFiles,
    private readonly budget: JournalBudget,
  ) {}

  /** Loads the stored journal; a missing or damaged one starts empty (a damaged one is never trusted for a restore). */
  static async open(conversationId: string, store: CheckpointStore, files: CheckpointFiles, budget: JournalBudget): Promise<ConversationJournal> {
    const text = await store.readJournal(conversationId);
    const journal = text === undefined ? undefined : replayJournal(text, conversationId);
    // A damaged log starts anew (its blobs stay until the conversation is deleted).
    if (text !== undefined && !journal) await store.replaceJournal(conversationId, '');
    return new ConversationJournal(journal ?? { version: 1, conversationId, checkpoints: [] }, store, files, budget);
  }

  get conversationId(): string {
    return this.journal.conversationId;
  }

  get checkpoints(): readonly Checkpoint[] {
    return this.journal.checkpoints;
  }

  find(checkpointId: string): Checkpoint | undefined {
    return this.journal.checkpoints.find((checkpoint) => checkpoint.id === checkpointId);
  }

  /** Starts a checkpoint (saved at once, so a turn that changes nothing still has its place in the order). */
  async begin(checkpoint: Omit<Checkpoint, 'files' | 'commands'> & Partial<Pick<Checkpoint, 'files' | 'commands'>>): Promise<Checkpoint> {
    const started: Checkpoint = { files: {}, commands: [], ...checkpoint };
    this.journal.checkpoints.push(started);
    await this.append({ e: 'checkpoint', checkpoint: started });
    return started;
  }

  /** Before a change to `path` lands: the first time in this checkpoint, keeps the file's current bytes. */
  recordBefore(checkpoint: Checkpoint, path: string): Promise<void> {
    return this.oneAtATime(path, async () => {
      if (checkpoint.files[path]) return;
      const bytes = await this.files.read(path);
      const before = await this.keep(path, bytes);
      checkpoint.files[path] = { before };
      await this.append({ e: 'before', id: checkpoint.id, path, state: before });
    });
  }

  /** After a change to `path` has settled (accepted, rejected or written): the file's state now. */
  recordAfter(checkpoint: Checkpoint, path: string): Promise<void> {
    return this.oneAtATime(path, async () => {
      const entry = checkpoint.files[path];
      if (!entry) return;
      const after = this.describe(await this.files.read(path), false);
      entry.after = after;
      await this.append({ e: 'after', id: checkpoint.id, path, state: after });
    });
  }

  /** A turn ends: every file whose after-state is missing (a review still open at Stop) is read now. */
  async completeAfterStates(checkpoint: Checkpoint): Promise<void> {
    await Promise.all([...this.recording.values()].map((recording) => recording.catch(() => undefined)));
    const missing = Object.keys(checkpoint.files).filter((path) => !checkpoint.files[path]?.after);
    for (const path of missing) await this.recordAfter(checkpoint, path);
    // Whatever was noted without waiting (a command line) is on disk when the turn has ended.
    await this.writes;
  }

  async noteCommand(checkpoint: Checkpoint, command: string): Promise<void> {
    const line = command.slice(0, 500);
    checkpoint.commands.push(line);
    await this.append({ e: 'command', id: checkpoint.id, command: line });
  }

  /** Describes bytes and keeps a copy of them unless the cap forbids it (then `kept` is false and the user is told). */
  async keep(path: string, bytes: Uint8Array | undefined): Promise<FileState> {
    if (!bytes) return { kind: 'absent' };
    const state = this.describe(bytes, true);
    if (state.kind !== 'file') return state;
    if ((await this.budget.used()) + bytes.byteLength > this.budget.maxBytes()) {
      this.budget.full(path);
      return { ...state, kept: false };
    }
    this.budget.add(await this.store.putBlob(this.conversationId, state.hash, bytes));
    return state;
  }

  /** The kept bytes of a state, checked against its hash (undefined when missing or damaged). */
  async bytesOf(state: FileState): Promise<Uint8Array | undefined> {
    if (state.kind !== 'file' || !state.kept) return undefined;
    const bytes = await this.store.getBlob(this.conversationId, state.hash);
    return bytes && this.store.digest(bytes) === state.hash ? bytes : undefined;
  }

  describe(bytes: Uint8Array | undefined, kept: boolean): FileState {
    return bytes ? { kind: 'file', hash: this.store.digest(bytes), size: bytes.byteLength, kept } : { kind: 'absent' };
  }

  /** Appends one event to the stored log, after those already under way (the log keeps their order). */
  private append(event: JournalEvent): Promise<void> {
    const line = eventLine(event);
    const write = this.writes.catch(() => undefined).then(() => this.store.appendJournal(this.conversationId, line));
    this.writes = write;
    return write;
  }

  private oneAtATime(path: string, work: () => Promise<void>): Promise<void> {
    const previous = this.recording.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.recording.set(path, next);
    void next.finally(() => {
      if (this.recording.get(path) === next) this.recording.delete(path);
    }).catch(() => undefined);
    return next;
  }
}
