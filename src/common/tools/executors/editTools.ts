// edit_file and write_file: compute the proposal against the current text (the open buffer if dirty), refuse
// non-matches and placeholder writes without touching anything, and otherwise hand the proposal to the
// review. Files that run code in the editor or the build are always reviewed. The result tells the model
// exactly what the user decided.
import type { ToolOutcome } from '../../agent/agentLoop';
import { checkFullFileWrite, computeEdit, computeHunks, formatEditOutcome, summarizeHunks } from '../../edits/index';
import type { AssembledToolCall } from '../../llm/types';
import { consentToContent, type ContentTarget } from '../consentGate';
import type { ToolArguments } from '../definitions';
import { sensitiveWriteReason } from '../sensitiveWrites';
import { askUser, failure, resolveToolPath, type ToolContext } from '../toolContext';
import type { ProposedChange, ReviewOutcome } from '../workspace';
import { formatDiagnostic } from './readTools';

const CONTEXT_AFTER_ACCEPT = 3;

export async function editFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'edit_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, call, args.path);
  if (!target.ok) return target.outcome;
  const current = await context.workspace.readText(target.relative);
  if (current === undefined) {
    if (args.old_string !== '') return failure(`${target.relative} does not exist. To create it, call write_file (or edit_file with an empty old_string).`, 'not found');
    return propose(context, call, target, { relativePath: target.relative, baseText: '', proposedText: args.new_string, isNewFile: true });
  }
  const tabSize = context.workspace.tabSize(target.relative);
  const outcome = computeEdit(current, { oldString: args.old_string, newString: args.new_string, replaceAll: args.replace_all ?? false }, tabSize ? { tabSize } : {});
  if (!outcome.ok) {
    return { content: formatEditOutcome(target.relative, outcome), status: 'error', summary: outcome.reason === 'ambiguous' ? 'several matches' : outcome.reason.replace(/-/g, ' ') };
  }
  return propose(context, call, target, { relativePath: target.relative, baseText: current, proposedText: outcome.text, isNewFile: false });
}

export async function writeFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'write_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, call, args.path);
  if (!target.ok) return target.outcome;
  const current = await context.workspace.readText(target.relative);
  const guard = checkFullFileWrite(args.content, { path: target.relative, ...(current !== undefined ? { existingContent: current } : {}) });
  if (!guard.ok) return { content: `Error: ${guard.message}`, status: 'error', summary: guard.reason === 'placeholder' ? 'placeholder text' : 'looks truncated' };
  const proposed = current === undefined ? args.content : matchLineEndings(args.content, current);
  if (current === proposed) return { content: `${target.relative} already has exactly this content; nothing to change.`, status: 'done', summary: 'no change' };
  return propose(context, call, target, { relativePath: target.relative, baseText: current ?? '', proposedText: proposed, isNewFile: current === undefined });
}

type WritableTarget = (ContentTarget & { ok: true }) | { ok: false; outcome: ToolOutcome };

/**
 * A path the model may change. A sensitive file's text reaches the model through an edit too (the closest
 * text of a failed match, the "already has this content" answer, the excerpt after accepting), so it takes
 * the same consent as reading it, before anything is read.
 */
async function writableTarget(context: ToolContext, call: AssembledToolCall, requested: string): Promise<WritableTarget> {
  const resolved = await resolveToolPath(context, requested, { forWriting: true });
  if (!resolved.ok) return { ok: false, outcome: failure(resolved.error, 'refused') };
  if (await context.workspace.stat(resolved.relative)) {
    const refusal = await consentToContent(context, call, resolved, 'changed');
    if (refusal) return { ok: false, outcome: { content: refusal, status: 'rejected', summary: 'not allowed' } };
  }
  return { ok: true, relative: resolved.relative, realRelative: resolved.realRelative, absolutePath: resolved.absolutePath };
}

