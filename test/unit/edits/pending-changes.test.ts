// How a proposed change is listed among the turn's pending changes: lines added and removed, and its status
// from the review's state (awaiting, partly accepted while open, and each outcome once it ended).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHunks, countChangedLines, describeStatus, isReviewOpen, pendingChangeStatus, ReviewState } from '../../../src/common/edits';

const BASE = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
const PROPOSAL = BASE.replace('line 3\n', 'line 3 changed\nline 3b\n').replace('line 27\n', '');
const open = () => ReviewState.open({ relativePath: 'src/file.ts', baseText: BASE, proposedText: PROPOSAL, isNewFile: false });

describe('pending changes', () => {
  test('counts added and removed lines over the hunks; a new file is all additions', () => {
    assert.deepEqual(countChangedLines(computeHunks(BASE, PROPOSAL)), { added: 2, removed: 2 });
    assert.deepEqual(countChangedLines(computeHunks('', 'a\nb\n')), { added: 2, removed: 0 });
    assert.deepEqual(countChangedLines(computeHunks(BASE, BASE)), { added: 0, removed: 0 });
  });

  test('a fresh review awaits review; after one hunk of two it is partly accepted and still open', () => {
    const state = open();
    assert.equal(pendingChangeStatus(state), 'awaiting-review');
    assert.equal(isReviewOpen(state), true);
    const [first] = state.hunks();
    assert.ok(first);
    const step = state.acceptHunks(PROPOSAL, [first.id], BASE);
    assert.equal(step.kind, 'write-file');
    const after = (step as Extract<typeof step, { kind: 'write-file' }>).next;
    assert.equal(pendingChangeStatus(after), 'partly-accepted');
    assert.equal(isReviewOpen(after), true);
  });

  test('each outcome has its status, and the review is no longer open', () => {
    const accepted = open().acceptHunks(PROPOSAL, 'all', BASE);
    assert.ok(accepted.kind === 'write-file');
    assert.equal(pendingChangeStatus(accepted.next), 'accepted');
    assert.equal(isReviewOpen(accepted.next), false);

    const rejected = open().rejectAll();
    assert.ok(rejected.kind === 'finish');
    assert.equal(pendingChangeStatus(rejected.next), 'rejected');

    const conflict = open().acceptHunks(PROPOSAL, 'all', BASE.replace('line 3\n', 'someone else\n'));
    assert.ok(conflict.kind === 'conflict');
    assert.equal(pendingChangeStatus(conflict.next), 'conflict');

    const state = open();
    const [first] = state.hunks();
    assert.ok(first);
    const partial = state.acceptHunks(PROPOSAL, [first.id], BASE);
    assert.ok(partial.kind === 'write-file');
    const ended = partial.next.rejectAll(undefined, partial.text);
    assert.ok(ended.kind === 'finish');
    assert.equal(pendingChangeStatus(ended.next), 'partly-accepted');
    assert.equal(isReviewOpen(ended.next), false);
  });

  test('statuses read in the user\'s words', () => {
    assert.equal(describeStatus('awaiting-review'), 'awaiting review');
    assert.equal(describeStatus('partly-accepted'), 'partly accepted');
    assert.equal(describeStatus('conflict'), 'conflict');
  });
});
