// The bookkeeping of one change under review, as a pure state machine. Each answer of the user (accept all,
// accept or reject one hunk, reject the rest) is given the proposal as it stands and, where it matters, the
// file as it is now, and returns what to write (or why nothing may be written) and the state that follows,
// with the review's outcome once nothing is left to decide. Hosts only read and write text, so the VS Code
// review and the Node workspace decide alike, and every decision is testable without an editor.
import type { ProposedChange, ReviewOutcome } from '../tools/workspace';
import { applyHunks, computeHunks, type Hunk } from './hunks';
import { rebaseChange } from './rebase';

/** The hunks an accept takes: every hunk left, or the ones with these ids (ids no longer in the proposal are ignored). */
export type HunkSelection = 'all' | readonly string[];

/**
 * What an answer asks of the host. Every step but `ignored` carries `next`, the state to continue from once
 * the host has done its part; `next.outcome` is set when that step ends the review.
 */
export type ReviewStep =
  /** Nothing to do: the review is over, or the answer names no open hunk (a double click, a stale CodeLens). */
  | { kind: 'ignored' }
  /** Write `text` to the file, creating it first when `createsFile`. */
  | { kind: 'write-file'; text: string; createsFile: boolean; next: ReviewState }
  /** Show `proposalText` as the proposal from now on (a hunk was taken out of it); the file is untouched. */
  | { kind: 'revise-proposal'; proposalText: string; next: ReviewState }
  /** Write nothing: the file is gone or changed where the proposal changes it. `next` ends with the conflict. */
  | { kind: 'conflict'; detail: string; cause: 'file-deleted' | 'file-changed'; next: ReviewState }
  /** The review ends without anything to write or show. */
  | { kind: 'finish'; next: ReviewState };

export type AcceptStep = Extract<ReviewStep, { kind: 'ignored' | 'write-file' | 'conflict' | 'finish' }>;
export type RejectHunkStep = Extract<ReviewStep, { kind: 'ignored' | 'revise-proposal' }>;
export type RejectAllStep = Extract<ReviewStep, { kind: 'ignored' | 'finish' }>;

export type ReviewedChange = Pick<ProposedChange, 'relativePath' | 'baseText' | 'proposedText' | 'isNewFile'>;

/** What a review never changes. */
interface OriginalProposal {
  relativePath: string;
  isNewFile: boolean;
  /** The proposal as the model made it: a final proposal that differs, with nothing rejected, was edited by the user. */
  text: string;
  /** Hunks of the original proposal: what the outcome counts against. */
  totalHunks: number;
}

interface Progress {
  base: string;
  proposal: string;
  acceptedHunks: number;
  rejectedHunks: number;
  /** What the review last wrote to the file; undefined until it writes. */
  written: string | undefined;
  outcome: ReviewOutcome | undefined;
}

const IGNORED = { kind: 'ignored' } as const;

/** Immutable: every answer returns the next state, which the host adopts once it has carried the step out. */
export class ReviewState {
  static open(change: ReviewedChange): ReviewState {
    const hunks = computeHunks(change.baseText, change.proposedText);
    const original: OriginalProposal = {
      relativePath: change.relativePath,
      isNewFile: change.isNewFile,
      text: change.proposedText,
      totalHunks: hunks.length,
    };
    const state = new ReviewState(original, { base: change.baseText, proposal: change.proposedText, acceptedHunks: 0, rejectedHunks: 0, written: undefined, outcome: undefined });
    state.lastHunks = { proposalText: change.proposedText, hunks };
    return state;
  }

  /**
   * The hunks last computed against this state's base, with the proposal text they are for. Not part of the
   * state, only a memo: the pending-changes list, the CodeLens and the keyboard ask for the hunks of the same
   * text one after another, and over a large file each diff costs.
   */
  private lastHunks: { proposalText: string; hunks: readonly Hunk[] } | undefined;

  private constructor(
    private readonly original: OriginalProposal,
    private readonly progress: Progress,
  ) {}

  /** The file as the proposal was computed against, plus every hunk accepted so far: the diff's left side. */
  get base(): string {
    return this.progress.base;
  }

  /** The proposal as last known (the original, then as the user edited it and minus rejected hunks): a fallback when the host cannot read its copy. */
  get proposal(): string {
    return this.progress.proposal;
  }

  get totalHunks(): number {
    return this.original.totalHunks;
  }

  get acceptedHunks(): number {
    return this.progress.acceptedHunks;
  }

  get rejectedHunks(): number {
    return this.progress.rejectedHunks;
  }

  /** Whether an accept has written to the file (the final text then matters even if the rest is rejected). */
  get hasWritten(): boolean {
    return this.progress.written !== undefined;
  }

  /** Set once the review is over; every later answer is ignored. */
  get outcome(): ReviewOutcome | undefined {
    return this.progress.outcome;
  }

  /** The hunks still to decide in `proposalText` (the proposal as the user sees it now). */
  hunks(proposalText: string = this.progress.proposal): Hunk[] {
    if (this.lastHunks?.proposalText !== proposalText) this.lastHunks = { proposalText, hunks: computeHunks(this.progress.base, proposalText) };
    return [...this.lastHunks.hunks];
  }

