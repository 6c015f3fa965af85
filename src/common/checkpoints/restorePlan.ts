// What "Restore files to here" would do, decided before anything is written: for every file the agent changed
// in the checkpoint and every later one, the version to put back (its state before the first of them) and the
// version it must still have (after the last of them). Anything else there is someone's edit: a conflict,
// named per file, and then nothing is written at all.
import type { CheckpointFiles } from './checkpointStore';
import type { ConversationJournal } from './conversationJournal';
import { sameState, type Checkpoint, type FileEntry, type FileState } from './journalFormat';

export type ConflictReason = 'unsaved' | 'changed-since' | 'changed-between' | 'after-unknown' | 'not-kept' | 'copy-missing';

export interface RestoreConflict {
  path: string;
  reason: ConflictReason;
}

export interface RestoreStep {
  path: string;
  /** What the file becomes: its bytes, or absent (the agent created it). */
  target: FileState;
  targetBytes: Uint8Array | undefined;
  /** What the file is now (checked again right before writing, and written back on a rollback). */
  current: FileState;
  currentBytes: Uint8Array | undefined;
}

export interface RestorePlan {
  conversationId: string;
  checkpointId: string;
  steps: RestoreStep[];
  conflicts: RestoreConflict[];
  /** Files the agent touched that already have the version to restore. */
  unchanged: string[];
  /** Command lines run in the undone turns: their side effects are not restored. */
  commands: string[];
}

/** A file's journey over consecutive checkpoints: where it started, where the agent left it, and whether the chain holds. */
export interface NetChange {
  path: string;
  first: FileState;
  last: FileState | undefined;
  /** A later checkpoint found the file different from where the previous one left it. */
  brokenChain: boolean;
}

/** Every file the checkpoints touched, in first-touched order, with its net change. */
export function netChanges(checkpoints: readonly Checkpoint[]): NetChange[] {
  const changes = new Map<string, NetChange>();
  for (const checkpoint of checkpoints) {
    for (const [path, entry] of Object.entries(checkpoint.files) as [string, FileEntry][]) {
      const known = changes.get(path);
      if (!known) {
        changes.set(path, { path, first: entry.before, last: entry.after, brokenChain: false });
        continue;
      }
      if (!sameState(known.last, entry.before)) known.brokenChain = true;
      known.last = entry.after;
    }
  }
  return [...changes.values()];
}

/** The checkpoints a restore to `checkpointId` undoes: that one and every later one. */
export function checkpointsFrom(journal: ConversationJournal, checkpointId: string): readonly Checkpoint[] {
  const index = journal.checkpoints.findIndex((checkpoint) => checkpoint.id === checkpointId);
  return index < 0 ? [] : journal.checkpoints.slice(index);
}

/** True when restoring to the checkpoint would change some file (by the journal's own record). */
export function wouldChangeFiles(journal: ConversationJournal, checkpointId: string): boolean {
  return netChanges(checkpointsFrom(journal, checkpointId)).some((change) => !sameState(change.first, change.last));
}

export async function planRestore(journal: ConversationJournal, checkpointId: string, files: CheckpointFiles): Promise<RestorePlan> {
  const undone = checkpointsFrom(journal, checkpointId);
  const plan: RestorePlan = {
    conversationId: journal.conversationId,
    checkpointId,
    steps: [],
    conflicts: [],
    unchanged: [],
    commands: undone.flatMap((checkpoint) => checkpoint.commands),
  };
  for (const change of netChanges(undone)) {
    const currentBytes = await files.read(change.path);
    const current = journal.describe(currentBytes, false);
    const conflict = (reason: ConflictReason) => plan.conflicts.push({ path: change.path, reason });
    if (sameState(current, change.first)) {
      plan.unchanged.push(change.path);
    } else if (files.hasUnsavedChanges(change.path)) {
      conflict('unsaved');
    } else if (!change.last) {
      conflict('after-unknown');
    } else if (change.brokenChain) {
      conflict('changed-between');
    } else if (!sameState(current, change.last)) {
      conflict('changed-since');
    } else if (change.first.kind === 'file' && !change.first.kept) {
      conflict('not-kept');
    } else {
      const targetBytes = change.first.kind === 'file' ? await journal.bytesOf(change.first) : undefined;
      if (change.first.kind === 'file' && !targetBytes) conflict('copy-missing');
      else plan.steps.push({ path: change.path, target: change.first, targetBytes, current, currentBytes });
    }
  }
  return plan;
}

/** One line per conflict, in the user's words. */
export function describeConflict(conflict: RestoreConflict): string {
  const why: Record<ConflictReason, string> = {
    unsaved: 'has unsaved changes in an editor',
    'changed-since': "changed since Kimi's last edit (by you, or by a command)",
    'changed-between': "changed between two of Kimi's turns (by you, or by a command)",
    'after-unknown': "its state after Kimi's change was not recorded (the window closed during that turn)",
    'not-kept': 'its earlier version was not kept: the checkpoint journal was full',
    'copy-missing': "the journal's copy of its earlier version is missing or damaged",
  };
  return `${conflict.path}: ${why[conflict.reason]}`;
}
