// Carries out a restore plan all or nothing: every file is checked again first (the user may have typed while
// the preview was open), then every file is written; if a write fails, the files already written get back the
// bytes they had, so the workspace is left as it was before the restore.
import type { CheckpointFiles } from './checkpointStore';
import type { ConversationJournal } from './conversationJournal';
import { sameState } from './journalFormat';
import type { RestoreConflict, RestorePlan, RestoreStep } from './restorePlan';

export type RestoreResult =
  | { kind: 'restored'; paths: string[] }
  | { kind: 'conflict'; conflicts: RestoreConflict[] }
  | { kind: 'failed'; path: string; error: string; rolledBack: boolean };

export async function applyRestore(plan: RestorePlan, journal: ConversationJournal, files: CheckpointFiles): Promise<RestoreResult> {
  if (plan.conflicts.length > 0) return { kind: 'conflict', conflicts: plan.conflicts };
  const conflicts: RestoreConflict[] = [];
  for (const step of plan.steps) {
    if (files.hasUnsavedChanges(step.path)) conflicts.push({ path: step.path, reason: 'unsaved' });
    else if (!sameState(journal.describe(await files.read(step.path), false), step.current)) conflicts.push({ path: step.path, reason: 'changed-since' });
  }
  if (conflicts.length > 0) return { kind: 'conflict', conflicts };

  const written: RestoreStep[] = [];
  for (const step of plan.steps) {
    try {
      await put(files, step.path, step.targetBytes);
      written.push(step);
    } catch (error) {
      const rolledBack = await rollBack(files, written);
      return { kind: 'failed', path: step.path, error: error instanceof Error ? error.message : String(error), rolledBack };
    }
  }
  return { kind: 'restored', paths: written.map((step) => step.path) };
}

/** Puts back what each written file had; false when one of them could not be put back either. */
async function rollBack(files: CheckpointFiles, written: readonly RestoreStep[]): Promise<boolean> {
  let complete = true;
  for (const step of [...written].reverse()) {
    try {
      await put(files, step.path, step.currentBytes);
    } catch {
      complete = false;
    }
  }
  return complete;
}

function put(files: CheckpointFiles, path: string, bytes: Uint8Array | undefined): Promise<void> {
  return bytes ? files.write(path, bytes) : files.remove(path);
}
