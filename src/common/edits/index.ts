// Public API of the edit engine: edit_file matching, hunks for review, rebasing, write_file guards, and the
// review's state machine.
export { computeEdit } from './editFile';
export type {
  ChangedRange,
  EditApplied,
  EditCandidate,
  EditFailureReason,
  EditMatchKind,
  EditOptions,
  EditOutcome,
  EditRejected,
  EditRequest,
} from './editFile';
export { formatEditOutcome } from './editMessages';
export { applyHunks, computeHunks, summarizeHunks } from './hunks';
export type { Hunk, HunkSummary } from './hunks';
export { rebaseChange } from './rebase';
export type { RebaseResult } from './rebase';
export { checkFullFileWrite, findPlaceholderMarkers } from './writeGuards';
export type { PlaceholderMarker, WriteGuardOptions, WriteGuardResult } from './writeGuards';
export { dominantLineEnding, splitTextLines } from './lines';
export type { LineEnding, TextLine } from './lines';
export { ReviewState } from './reviewState';
export type { AcceptStep, HunkSelection, RejectAllStep, RejectHunkStep, ReviewedChange, ReviewStep } from './reviewState';
export { countChangedLines, describeStatus, isReviewOpen, pendingChangeStatus, statusOfOutcome } from './pendingChanges';
export type { PendingChangeStatus, PendingChangeSummary } from './pendingChanges';
