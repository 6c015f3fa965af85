// Which hunk the review's keyboard commands act on: under the cursor, else the next one, else the last;
// next and previous wrap around like VS Code's Go to Next Change. Hunks come from computeHunks on real text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hunkAtLine, neighbourHunk } from '../../../src/common/edits/hunkNavigation';
import { computeHunks, type Hunk } from '../../../src/common/edits/hunks';

const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
// Line 2 changed, lines 6-7 replaced by three lines, line 10 removed (on the proposal side it was before line 11, the end).
const proposal = ['a', 'B', 'c', 'd', 'e', 'F1', 'F2', 'F3', 'h', 'i'].join('\n') + '\n';
const hunks = computeHunks(base, proposal);
const proposed = (hunk: Hunk) => hunk.proposedStart;
const proposedCount = (hunk: Hunk) => hunk.proposedLineCount;
const original = (hunk: Hunk) => hunk.originalStart;
const originalCount = (hunk: Hunk) => hunk.originalLineCount;

describe('hunk at the cursor', () => {
  test('the three hunks of the sample are where the test expects them', () => {
    assert.deepEqual(hunks.map((hunk) => [hunk.originalStart, hunk.originalLineCount, hunk.proposedStart, hunk.proposedLineCount]), [[2, 1, 2, 1], [6, 2, 6, 3], [10, 1, 11, 0]]);
  });

  test('the hunk under the cursor, on the proposal side and on the base side', () => {
    assert.equal(hunkAtLine(hunks, 8, proposed, proposedCount), hunks[1]);
    assert.equal(hunkAtLine(hunks, 7, original, originalCount), hunks[1]);
    assert.equal(hunkAtLine(hunks, 8, original, originalCount), hunks[2], 'line 8 of the base is unchanged: the next hunk');
  });

  test('a pure deletion counts as one line where it was; after the last hunk it is the last one', () => {
    assert.equal(hunkAtLine(hunks, 11, proposed, proposedCount), hunks[2]);
    assert.equal(hunkAtLine(hunks.slice(0, 2), 10, proposed, proposedCount), hunks[1]);
    assert.equal(hunkAtLine([], 1, proposed, proposedCount), undefined);
  });

  test('next and previous move from hunk to hunk and wrap around', () => {
    assert.equal(neighbourHunk(hunks, 1, proposed, 1), hunks[0]);
    assert.equal(neighbourHunk(hunks, 2, proposed, 1), hunks[1]);
    assert.equal(neighbourHunk(hunks, 11, proposed, 1), hunks[0], 'no wrap from the last hunk');
    assert.equal(neighbourHunk(hunks, 6, proposed, -1), hunks[0]);
    assert.equal(neighbourHunk(hunks, 2, proposed, -1), hunks[2], 'no wrap from the first hunk');
    assert.equal(neighbourHunk([], 2, proposed, -1), undefined);
  });
});
