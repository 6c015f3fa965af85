// The accept step of a change review, as src/vscode/review/changeReview.ts does it, on a plain file: the
// proposal is re-based onto whatever the file holds now, and on a conflict nothing is written.
import { readFile, writeFile } from 'node:fs/promises';
import { rebaseChange } from '../../../src/common/edits/index';

export type AcceptOutcome = { kind: 'written'; text: string } | { kind: 'conflict'; detail: string };

/** What accepting a proposal would write given the file's current text (undefined: the file is gone). */
export function decideAccept(baseText: string, proposedText: string, currentText: string | undefined, isNewFile: boolean): AcceptOutcome {
  const current = isNewFile ? (currentText ?? '') : currentText;
  if (current === undefined) return { kind: 'conflict', detail: 'the file no longer exists' };
  const rebased = current === baseText ? { ok: true as const, text: proposedText } : rebaseChange(baseText, proposedText, current);
  return rebased.ok ? { kind: 'written', text: rebased.text } : { kind: 'conflict', detail: rebased.conflict };
}

/** Accepts a proposal against the file on disk; writes only when the change still fits. */
export async function acceptOnDisk(path: string, baseText: string, proposedText: string, isNewFile: boolean): Promise<AcceptOutcome> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  const outcome = decideAccept(baseText, proposedText, current, isNewFile);
  if (outcome.kind === 'written' && outcome.text !== current) await writeFile(path, outcome.text, 'utf8');
  return outcome;
}
