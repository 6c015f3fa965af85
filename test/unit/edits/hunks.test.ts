// Hunks for per-hunk review: golden results for every subset of a three-hunk change, CRLF, missing final
// newlines, stable ids and summary counts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyHunks, computeHunks, summarizeHunks } from '../../../src/common/edits';

const ORIGINAL = 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n';
// Three hunks: the first line changes, two middle lines become one, and a line without final newline is appended.
const PROPOSAL = 'ALPHA\nbeta\ngamma\nDELTA-EPSILON\nzeta\neta\ntheta\niota';

const GOLDEN_SUBSETS: Record<string, string> = {
  '': 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n',
  '0': 'ALPHA\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n',
  '1': 'alpha\nbeta\ngamma\nDELTA-EPSILON\nzeta\neta\ntheta\n',
  '2': 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota',
  '0,1': 'ALPHA\nbeta\ngamma\nDELTA-EPSILON\nzeta\neta\ntheta\n',
  '0,2': 'ALPHA\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota',
  '1,2': 'alpha\nbeta\ngamma\nDELTA-EPSILON\nzeta\neta\ntheta\niota',
  '0,1,2': 'ALPHA\nbeta\ngamma\nDELTA-EPSILON\nzeta\neta\ntheta\niota',
};

describe('computeHunks', () => {
  test('finds the three hunks with line ranges on both sides', () => {
    const hunks = computeHunks(ORIGINAL, PROPOSAL);
    assert.deepEqual(
      hunks.map(({ originalStart, originalLineCount, proposedStart, proposedLineCount, removedLines, addedLines }) => ({
        originalStart, originalLineCount, proposedStart, proposedLineCount, removedLines, addedLines,
      })),
      [
        { originalStart: 1, originalLineCount: 1, proposedStart: 1, proposedLineCount: 1, removedLines: ['alpha'], addedLines: ['ALPHA'] },
        { originalStart: 4, originalLineCount: 2, proposedStart: 4, proposedLineCount: 1, removedLines: ['delta', 'epsilon'], addedLines: ['DELTA-EPSILON'] },
        { originalStart: 9, originalLineCount: 0, proposedStart: 8, proposedLineCount: 1, removedLines: [], addedLines: ['iota'] },
      ],
    );
  });

  test('summarizes added and removed lines', () => {
    assert.deepEqual(summarizeHunks(computeHunks(ORIGINAL, PROPOSAL)), { hunks: 3, added: 3, removed: 3, label: '+3 −3' });
  });

  test('gives no hunks for identical texts', () => {
    assert.deepEqual(computeHunks('same\ntext', 'same\ntext'), []);
    assert.deepEqual(summarizeHunks([]), { hunks: 0, added: 0, removed: 0, label: '+0 −0' });
  });

  test('ids are stable across calls and after other hunks are applied', () => {
    const first = computeHunks(ORIGINAL, PROPOSAL).map((hunk) => hunk.id);
    assert.deepEqual(computeHunks(ORIGINAL, PROPOSAL).map((hunk) => hunk.id), first);
    assert.equal(new Set(first).size, 3);
    const afterFirstAccepted = applyHunks(ORIGINAL, PROPOSAL, [first[0]]);
    assert.deepEqual(computeHunks(afterFirstAccepted, PROPOSAL).map((hunk) => hunk.id), first.slice(1));
  });

  test('identical hunks get distinct ids', () => {
    const hunks = computeHunks('x\na\ny\na\nz\n', 'x\nb\ny\nb\nz\n');
    assert.equal(hunks.length, 2);
    assert.notEqual(hunks[0].id, hunks[1].id);
    assert.equal(applyHunks('x\na\ny\na\nz\n', 'x\nb\ny\nb\nz\n', [hunks[1].id]), 'x\na\ny\nb\nz\n');
  });
});