async function propose(context: ToolContext, call: AssembledToolCall, target: ContentTarget, change: ProposedChange): Promise<ToolOutcome> {
  const summary = summarizeHunks(computeHunks(change.baseText, change.proposedText));
  // Under either name: a link `notes.json -> package.json` changes package.json.
  const sensitiveReason = sensitiveWriteReason(target.relative) ?? sensitiveWriteReason(target.realRelative);
  if (context.settings()['autoApprove.edits'] && !sensitiveReason) {
    const saved = await context.workspace.writeDirectly(change);
    // The model is told when the change only reached the editor, so it does not assume tests or builds see it.
    const onDisk = saved === 'save-failed' ? ' It is in the open editor but was not saved to disk.' : '';
    return describeAccepted(context, change, change.proposedText, `Applied automatically (auto-approve is on), ${summary.label}.${onDisk}`, summary.label);
  }
  const review = await context.workspace.propose(sensitiveReason ? { ...change, sensitiveReason } : change);
  const why = sensitiveReason ? `, always reviewed: ${sensitiveReason}` : '';
  // The chat card's Approve / Reject act on the whole change; the diff's CodeLens act per hunk.
  const answered = new AbortController();
  const stopped = () => review.rejectAll('The user stopped the request.');
  context.signal.addEventListener('abort', stopped, { once: true });
  const cardContext = { ...context, signal: AbortSignal.any([answered.signal, context.signal]) };
  const cardSummary = `${change.isNewFile ? 'new file ' : ''}${summary.label}, awaiting review${why}`;
  void askUser(cardContext, call, { kind: 'change', subject: change.relativePath, ...(sensitiveReason ? { reason: sensitiveReason } : {}) }, cardSummary).then((approved) => {
    if (answered.signal.aborted || context.signal.aborted) return;
    if (approved) review.acceptAll();
    else review.rejectAll();
  });
  const outcome = await review.done;
  answered.abort();
  context.signal.removeEventListener('abort', stopped);
  return describeOutcome(context, change, outcome);
}

function describeOutcome(context: ToolContext, change: ProposedChange, outcome: ReviewOutcome): Promise<ToolOutcome> | ToolOutcome {
  const path = change.relativePath;
  switch (outcome.kind) {
    case 'accepted': {
      const note = outcome.userEdited ? ' The user edited your proposal before accepting it: the file now has their version, shown below.' : '';
      return describeAccepted(context, change, outcome.finalText, `The user accepted the change to ${path}.${note}`, outcome.userEdited ? 'accepted (edited)' : 'accepted');
    }
    case 'partial':
      return describeAccepted(
        context,
        change,
        outcome.finalText,
        `The user accepted ${outcome.acceptedHunks} of ${outcome.totalHunks} hunks of the change to ${path} and rejected the rest.`,
        `accepted ${outcome.acceptedHunks} of ${outcome.totalHunks} hunks`,
      );
    case 'rejected':
      return {
        content: `The user rejected the change to ${path}; the file is unchanged.${outcome.reason ? ` Reason: ${outcome.reason}` : ''} Do not retry the same change unless asked.`,
        status: 'rejected',
        summary: 'rejected',
      };
    case 'conflict':
      return {
        content: `Not applied: ${path} changed while the proposal waited for review (${outcome.detail}). Read the file again and propose the change against its current text.`,
        status: 'error',
        summary: 'conflict: file changed',
      };
  }
}

async function describeAccepted(context: ToolContext, change: ProposedChange, finalText: string, headline: string, summary: string): Promise<ToolOutcome> {
  const excerpt = changedExcerpt(change.baseText, finalText);
  await context.workspace.settleDiagnostics();
  const problems = context.workspace.diagnostics(change.relativePath).map(formatDiagnostic).join('\n');
  const diagnostics = problems ? `\nProblems now reported in ${change.relativePath}:\n${problems}` : '';
  return { content: `${headline}\n${excerpt}${diagnostics}`, status: 'done', summary };
}

/** The changed lines of the final text with a little context, numbered like read_file output. */
function changedExcerpt(before: string, after: string): string {
  const hunks = computeHunks(before, after);
  if (hunks.length === 0) return '(no lines changed)';
  const lines = after.split(/\r?\n/);
  return hunks
    .slice(0, 3)
    .map((hunk) => {
      const from = Math.max(1, hunk.proposedStart - CONTEXT_AFTER_ACCEPT);
      const to = Math.min(lines.length, hunk.proposedStart + hunk.proposedLineCount - 1 + CONTEXT_AFTER_ACCEPT);
      const body = lines.slice(from - 1, to).map((line, index) => `${String(from + index).padStart(6)}| ${line}`);
      return `Lines ${from}-${to} now read:\n${body.join('\n')}`;
    })
    .join('\n');
}

/** A full-file write keeps the file's line-ending style (the model writes LF). */
function matchLineEndings(content: string, existing: string): string {
  const normalized = content.replace(/\r\n/g, '\n');
  return existing.includes('\r\n') ? normalized.replace(/\n/g, '\r\n') : normalized;
}
