// The review's state machine: every answer of the user, what it writes, what the diff shows next and the
// outcome the model is told, with the file changed, deleted or new, CRLF, partial accepts and double answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReviewState, type ReviewStep } from '../../../src/common/edits';

const BASE = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
/** Three hunks, far enough apart to stay separate: lines 3, 15 and 27. */
const PROPOSAL = BASE.replace('line 3\n', 'line 3 changed\n').replace('line 15\n', 'line 15 changed\n').replace('line 27\n', 'line 27 changed\n');
const change = (overrides: { baseText?: string; proposedText?: string; isNewFile?: boolean } = {}) =>
  ReviewState.open({ relativePath: 'src/file.ts', baseText: BASE, proposedText: PROPOSAL, isNewFile: false, ...overrides });

/** The step's text when it writes the file; fails the test otherwise. */
function written(step: ReviewStep): { text: string; createsFile: boolean; next: ReviewState } {
  assert.equal(step.kind, 'write-file', `expected a write, got ${JSON.stringify(step)}`);
  return step as Extract<ReviewStep, { kind: 'write-file' }>;
}

function next(step: ReviewStep): ReviewState {
  assert.notEqual(step.kind, 'ignored', 'the answer was ignored');
  return (step as Exclude<ReviewStep, { kind: 'ignored' }>).next;
}

