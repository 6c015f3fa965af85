// What a computed edit reports besides the text: changed line ranges, candidates for a failed match, and
// behaviour on a 20,000-line file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeEdit } from '../../../src/common/edits';

function generatedSource(lineCount: number, lineEnding = '\n'): string {
  const lines: string[] = [];
  for (let index = 0; lines.length < lineCount; index++) {
    lines.push(`export function handler${index}(input: number): number {`);
    lines.push(`    const scaled = input * ${index + 1};`);
    lines.push(`    return scaled + ${index % 7};`);
    lines.push('}');
  }
  return lines.slice(0, lineCount).join(lineEnding) + lineEnding;
}

describe('changed ranges', () => {
  test('report original and resulting lines of each replacement', () => {
    const outcome = computeEdit('a\nb\nc\nd\n', { oldString: 'b\nc\n', newString: 'B\nC\nC2\n' });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.changedRanges, [{ originalStartLine: 2, originalEndLine: 3, startLine: 2, endLine: 4 }]);
  });

  test('shift later ranges by earlier replacements with replace_all', () => {
    const outcome = computeEdit('x\ny\nx\ny\nx\n', { oldString: 'x\n', newString: 'x1\nx2\n', replaceAll: true });
    assert.ok(outcome.ok);
    assert.deepEqual(
      outcome.changedRanges.map((range) => [range.originalStartLine, range.startLine, range.endLine]),
      [[1, 1, 2], [3, 4, 5], [5, 7, 8]],
    );
  });

  test('a deleted whole line gives an empty resulting range', () => {
    const outcome = computeEdit('a\nb\nc\n', { oldString: 'b\n', newString: '' });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.changedRanges, [{ originalStartLine: 2, originalEndLine: 2, startLine: 2, endLine: 1 }]);
  });

  test('deleting part of a line still marks the line', () => {
    const outcome = computeEdit('keep this\n', { oldString: ' this', newString: '' });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.changedRanges, [{ originalStartLine: 1, originalEndLine: 1, startLine: 1, endLine: 1 }]);
  });
});

describe('failed matches', () => {
  test('name the closest candidate with its lines, preview and similarity', () => {
    const doc = 'import x;\n\nfunction total(items) {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  return sum;\n}\n';
    const outcome = computeEdit(doc, { oldString: 'function total(items) {\n  let sum = 0;\n  for (const item of items) sum += item.cost;', newString: 'z' });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    const [best] = outcome.candidates;
    assert.equal(best.startLine, 3);
    assert.equal(best.endLine, 5);
    assert.ok(best.similarity > 0.8 && best.similarity < 1, `similarity ${best.similarity}`);
    assert.match(best.preview, /^ +3\| function total\(items\) \{$/m);
    assert.match(best.preview, /^ +5\| {3}for/m);
  });

  test('list every place of an ambiguous match', () => {
    const outcome = computeEdit('a\nreturn;\nb\nreturn;\nc\nreturn;\n', { oldString: 'return;', newString: 'return 0;' });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.matchCount, 3);
    assert.deepEqual(outcome.candidates.map((candidate) => candidate.startLine), [2, 4, 6]);
  });

  test('notice old_string copied with line numbers', () => {
    const outcome = computeEdit('alpha\nbeta\n', { oldString: '  1| alpha\n  2| beta', newString: 'x' });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.hasLineNumberPrefixes, true);
    const plain = computeEdit('alpha\nbeta\n', { oldString: 'alpha\ngamma', newString: 'x' });
    assert.ok(!plain.ok && !plain.hasLineNumberPrefixes);
  });
});

describe('a 20,000-line file', () => {
  const doc = generatedSource(20_000);

  test('exact edit near the end changes only that place', () => {
    const outcome = computeEdit(doc, { oldString: '    const scaled = input * 4990;\n', newString: '    const scaled = input * 4990 * 2;\n' });
    assert.ok(outcome.ok);
    assert.equal(outcome.matchKind, 'exact');
    assert.equal(outcome.text.length, doc.length + 4);
    assert.deepEqual(outcome.changedRanges[0], { originalStartLine: 19958, originalEndLine: 19958, startLine: 19958, endLine: 19958 });
  });

  test('indentation-tolerant edit near the end', () => {
    const outcome = computeEdit(doc, {
      oldString: 'const scaled = input * 4995;\nreturn scaled + 3;',
      newString: 'const scaled = input * 4995;\nlog(scaled);\nreturn scaled + 3;',
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.matchKind, 'indentation');
    assert.ok(outcome.text.includes('    const scaled = input * 4995;\n    log(scaled);\n    return scaled + 3;\n'));
  });

  test('CRLF version keeps CRLF everywhere', () => {
    const crlf = generatedSource(20_000, '\r\n');
    const outcome = computeEdit(crlf, { oldString: 'export function handler4999(input: number): number {\n    const scaled', newString: 'export function handler4999(input: number): number {\n    // scaled\n    const scaled' });
    assert.ok(outcome.ok);
    assert.equal(outcome.matchKind, 'line-endings');
    assert.equal(outcome.text.split('\r\n').length, crlf.split('\r\n').length + 1);
    assert.ok(!/[^\r]\n/.test(outcome.text));
  });

  test('a miss still points at the right place', () => {
    const outcome = computeEdit(doc, { oldString: 'export function handler4321(input: number): string {\n    const scaled = input * 4322;', newString: 'x' });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.candidates[0]?.startLine, 4321 * 4 + 1);
  });
});
