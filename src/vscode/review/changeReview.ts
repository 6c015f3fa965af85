// Reviewing a proposed change in the editor: VS Code's diff editor shows the base (the file as it was when the
// change was proposed, read-only) against the proposal (an in-memory file the user may edit). What each answer
// writes and how the review ends is decided by ReviewState (src/common/edits); this class carries the steps
// out: one WorkspaceEdit to the real document (so Undo works and no unsaved edit is overwritten), the
// proposal, the base documents, the tabs and the refresh events.
import * as vscode from 'vscode';
import type { Hunk } from '../../common/edits/hunks';
import { countChangedLines, isReviewOpen, pendingChangeStatus, type PendingChangeSummary } from '../../common/edits/pendingChanges';
import { ReviewState, type HunkSelection } from '../../common/edits/reviewState';
import type { ReviewOutcome } from '../../common/tools/workspace';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { AcceptedUndoNote } from './acceptedUndoNote';
import { applyTextToDocument, readDocumentText } from './documentEdits';
import { closeLeftoverReviewTabs } from './leftoverReviewTabs';
import { ProposalFiles } from './proposalFiles';
import { ReviewBaseDocuments } from './reviewBaseDocuments';

export interface ProposedChange {
  uri: vscode.Uri;
  relativePath: string;
  /** The document text the proposal was computed against ('' for a new file). */
  baseText: string;
  proposedText: string;
  isNewFile: boolean;
  /** The file runs code in the editor or the build: the diff's title says why it is always reviewed. */
  sensitiveReason?: string;
}

export type { ReviewOutcome };

export interface ReviewSession {
  readonly id: string;
  readonly change: ProposedChange;
  readonly done: Promise<ReviewOutcome>;
}

interface OpenReview extends ReviewSession {
  /** Every decision lives here; this class only carries its steps out in the editor. */
  state: ReviewState;
  proposalUri: vscode.Uri;
  /** Answers run one at a time, each from the state the previous one left (a double click cannot count twice). */
  answers: Promise<void>;
  settle(outcome: ReviewOutcome): void;
}

export class ChangeReview extends Disposable {
  private readonly reviews = new Map<string, OpenReview>();
  /** The changes proposed since no review was open (one turn's batch), ended ones included, in order. */
  private readonly batch = new Map<string, PendingChangeSummary>();
  /** Set by the chat when a turn starts; until a host calls beginBatch, a batch ends when no review is open. */
  private batchBoundary: 'turn-started' | 'by-turn' | 'when-idle' = 'when-idle';
  private readonly bases = this.register(new ReviewBaseDocuments());
  private readonly proposals = this.register(new ProposalFiles());
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly undoNote = this.register(new AcceptedUndoNote());
  /** Fires when reviews open, progress or close (CodeLens and context keys refresh on it). */
  readonly onDidChange = this.changed.event;
  private counter = 0;

  constructor(
    private readonly log: Logger,
    private readonly takesFocus: () => boolean,
  ) {
    super();
    this.register(closeLeftoverReviewTabs((uri) => this.reviewOfEditor(uri) !== undefined, log));
  }

  get pending(): readonly ReviewSession[] {
    return [...this.reviews.values()];
  }

  async snapshots(): Promise<{ id: string; relativePath: string; proposalUri: string; hunkIds: string[] }[]> {
    return Promise.all(
      [...this.reviews.values()].map(async (review) => ({
        id: review.id,
        relativePath: review.change.relativePath,
        proposalUri: review.proposalUri.toString(),
        hunkIds: (await this.hunksOf(review.id)).map((hunk) => hunk.id),
      })),
    );
  }

  /** Every change of the current batch with its status; empty once a new batch has not begun and none was proposed. */
  pendingChanges(): PendingChangeSummary[] {
    return [...this.batch.values()].map((change) => ({ ...change }));
  }

  /**
   * A new turn begins: its proposals form a new list. The agent proposes one change at a time, so within a
   * turn the list keeps the changes already answered beside the one now in review.
   */
  beginBatch(): void {
    this.batchBoundary = 'turn-started';
  }