describe('ReviewState', () => {
  test('opens with the base on the left, the proposal on the right and three hunks to decide', () => {
    const state = change();
    assert.equal(state.base, BASE);
    assert.equal(state.proposal, PROPOSAL);
    assert.equal(state.totalHunks, 3);
    assert.equal(state.hunks().length, 3);
    assert.equal(state.outcome, undefined);
  });

  test('the hunks are those of the text asked for, whichever text was asked before (the user edits the proposal and undoes it)', () => {
    const state = change();
    const edited = PROPOSAL.replace('line 15 changed\n', 'line 15\n');
    assert.deepEqual(state.hunks(PROPOSAL).map((hunk) => hunk.originalStart), [3, 15, 27]);
    assert.deepEqual(state.hunks(edited).map((hunk) => hunk.originalStart), [3, 27]);
    assert.deepEqual(state.hunks(BASE), []);
    assert.deepEqual(state.hunks(PROPOSAL).map((hunk) => hunk.originalStart), [3, 15, 27]);
    // A caller's changes to the list it got do not reach the next caller.
    state.hunks().pop();
    assert.equal(state.hunks().length, 3);
    assert.equal(written(state.acceptHunks(edited, 'all', BASE)).text, edited);
  });

  test('accept all writes the proposal and ends accepted', () => {
    const step = written(change().acceptHunks(PROPOSAL, 'all', BASE));
    assert.equal(step.text, PROPOSAL);
    assert.equal(step.createsFile, false);
    assert.deepEqual(step.next.outcome, { kind: 'accepted', acceptedHunks: 3, totalHunks: 3, userEdited: false, finalText: PROPOSAL });
  });

  test('reject all writes nothing and ends rejected, with the reason', () => {
    const step = change().rejectAll('The user stopped the request.');
    assert.equal(step.kind, 'finish');
    assert.deepEqual(next(step).outcome, { kind: 'rejected', totalHunks: 3, reason: 'The user stopped the request.' });
  });

  test('accepting one hunk, then rejecting the rest, ends partial with only that hunk written', () => {
    const state = change();
    const [first] = state.hunks();
    const step = written(state.acceptHunks(PROPOSAL, [first.id], BASE));
    const expected = BASE.replace('line 3\n', 'line 3 changed\n');
    assert.equal(step.text, expected);
    assert.equal(step.next.outcome, undefined, 'two hunks are still open');
    assert.equal(step.next.base, expected, 'the diff now compares against the accepted text');
    assert.equal(step.next.hunks(PROPOSAL).length, 2);
    const rest = next(step.next.rejectAll(undefined, expected));
    assert.deepEqual(rest.outcome, { kind: 'partial', acceptedHunks: 1, rejectedHunks: 2, totalHunks: 3, userEdited: false, finalText: expected });
  });

  test('rejecting the open hunks one by one after a partial accept ends partial when the last goes', () => {
    let state = change();
    state = written(state.acceptHunks(PROPOSAL, [state.hunks()[0].id], BASE)).next;
    let proposal = PROPOSAL;
    for (const remaining of [1, 0]) {
      const step = state.rejectHunk(proposal, state.hunks(proposal)[0].id);
      assert.equal(step.kind, 'revise-proposal');
      proposal = step.kind === 'revise-proposal' ? step.proposalText : proposal;
      state = next(step);
      assert.equal(state.hunks(proposal).length, remaining);
    }
    assert.equal(proposal, state.base, 'the proposal now equals the accepted text');
    assert.deepEqual(state.outcome, { kind: 'partial', acceptedHunks: 1, rejectedHunks: 2, totalHunks: 3, userEdited: false, finalText: state.base });
  });

  test('rejecting one hunk, then accepting the rest, writes the other two and ends partial', () => {
    const state = change();
    const middle = state.hunks()[1];
    const rejected = state.rejectHunk(PROPOSAL, middle.id);
    assert.equal(rejected.kind, 'revise-proposal');
    if (rejected.kind !== 'revise-proposal') return;
    assert.equal(rejected.proposalText, PROPOSAL.replace('line 15 changed\n', 'line 15\n'), 'the proposal loses exactly that hunk');
    assert.equal(rejected.next.outcome, undefined);
    const step = written(rejected.next.acceptHunks(rejected.proposalText, 'all', BASE));
    assert.equal(step.text, rejected.proposalText);
    assert.deepEqual(step.next.outcome, { kind: 'partial', acceptedHunks: 2, rejectedHunks: 1, totalHunks: 3, userEdited: false, finalText: rejected.proposalText });
  });

  test('rejecting every hunk ends rejected and gives back the base exactly', () => {
    let state = change();
    let proposal = PROPOSAL;
    while (!state.outcome) {
      const step = state.rejectHunk(proposal, state.hunks(proposal)[0].id);
      if (step.kind === 'revise-proposal') proposal = step.proposalText;
      state = next(step);
    }
    assert.equal(proposal, BASE);
    assert.deepEqual(state.outcome, { kind: 'rejected', totalHunks: 3 });
  });

  test('a proposal the user edited before accepting is written as edited and reported as userEdited', () => {
    const edited = PROPOSAL.replace('line 15 changed\n', 'line 15 changed by me\n');
    const step = written(change().acceptHunks(edited, 'all', BASE));
    assert.equal(step.text, edited);
    assert.deepEqual(step.next.outcome, { kind: 'accepted', acceptedHunks: 3, totalHunks: 3, userEdited: true, finalText: edited });
  });

  test('a file changed elsewhere meanwhile is re-based: the user edit and the change are both written', () => {
    const current = BASE.replace('line 10\n', 'line 10 // mine\n');
    const step = written(change().acceptHunks(PROPOSAL, 'all', current));
    const both = PROPOSAL.replace('line 10\n', 'line 10 // mine\n');
    assert.equal(step.text, both);
    assert.equal(step.next.outcome?.kind === 'accepted' && step.next.outcome.finalText, both);
  });

  test('a file changed on the same lines is a conflict: nothing to write, and the review ends', () => {
    const current = BASE.replace('line 15\n', 'line 15 // mine\n');
    const step = change().acceptHunks(PROPOSAL, 'all', current);
    assert.equal(step.kind, 'conflict');
    if (step.kind !== 'conflict') return;
    assert.equal(step.cause, 'file-changed');
    assert.match(step.detail, /line 15 .*edited/);
    assert.deepEqual(step.next.outcome, { kind: 'conflict', detail: step.detail, acceptedHunks: 0 });
    assert.equal(step.next.acceptHunks(PROPOSAL, 'all', BASE).kind, 'ignored', 'a conflict is final');
  });

  test('a conflict after a partial accept reports the hunks already written', () => {
    const state = change();
    const first = written(state.acceptHunks(PROPOSAL, [state.hunks()[0].id], BASE));
    const step = first.next.acceptHunks(PROPOSAL, 'all', first.text.replace('line 27\n', 'line 27 // mine\n'));
    assert.equal(step.kind, 'conflict');
    const outcome = next(step).outcome;
    assert.equal(outcome?.kind === 'conflict' && outcome.acceptedHunks, 1);
  });

  test('a file deleted meanwhile is a conflict naming it, not a re-creation', () => {
    const step = change().acceptHunks(PROPOSAL, 'all', undefined);
    assert.equal(step.kind, 'conflict');
    if (step.kind !== 'conflict') return;
    assert.equal(step.cause, 'file-deleted');
    assert.equal(step.detail, 'src/file.ts no longer exists.');
    assert.deepEqual(step.next.outcome, { kind: 'conflict', detail: 'src/file.ts no longer exists.', acceptedHunks: 0 });
  });

  test('a new file, absent until accepted, is created by the accept', () => {
    const content = 'first\nsecond\n';
    const state = change({ baseText: '', proposedText: content, isNewFile: true });
    assert.equal(state.totalHunks, 1);
    const step = written(state.acceptHunks(content, 'all', undefined));
    assert.equal(step.createsFile, true);
    assert.equal(step.text, content);
    assert.deepEqual(step.next.outcome, { kind: 'accepted', acceptedHunks: 1, totalHunks: 1, userEdited: false, finalText: content });
  });

  test('a new file someone else created meanwhile with other content is a conflict', () => {
    const state = change({ baseText: '', proposedText: 'mine\n', isNewFile: true });
    assert.equal(state.acceptHunks('mine\n', 'all', 'theirs\n').kind, 'conflict');
  });

  test('an empty new file is still created when accepted, although it has no hunks', () => {
    const step = written(change({ baseText: '', proposedText: '', isNewFile: true }).acceptHunks('', 'all', undefined));
    assert.equal(step.createsFile, true);
    assert.deepEqual(step.next.outcome, { kind: 'accepted', acceptedHunks: 0, totalHunks: 0, userEdited: false, finalText: '' });
  });

  test('accept all on a proposal edited back to the base ends the review without writing', () => {
    const step = change().acceptHunks(BASE, 'all', BASE);
    assert.equal(step.kind, 'finish');
    assert.deepEqual(next(step).outcome, { kind: 'rejected', totalHunks: 3 });
  });

  test('CRLF is preserved through a partial accept, a re-base and the final accept', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const state = change({ baseText: crlf(BASE), proposedText: crlf(PROPOSAL) });
    const first = written(state.acceptHunks(crlf(PROPOSAL), [state.hunks()[2].id], crlf(BASE)));
    assert.equal(first.text, crlf(BASE.replace('line 27\n', 'line 27 changed\n')));
    const userEdit = first.text.replace('line 1\r\n', 'line 1 // mine\r\n');
    const rest = written(first.next.acceptHunks(crlf(PROPOSAL), 'all', userEdit));
    assert.equal(rest.text, crlf(PROPOSAL.replace('line 1\n', 'line 1 // mine\n')));
    assert.ok(!/(?<!\r)\n/.test(rest.text), 'no bare LF appeared');
  });

  test('an accept after a partial accept re-bases on the new base, keeping what the user typed between', () => {
    const state = change();
    const [first, second] = state.hunks();
    const afterFirst = written(state.acceptHunks(PROPOSAL, [first.id], BASE));
    const userEdit = afterFirst.text.replace('line 9\n', 'line 9 // mine\n');
    const afterSecond = written(afterFirst.next.acceptHunks(PROPOSAL, [second.id], userEdit));
    assert.equal(afterSecond.text, userEdit.replace('line 15\n', 'line 15 changed\n'));
    assert.equal(afterSecond.createsFile, false);
    assert.equal(afterSecond.next.base, BASE.replace('line 3\n', 'line 3 changed\n').replace('line 15\n', 'line 15 changed\n'), 'the base holds the accepted hunks, not the user edit');
    const last = written(afterSecond.next.acceptHunks(PROPOSAL, 'all', afterSecond.text));
    assert.equal(last.text, PROPOSAL.replace('line 9\n', 'line 9 // mine\n'));
    assert.deepEqual(last.next.outcome, { kind: 'accepted', acceptedHunks: 3, totalHunks: 3, userEdited: false, finalText: last.text });
  });

  test('double answers are ignored: the same hunk twice, an unknown hunk, anything after the end', () => {
    const state = change();
    const [first] = state.hunks();
    const once = written(state.acceptHunks(PROPOSAL, [first.id], BASE)).next;
    assert.equal(once.acceptHunks(PROPOSAL, [first.id], BASE).kind, 'ignored', 'an accepted hunk is no longer open');
    assert.equal(once.rejectHunk(PROPOSAL, first.id).kind, 'ignored', 'nor can it be rejected');
    assert.equal(once.rejectHunk(PROPOSAL, 'h-unknown').kind, 'ignored');
    assert.equal(once.acceptedHunks, 1);
    const done = next(once.rejectAll());
    for (const step of [done.rejectAll('again'), done.acceptHunks(PROPOSAL, 'all', BASE), done.rejectHunk(PROPOSAL, first.id), done.writeFailed('disk full')]) {
      assert.equal(step.kind, 'ignored');
    }
    assert.equal(done.outcome?.kind, 'partial');
  });

  test('answers never change the state they were given (the host adopts the next state only after its write)', () => {
    const state = change();
    state.acceptHunks(PROPOSAL, 'all', BASE);
    state.rejectHunk(PROPOSAL, state.hunks()[0].id);
    state.rejectAll();
    assert.equal(state.outcome, undefined);
    assert.equal(state.base, BASE);
    assert.equal(state.hunks().length, 3);
  });

  test('a write the host could not carry out ends the review as a conflict', () => {
    const step = change().writeFailed('EACCES: permission denied');
    assert.deepEqual(next(step).outcome, { kind: 'conflict', detail: 'EACCES: permission denied', acceptedHunks: 0 });
  });
});
