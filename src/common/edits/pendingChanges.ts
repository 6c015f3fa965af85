// The changes of one batch of proposals (a turn's edits across files) as the user sees them listed: file,
// lines added and removed, and where each review stands. Pure, so the chat panel, the quick pick and the
// test API all describe a change alike.
import type { PendingChangeStatus, PendingChangeView } from '../protocol';
import type { ReviewOutcome } from '../tools/workspace';
import type { Hunk } from './hunks';
import type { ReviewState } from './reviewState';

export type { PendingChangeStatus };
export type PendingChangeSummary = PendingChangeView;

/** Lines added and removed by a proposal, counted over its hunks (the review has them already). */
export function countChangedLines(hunks: readonly Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    added += hunk.addedLines.length;
    removed += hunk.removedLines.length;
  }
  return { added, removed };
}

/** Whether the review still waits for an answer. */
export function isReviewOpen(state: Pick<ReviewState, 'outcome'>): boolean {
  return state.outcome === undefined;
}

/** Where a review stands: from its outcome once it ended, else from what was accepted so far. */
export function pendingChangeStatus(state: Pick<ReviewState, 'outcome' | 'acceptedHunks'>): PendingChangeStatus {
  return state.outcome ? statusOfOutcome(state.outcome) : state.acceptedHunks > 0 ? 'partly-accepted' : 'awaiting-review';
}

export function statusOfOutcome(outcome: ReviewOutcome): PendingChangeStatus {
  switch (outcome.kind) {
    case 'accepted':
      return 'accepted';
    case 'partial':
      return 'partly-accepted';
    case 'rejected':
      return 'rejected';
    case 'conflict':
      return 'conflict';
  }
}

/** In the user's words, for the quick pick and tooltips. */
export function describeStatus(status: PendingChangeStatus): string {
  switch (status) {
    case 'awaiting-review':
      return 'awaiting review';
    case 'partly-accepted':
      return 'partly accepted';
    default:
      return status;
  }
}