  /** Accept All across the batch: every review still open, one after another, through the state machine. */
  async acceptEverything(): Promise<void> {
    for (const id of [...this.reviews.keys()]) await this.acceptAll(id);
  }

  rejectEverything(): void {
    for (const id of [...this.reviews.keys()]) this.rejectAll(id);
  }

  reviewOf(proposalUri: vscode.Uri): ReviewSession | undefined {
    return [...this.reviews.values()].find((review) => review.proposalUri.toString() === proposalUri.toString());
  }

  /** The review shown in an editor on either side of its diff: the proposal (right) or the base (left). */
  reviewOfEditor(uri: vscode.Uri): { session: ReviewSession; side: 'proposal' | 'base' } | undefined {
    const proposal = this.reviewOf(uri);
    if (proposal) return { session: proposal, side: 'proposal' };
    const base = [...this.reviews.values()].find((review) => this.bases.uriOf(review.id, review.change.relativePath).toString() === uri.toString());
    return base ? { session: base, side: 'base' } : undefined;
  }

  async hunksOf(reviewId: string): Promise<Hunk[]> {
    const review = this.reviews.get(reviewId);
    return review ? review.state.hunks(await this.proposalText(review)) : [];
  }

  /** Starts a review; the diff opens without taking focus unless the user asked for that. */
  async propose(change: ProposedChange): Promise<ReviewSession> {
    const id = `r${++this.counter}-${Date.now().toString(36)}`;
    const proposalUri = this.proposals.uriOf(id, change.relativePath);
    this.proposals.create(proposalUri, change.proposedText);
    let settle!: (outcome: ReviewOutcome) => void;
    const done = new Promise<ReviewOutcome>((resolve) => (settle = resolve));
    const state = ReviewState.open(change);
    const review: OpenReview = { id, change, done, state, proposalUri, answers: Promise.resolve(), settle };
    // The list shows this turn's changes, not the last one's; without turns, a proposal while nothing is open starts anew.
    if (this.batchBoundary === 'turn-started' || (this.batchBoundary === 'when-idle' && this.reviews.size === 0)) {
      this.batch.clear();
      if (this.batchBoundary === 'turn-started') this.batchBoundary = 'by-turn';
    }
    this.batch.set(id, { reviewId: id, relativePath: change.relativePath, ...countChangedLines(state.hunks()), status: 'awaiting-review', open: true });
    this.reviews.set(id, review);
    this.bases.set(id, change.relativePath, state.base);
    this.changed.fire();
    await this.open(id);
    return review;
  }

  async open(reviewId: string): Promise<void> {
    const review = this.reviews.get(reviewId);
    if (!review) return;
    const sensitive = review.change.sensitiveReason ? ` (always reviewed: ${review.change.sensitiveReason})` : '';
    const title = `${review.change.relativePath} ↔ Kimi's proposal${review.change.isNewFile ? ' (new file)' : ''}${sensitive}`;
    await vscode.commands.executeCommand('vscode.diff', this.bases.uriOf(review.id, review.change.relativePath), review.proposalUri, title, {
      preview: false,
      preserveFocus: !this.takesFocus(),
    });
  }

  acceptHunk(reviewId: string, hunkId: string): Promise<void> {
    return this.accept(reviewId, [hunkId]);
  }

  acceptAll(reviewId: string): Promise<void> {
    return this.accept(reviewId, 'all');
  }

  rejectHunk(reviewId: string, hunkId: string): Promise<void> {
    return this.answer(reviewId, async (review) => {
      const step = review.state.rejectHunk(await this.proposalText(review), hunkId);
      if (step.kind === 'ignored') return;
      if ((await applyTextToDocument(review.proposalUri, step.proposalText, { save: true })) === 'save-failed') {
        // Unsaved, the proposal would show as modified although the review already moved on.
        this.log.warn(`Review of ${review.change.relativePath}: the proposal could not be saved.`);
      }
      this.advance(review, step.next);
    });
  }

