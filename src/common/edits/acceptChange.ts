// What accepting a whole proposal writes, given the file's text now: the proposal re-based onto whatever
// changed meanwhile, or a conflict, in which case nothing may be written.
import { rebaseChange } from './rebase';

export type AcceptDecision = { kind: 'write'; text: string } | { kind: 'conflict'; detail: string };

/** `currentText` undefined: the file is gone (a conflict, unless the proposal creates it). */
export function decideAccept(baseText: string, proposedText: string, currentText: string | undefined, isNewFile: boolean): AcceptDecision {
  const current = isNewFile ? (currentText ?? '') : currentText;
  if (current === undefined) return { kind: 'conflict', detail: 'the file no longer exists' };
  const rebased = current === baseText ? { ok: true as const, text: proposedText } : rebaseChange(baseText, proposedText, current);
  return rebased.ok ? { kind: 'write', text: rebased.text } : { kind: 'conflict', detail: rebased.conflict };
}
