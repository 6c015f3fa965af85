// edit_file and write_file: compute the proposal against the current document text (the open buffer if
// dirty), refuse non-matches and placeholder writes without touching anything, and otherwise hand the
// proposal to the change review. The result tells the model exactly what the user decided.
import * as vscode from 'vscode';
import type { ToolOutcome } from '../../common/agent/agentLoop';
import { computeEdit, formatEditOutcome } from '../../common/edits/index';
import { checkFullFileWrite, summarizeHunks, computeHunks } from '../../common/edits/index';
import type { AssembledToolCall } from '../../common/llm/types';
import type { ToolArguments } from '../../common/tools/definitions';
import { readDiagnostics } from '../context/builtinContext';
import type { ReviewOutcome } from '../review/changeReview';
import { applyTextToDocument, readDocumentText } from '../review/documentEdits';
import { failure } from './fileTools';
import { resolveToolPath, type ResolvedPath, type ToolContext } from './toolContext';

const CONTEXT_AFTER_ACCEPT = 3;
const DIAGNOSTICS_SETTLE_MS = 1200;

export async function editFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'edit_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, args.path);
  if (!target.ok) return failure(target.error, 'refused');
  const current = await readDocumentText(target.uri);
  if (current === undefined) {
    if (args.old_string !== '') return failure(`${target.relative} does not exist. To create it, call write_file (or edit_file with an empty old_string).`, 'not found');
    return propose(context, call, { ...target, baseText: '', proposedText: args.new_string, isNewFile: true });
  }
  const tabSize = vscode.workspace.getConfiguration('editor', target.uri).get<number>('tabSize');
  const outcome = computeEdit(current, { oldString: args.old_string, newString: args.new_string, replaceAll: args.replace_all ?? false }, tabSize ? { tabSize } : {});
  if (!outcome.ok) {
    return { content: formatEditOutcome(target.relative, outcome), status: 'error', summary: outcome.reason === 'ambiguous' ? 'several matches' : outcome.reason.replace(/-/g, ' ') };
  }
  return propose(context, call, { ...target, baseText: current, proposedText: outcome.text, isNewFile: false });
}

export async function writeFile(context: ToolContext, call: AssembledToolCall, args: ToolArguments<'write_file'>): Promise<ToolOutcome> {
  const target = await writableTarget(context, args.path);
  if (!target.ok) return failure(target.error, 'refused');
  const current = await readDocumentText(target.uri);
  const guard = checkFullFileWrite(args.content, { path: target.relative, ...(current !== undefined ? { existingContent: current } : {}) });
  if (!guard.ok) return { content: `Error: ${guard.message}`, status: 'error', summary: guard.reason === 'placeholder' ? 'placeholder text' : 'looks truncated' };
  const proposed = current === undefined ? args.content : matchLineEndings(args.content, current);
  if (current === proposed) return { content: `${target.relative} already has exactly this content; nothing to change.`, status: 'done', summary: 'no change' };
  return propose(context, call, { ...target, baseText: current ?? '', proposedText: proposed, isNewFile: current === undefined });
}

interface Proposal {
  uri: vscode.Uri;
  relative: string;
  baseText: string;
  proposedText: string;
  isNewFile: boolean;
}

async function propose(context: ToolContext, call: AssembledToolCall, proposal: Proposal): Promise<ToolOutcome> {
  const summary = summarizeHunks(computeHunks(proposal.baseText, proposal.proposedText));
  if (context.configuration.settings['autoApprove.edits']) {
    const saved = await applyTextToDocument(proposal.uri, proposal.proposedText, { create: proposal.isNewFile, saveIfClean: true });
    // The model is told when the change only reached the editor, so it does not assume tests or builds see it.
    const onDisk = saved === 'save-failed' ? ' It is in the open editor but VS Code did not save it to disk.' : '';
    return describeAccepted(proposal, proposal.proposedText, `Applied automatically (auto-approve is on), ${summary.label}.${onDisk}`, summary.label);
  }
  const session = await context.review.propose({
    uri: proposal.uri,
    relativePath: proposal.relative,
    baseText: proposal.baseText,
    proposedText: proposal.proposedText,
    isNewFile: proposal.isNewFile,
  });
  context.recorder.markAwaitingApproval(call, `${proposal.isNewFile ? 'new file ' : ''}${summary.label}, awaiting review`);
  // The chat card's Accept / Reject act on the whole change; the diff's CodeLens act per hunk.
  const answered = new AbortController();
  const stopped = () => context.review.rejectAll(session.id, 'The user stopped the request.');
  context.signal.addEventListener('abort', stopped, { once: true });
  const cardAnswer = AbortSignal.any([answered.signal, context.signal]);
  void context.approvals.ask(call.id, cardAnswer).then((approved) => {
    if (answered.signal.aborted || context.signal.aborted) return;
    if (approved) void context.review.acceptAll(session.id);
    else context.review.rejectAll(session.id);
  });
  const outcome = await session.done;
  answered.abort();
  context.signal.removeEventListener('abort', stopped);
  return describeOutcome(proposal, outcome);
}

async function describeOutcome(proposal: Proposal, outcome: ReviewOutcome): Promise<ToolOutcome> {
  switch (outcome.kind) {
    case 'accepted': {
      const note = outcome.userEdited ? ' The user edited your proposal before accepting it: the file now has their version, shown below.' : '';
      return describeAccepted(proposal, outcome.finalText, `The user accepted the change to ${proposal.relative}.${note}`, outcome.userEdited ? 'accepted (edited)' : 'accepted');
    }
    case 'partial':
      return describeAccepted(
        proposal,
        outcome.finalText,
        `The user accepted ${outcome.acceptedHunks} of ${outcome.totalHunks} hunks of the change to ${proposal.relative} and rejected the rest.`,
        `accepted ${outcome.acceptedHunks} of ${outcome.totalHunks} hunks`,
      );
    case 'rejected':
      return {
        content: `The user rejected the change to ${proposal.relative}; the file is unchanged.${outcome.reason ? ` Reason: ${outcome.reason}` : ''} Do not retry the same change unless asked.`,
        status: 'rejected',
        summary: 'rejected',
      };
    case 'conflict':
      return {
        content: `Not applied: ${proposal.relative} changed while the proposal waited for review (${outcome.detail}). Read the file again and propose the change against its current text.`,
        status: 'error',
        summary: 'conflict: file changed',
      };
  }
}

async function describeAccepted(proposal: Proposal, finalText: string, headline: string, summary: string): Promise<ToolOutcome> {
  const excerpt = changedExcerpt(proposal.baseText, finalText);
  await new Promise((resolve) => setTimeout(resolve, DIAGNOSTICS_SETTLE_MS));
  const problems = readDiagnostics(proposal.uri);
  const diagnostics = problems ? `\nProblems now reported in ${proposal.relative}:\n${problems}` : '';
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

function writableTarget(context: ToolContext, requested: string): Promise<ResolvedPath> {
  return resolveToolPath(context, requested, { forWriting: true });
}

/** A full-file write keeps the file's line-ending style (the model writes LF). */
function matchLineEndings(content: string, existing: string): string {
  const crlf = existing.includes('\r\n');
  const normalized = content.replace(/\r\n/g, '\n');
  return crlf ? normalized.replace(/\n/g, '\r\n') : normalized;
}