  /**
   * Accepts the selected hunks of `proposalText`. `currentFileText` is the file now (undefined: it does not
   * exist); when it changed since the base, the accepted hunks are re-based onto it, or nothing is written.
   */
  acceptHunks(proposalText: string, selection: HunkSelection, currentFileText: string | undefined): AcceptStep {
    if (this.outcome) return IGNORED;
    const { base } = this.progress;
    const hunks = this.hunks(proposalText);
    const chosen = selection === 'all' ? hunks : hunks.filter((hunk) => selection.includes(hunk.id));
    if (selection !== 'all' && chosen.length === 0) return IGNORED;
    // Accept All with nothing left to accept ends the review as it stands; only a new file, empty, still needs creating.
    if (hunks.length === 0 && !(this.original.isNewFile && !this.hasWritten)) {
      return { kind: 'finish', next: this.completed(currentFileText ?? this.progress.written ?? base, false) };
    }
    const target = chosen.length === hunks.length ? proposalText : applyHunks(base, proposalText, chosen.map((hunk) => hunk.id));
    const current = this.original.isNewFile ? (currentFileText ?? '') : currentFileText;
    if (current === undefined) return this.conflict(`${this.original.relativePath} no longer exists.`, 'file-deleted');
    const rebased = current === base ? { ok: true as const, text: target } : rebaseChange(base, target, current);
    if (!rebased.ok) return this.conflict(rebased.conflict, 'file-changed');
    const next = this.with({ base: target, proposal: proposalText, acceptedHunks: this.progress.acceptedHunks + chosen.length, written: rebased.text });
    return {
      kind: 'write-file',
      text: rebased.text,
      createsFile: this.original.isNewFile && !this.hasWritten,
      next: target === proposalText ? next.completed(rebased.text, false) : next,
    };
  }

  /** Takes one hunk out of `proposalText`; rejecting the last open hunk ends the review. */
  rejectHunk(proposalText: string, hunkId: string): RejectHunkStep {
    if (this.outcome) return IGNORED;
    const { base } = this.progress;
    const hunks = this.hunks(proposalText);
    if (!hunks.some((hunk) => hunk.id === hunkId)) return IGNORED;
    const kept = applyHunks(base, proposalText, hunks.filter((hunk) => hunk.id !== hunkId).map((hunk) => hunk.id));
    const next = this.with({ proposal: kept, rejectedHunks: this.progress.rejectedHunks + 1 });
    return { kind: 'revise-proposal', proposalText: kept, next: kept === base ? next.completed(this.progress.written ?? base, false) : next };
  }

  /**
   * Rejects whatever is still open. Once something was written the review ends as partial, with
   * `currentFileText` (or, without it, the text the review last wrote) as the final text.
   */
  rejectAll(reason?: string, currentFileText?: string): RejectAllStep {
    if (this.outcome) return IGNORED;
    if (!this.hasWritten) return { kind: 'finish', next: this.ended({ kind: 'rejected', totalHunks: this.original.totalHunks, ...(reason ? { reason } : {}) }) };
    return { kind: 'finish', next: this.completed(currentFileText ?? this.progress.written ?? this.progress.base, true) };
  }

  /** The host could not carry out a write: the review ends as a conflict, so the model never assumes the change landed. */
  writeFailed(detail: string): RejectAllStep {
    if (this.outcome) return IGNORED;
    return { kind: 'finish', next: this.ended({ kind: 'conflict', detail, acceptedHunks: this.progress.acceptedHunks }) };
  }

  private conflict(detail: string, cause: 'file-deleted' | 'file-changed'): AcceptStep {
    return { kind: 'conflict', detail, cause, next: this.ended({ kind: 'conflict', detail, acceptedHunks: this.progress.acceptedHunks }) };
  }

  /** The outcome once every hunk is decided, or the rest rejected at once (`rejectedRest`). */
  private completed(finalText: string, rejectedRest: boolean): ReviewState {
    const { acceptedHunks, rejectedHunks, base } = this.progress;
    const { totalHunks } = this.original;
    if (!this.hasWritten) return this.ended({ kind: 'rejected', totalHunks });
    if (rejectedHunks === 0 && !rejectedRest) {
      return this.ended({ kind: 'accepted', acceptedHunks, totalHunks, userEdited: base !== this.original.text, finalText });
    }
    // A rejected hunk changes the proposal too, so the user's own edits cannot be told apart from it.
    const rejected = Math.max(rejectedHunks, totalHunks - acceptedHunks);
    return this.ended({ kind: 'partial', acceptedHunks, rejectedHunks: rejected, totalHunks, userEdited: false, finalText });
  }

  private ended(outcome: ReviewOutcome): ReviewState {
    return this.with({ outcome });
  }

  private with(changes: Partial<Progress>): ReviewState {
    return new ReviewState(this.original, { ...this.progress, ...changes });
  }
}
