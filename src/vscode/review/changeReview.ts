// Reviewing a proposed change: VS Code's diff editor shows the base (the file as it was when the change was
// proposed, read-only) against the proposal (a scratch copy the user may edit). Hunks are accepted or
// rejected one by one or all at once. Accepting applies one WorkspaceEdit to the real document, re-based
// onto whatever the user changed meanwhile, so Undo works and no unsaved edit is overwritten.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { applyHunks, computeHunks, type Hunk } from '../../common/edits/hunks';
import { rebaseChange } from '../../common/edits/rebase';
import type { ReviewOutcome } from '../../common/tools/workspace';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { applyTextToDocument, readDocumentText } from './documentEdits';
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
  base: string;
  proposalUri: vscode.Uri;
  originalProposal: string;
  totalHunks: number;
  accepted: number;
  rejected: number;
  finish(outcome: ReviewOutcome): void;
}

export class ChangeReview extends Disposable {
  private readonly reviews = new Map<string, OpenReview>();
  private readonly bases = this.register(new ReviewBaseDocuments());
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when reviews open, progress or close (CodeLens and context keys refresh on it). */
  readonly onDidChange = this.changed.event;
  private counter = 0;

  constructor(
    private readonly scratchFolder: vscode.Uri,
    private readonly log: Logger,
    private readonly takesFocus: () => boolean,
  ) {
    super();
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

  reviewOf(proposalUri: vscode.Uri): ReviewSession | undefined {
    return [...this.reviews.values()].find((review) => review.proposalUri.toString() === proposalUri.toString());
  }

  hunksOf(reviewId: string): Promise<Hunk[]> {
    const review = this.reviews.get(reviewId);
    if (!review) return Promise.resolve([]);
    return readDocumentText(review.proposalUri).then((proposal) => computeHunks(review.base, proposal ?? review.base));
  }

  /** Starts a review; the diff opens without taking focus unless the user asked for that. */
  async propose(change: ProposedChange): Promise<ReviewSession> {
    const id = `r${++this.counter}-${Date.now().toString(36)}`;
    const fileName = change.relativePath.split('/').pop() || 'proposal';
    const proposalUri = vscode.Uri.joinPath(this.scratchFolder, id, fileName);
    await writeScratchFile(proposalUri, change.proposedText);
    let finish!: (outcome: ReviewOutcome) => void;
    const done = new Promise<ReviewOutcome>((resolve) => (finish = resolve));
    const review: OpenReview = {
      id,
      change,
      done,
      base: change.baseText,
      proposalUri,
      originalProposal: change.proposedText,
      totalHunks: computeHunks(change.baseText, change.proposedText).length,
      accepted: 0,
      rejected: 0,
      finish: (outcome) => {
        if (!this.reviews.delete(id)) return;
        this.bases.remove(id);
        void this.closeDiff(proposalUri);
        this.changed.fire();
        finish(outcome);
      },
    };
    this.reviews.set(id, review);
    this.bases.set(id, change.relativePath, review.base);
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

  async acceptHunk(reviewId: string, hunkId: string): Promise<void> {
    await this.accept(reviewId, (hunks) => hunks.filter((hunk) => hunk.id === hunkId));
  }

  async acceptAll(reviewId: string): Promise<void> {
    await this.accept(reviewId, (hunks) => hunks);
  }

  async rejectHunk(reviewId: string, hunkId: string): Promise<void> {
    const review = this.reviews.get(reviewId);
    if (!review) return;
    const proposal = (await readDocumentText(review.proposalUri)) ?? review.originalProposal;
    const hunks = computeHunks(review.base, proposal);
    if (!hunks.some((hunk) => hunk.id === hunkId)) return;
    const kept = applyHunks(review.base, proposal, hunks.filter((hunk) => hunk.id !== hunkId).map((hunk) => hunk.id));
    if ((await applyTextToDocument(review.proposalUri, kept, { save: true })) === 'save-failed') {
      // The review reads the proposal back from this scratch file: unsaved, a later step would see the old one.
      this.log.warn(`Review of ${review.change.relativePath}: the proposal's scratch copy could not be saved.`);
    }
    review.rejected++;
    this.changed.fire();
    if (kept === review.base) this.complete(review, kept);
  }

  rejectAll(reviewId: string, reason?: string): void {
    const review = this.reviews.get(reviewId);
    if (!review) return;
    if (review.accepted > 0) {
      void readDocumentText(review.change.uri).then((finalText) => this.complete(review, finalText ?? review.base, true));
      return;
    }
    review.finish({ kind: 'rejected', totalHunks: review.totalHunks, ...(reason ? { reason } : {}) });
  }

  private async accept(reviewId: string, choose: (hunks: Hunk[]) => Hunk[]): Promise<void> {
    const review = this.reviews.get(reviewId);
    if (!review) return;
    const proposal = (await readDocumentText(review.proposalUri)) ?? review.originalProposal;
    const hunks = computeHunks(review.base, proposal);
    const chosen = choose(hunks);
    if (chosen.length === 0) return;
    const target = chosen.length === hunks.length ? proposal : applyHunks(review.base, proposal, chosen.map((hunk) => hunk.id));
    const current = review.change.isNewFile ? ((await readDocumentText(review.change.uri)) ?? '') : await readDocumentText(review.change.uri);
    if (current === undefined) {
      review.finish({ kind: 'conflict', detail: `${review.change.relativePath} no longer exists.`, acceptedHunks: review.accepted });
      return;
    }
    const rebased = current === review.base ? { ok: true as const, text: target } : rebaseChange(review.base, target, current);
    if (!rebased.ok) {
      this.log.warn(`Review of ${review.change.relativePath}: conflict (${rebased.conflict}); nothing written.`);
      void vscode.window.showWarningMessage(`Kimi: ${review.change.relativePath} changed since the proposal and the change no longer fits; nothing was written.`);
      review.finish({ kind: 'conflict', detail: rebased.conflict, acceptedHunks: review.accepted });
      return;
    }
    const saved = await applyTextToDocument(review.change.uri, rebased.text, { create: review.change.isNewFile && review.accepted === 0, saveIfClean: true });
    if (saved === 'save-failed') {
      this.log.warn(`Review of ${review.change.relativePath}: the accepted change is in the editor, but VS Code did not save it.`);
      void vscode.window.showWarningMessage(`Kimi: the accepted change to ${review.change.relativePath} is in the editor but was not saved to disk. Save it yourself (Ctrl+S) once the cause is fixed.`);
    }
    review.accepted += chosen.length;
    review.base = target;
    this.bases.set(review.id, review.change.relativePath, target);
    this.changed.fire();
    if (target === proposal) this.complete(review, rebased.text);
  }

  private complete(review: OpenReview, finalText: string, rejectedRest = false): void {
    const userEdited = review.base !== review.originalProposal && review.rejected === 0 && !rejectedRest;
    if (review.accepted === 0) {
      review.finish({ kind: 'rejected', totalHunks: review.totalHunks });
    } else if (review.rejected === 0 && !rejectedRest) {
      review.finish({ kind: 'accepted', acceptedHunks: review.accepted, totalHunks: review.totalHunks, userEdited, finalText });
    } else {
      review.finish({
        kind: 'partial',
        acceptedHunks: review.accepted,
        rejectedHunks: Math.max(review.rejected, review.totalHunks - review.accepted),
        totalHunks: review.totalHunks,
        userEdited,
        finalText,
      });
    }
  }

  private async closeDiff(proposalUri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter(
      (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposalUri.toString(),
    );
    try {
      await vscode.window.tabGroups.close(tabs, true);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(proposalUri, '..'), { recursive: true, useTrash: false });
    } catch (error) {
      this.log.debug(`Could not clean up a review: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  override dispose(): void {
    for (const review of [...this.reviews.values()]) review.finish({ kind: 'rejected', totalHunks: review.totalHunks, reason: 'VS Code closed the review.' });
    super.dispose();
  }
}

/** Node's file system for local storage (the usual case: far quicker than a round trip through workspace.fs). */
async function writeScratchFile(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') {
    await mkdir(dirname(uri.fsPath), { recursive: true });
    await writeFile(uri.fsPath, text, 'utf8');
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
}