  rejectAll(reviewId: string, reason?: string): void {
    void this.answer(reviewId, async (review) => {
      // The file's text becomes the final text only once an accept wrote to it; otherwise it is not even opened.
      const current = review.state.hasWritten ? await readDocumentText(review.change.uri) : undefined;
      const step = review.state.rejectAll(reason, current);
      if (step.kind !== 'ignored') this.advance(review, step.next);
    });
  }

  private accept(reviewId: string, selection: HunkSelection): Promise<void> {
    return this.answer(reviewId, async (review) => {
      const proposal = await this.proposalText(review);
      const before = await readDocumentText(review.change.uri);
      const step = review.state.acceptHunks(proposal, selection, before);
      if (step.kind === 'ignored') return;
      if (step.kind === 'conflict' && step.cause === 'file-changed') {
        this.log.warn(`Review of ${review.change.relativePath}: conflict (${step.detail}); nothing written.`);
        void vscode.window.showWarningMessage(`Kimi: ${review.change.relativePath} changed since the proposal and the change no longer fits; nothing was written.`);
      }
      if (step.kind === 'write-file') {
        const saved = await applyTextToDocument(review.change.uri, step.text, { create: step.createsFile, saveIfClean: true });
        if (saved === 'saved' && before !== undefined && !step.createsFile) this.undoNote.acceptedAndSaved(review.change.uri, before, review.change.relativePath);
        if (saved === 'save-failed') {
          this.log.warn(`Review of ${review.change.relativePath}: the accepted change is in the editor, but VS Code did not save it.`);
          void vscode.window.showWarningMessage(`Kimi: the accepted change to ${review.change.relativePath} is in the editor but was not saved to disk. Save it yourself (Ctrl+S) once the cause is fixed.`);
        }
      }
      this.advance(review, step.next);
    });
  }

  /**
   * Queues an answer behind the review's earlier ones. The caller sees the answer's own failure (VS Code
   * reports a failed command); the queue goes on, and the state stays where the failed step found it.
   */
  private answer(reviewId: string, decide: (review: OpenReview) => Promise<void>): Promise<void> {
    const review = this.reviews.get(reviewId);
    if (!review) return Promise.resolve();
    const run = review.answers.then(() => (this.reviews.has(reviewId) ? decide(review) : undefined));
    review.answers = run.catch((error: unknown) => this.log.warn(`Review of ${review.change.relativePath}: ${error instanceof Error ? error.message : String(error)}`));
    return run;
  }

  /** Adopts the state a carried-out step leads to: the diff's left side follows it, or the review closes. */
  private advance(review: OpenReview, next: ReviewState): void {
    review.state = next;
    const listed = this.batch.get(review.id);
    if (listed) Object.assign(listed, { status: pendingChangeStatus(next), open: isReviewOpen(next) });
    if (next.outcome) {
      this.close(review, next.outcome);
      return;
    }
    this.bases.set(review.id, review.change.relativePath, next.base);
    this.changed.fire();
  }

  private close(review: OpenReview, outcome: ReviewOutcome): void {
    if (!this.reviews.delete(review.id)) return;
    this.bases.remove(review.id, review.change.relativePath);
    void this.closeDiff(review.proposalUri);
    this.changed.fire();
    review.settle(outcome);
  }

  /** The proposal as the user sees it (they may have edited it), or as the review last knew it. */
  private async proposalText(review: OpenReview): Promise<string> {
    return (await readDocumentText(review.proposalUri)) ?? review.state.proposal;
  }

  private async closeDiff(proposalUri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter(
      (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposalUri.toString(),
    );
    try {
      await vscode.window.tabGroups.close(tabs, true);
      this.proposals.remove(proposalUri);
    } catch (error) {
      this.log.debug(`Could not clean up a review: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  override dispose(): void {
    // No queue at shutdown: what is still open is rejected now (reported partial when an accept already wrote).
    for (const review of [...this.reviews.values()]) {
      const step = review.state.rejectAll('VS Code closed the review.');
      if (step.kind !== 'ignored') this.advance(review, step.next);
    }
    super.dispose();
  }
}
