// The Workspace the agent's tools get, with checkpoint recording on the paths where changes land: a file's
// state is journaled before a proposal is opened or a direct write happens, and again once the change settled.
// Commands are noted by line; what they change is journaled only for files the turn's edits already recorded
// (their after-state is read again when the command ends), never for other files.
import type { DirectWriteOutcome, PendingReview, ProposedChange, SpawnRequest, SpawnResult, Workspace } from '../tools/workspace';

/** The running turn's checkpoint, as the tools' edges see it. */
export interface TurnChangeJournal {
  beforeChange(relativePath: string): Promise<void>;
  afterChange(relativePath: string): Promise<void>;
  commandRan(command: string): void;
  /** A command ended: the files the turn already journaled are read again (a formatter may have changed them). */
  commandEnded(): Promise<void>;
}

export class CheckpointingWorkspace implements Workspace {
  constructor(
    private readonly inner: Workspace,
    private readonly journal: TurnChangeJournal,
  ) {}

  get rootPath(): string {
    return this.inner.rootPath;
  }

  get fileSystem(): Workspace['fileSystem'] {
    return this.inner.fileSystem;
  }

  get shell(): Workspace['shell'] {
    return this.inner.shell;
  }

  readText(relativePath: string): ReturnType<Workspace['readText']> {
    return this.inner.readText(relativePath);
  }

  stat(relativePath: string): ReturnType<Workspace['stat']> {
    return this.inner.stat(relativePath);
  }

  listFiles(): Promise<string[]> {
    return this.inner.listFiles();
  }

  search(...args: Parameters<Workspace['search']>): ReturnType<Workspace['search']> {
    return this.inner.search(...args);
  }

  diagnostics(relativePath?: string): ReturnType<Workspace['diagnostics']> {
    return this.inner.diagnostics(relativePath);
  }

  tabSize(relativePath: string): number | undefined {
    return this.inner.tabSize(relativePath);
  }

  async spawn(request: SpawnRequest, signal: AbortSignal): Promise<SpawnResult> {
    this.journal.commandRan(request.command);
    try {
      return await this.inner.spawn(request, signal);
    } finally {
      await this.journal.commandEnded();
    }
  }

  async propose(change: ProposedChange): Promise<PendingReview> {
    await this.journal.beforeChange(change.relativePath);
    const review = await this.inner.propose(change);
    // The review may write the file (accept) or not (reject): its state is read once it has settled.
    const done = review.done.then(async (outcome) => {
      await this.journal.afterChange(change.relativePath);
      return outcome;
    });
    return { done, acceptAll: () => review.acceptAll(), rejectAll: (reason) => review.rejectAll(reason) };
  }

  async writeDirectly(change: ProposedChange): Promise<DirectWriteOutcome> {
    await this.journal.beforeChange(change.relativePath);
    try {
      return await this.inner.writeDirectly(change);
    } finally {
      await this.journal.afterChange(change.relativePath);
    }
  }

  settleDiagnostics(): Promise<void> {
    return this.inner.settleDiagnostics();
  }
}