describe('applyHunks', () => {
  const hunkIds = computeHunks(ORIGINAL, PROPOSAL).map((hunk) => hunk.id);
  for (const [subset, expected] of Object.entries(GOLDEN_SUBSETS)) {
    test(`applies exactly the subset {${subset}}`, () => {
      const accepted = subset === '' ? [] : subset.split(',').map((index) => hunkIds[Number(index)]);
      assert.equal(applyHunks(ORIGINAL, PROPOSAL, accepted), expected);
    });
  }

  test('keeps CRLF in every subset', () => {
    const original = ORIGINAL.replace(/\n/g, '\r\n');
    const proposal = PROPOSAL.replace(/\n/g, '\r\n');
    const ids = computeHunks(original, proposal).map((hunk) => hunk.id);
    assert.equal(ids.length, 3);
    for (const [subset, expected] of Object.entries(GOLDEN_SUBSETS)) {
      const accepted = subset === '' ? [] : subset.split(',').map((index) => ids[Number(index)]);
      assert.equal(applyHunks(original, proposal, accepted), expected.replace(/\n/g, '\r\n'));
    }
  });

  test('a change to a last line without final newline', () => {
    const [hunk] = computeHunks('a\nb', 'a\nB');
    assert.equal(applyHunks('a\nb', 'a\nB', [hunk.id]), 'a\nB');
    assert.equal(applyHunks('a\nb', 'a\nB', []), 'a\nb');
  });

  test('adding a final newline and a line', () => {
    const hunks = computeHunks('a\nb', 'a\nb\nc');
    assert.equal(hunks.length, 1);
    assert.equal(applyHunks('a\nb', 'a\nb\nc', [hunks[0].id]), 'a\nb\nc');
  });

  test('deleting the first lines and emptying a file', () => {
    const [deletion] = computeHunks('x\ny\nz\n', 'z\n');
    assert.deepEqual([deletion.originalStart, deletion.originalLineCount, deletion.proposedLineCount], [1, 2, 0]);
    assert.equal(applyHunks('x\ny\nz\n', 'z\n', [deletion.id]), 'z\n');
    const [emptied] = computeHunks('only\n', '');
    assert.equal(applyHunks('only\n', '', [emptied.id]), '');
  });

  test('filling an empty file', () => {
    const [filled] = computeHunks('', 'new\nfile\n');
    assert.deepEqual([filled.originalStart, filled.originalLineCount, filled.proposedLineCount], [1, 0, 2]);
    assert.equal(applyHunks('', 'new\nfile\n', [filled.id]), 'new\nfile\n');
  });

  test('ignores unknown ids', () => {
    assert.equal(applyHunks(ORIGINAL, PROPOSAL, ['nope']), ORIGINAL);
  });

  test('a mixed-ending file keeps untouched endings', () => {
    const original = 'a\r\nb\nc\r\nd\n';
    const proposal = 'A\r\nb\nc\r\nD\n';
    const ids = computeHunks(original, proposal).map((hunk) => hunk.id);
    assert.equal(applyHunks(original, proposal, [ids[1]]), 'a\r\nb\nc\r\nD\n');
  });

  test('line numbers are right deep in a 20,000-line file', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => `line ${index + 1}`);
    const original = `${lines.join('\n')}\n`;
    const changed = [...lines];
    changed[14_999] = 'changed';
    changed.splice(17_000, 0, 'inserted');
    const proposal = `${changed.join('\n')}\n`;
    const hunks = computeHunks(original, proposal);
    assert.deepEqual(hunks.map((hunk) => [hunk.originalStart, hunk.originalLineCount, hunk.proposedStart, hunk.proposedLineCount]), [[15_000, 1, 15_000, 1], [17_001, 0, 17_001, 1]]);
    assert.equal(applyHunks(original, proposal, hunks.map((hunk) => hunk.id)), proposal);
    assert.equal(applyHunks(original, proposal, [hunks[1].id]), original.replace('line 17000\n', 'line 17000\ninserted\n'));
  });
});
