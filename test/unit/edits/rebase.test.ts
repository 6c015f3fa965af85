// Rebasing a proposed change onto a document the user kept editing: apply when every changed region is
// found exactly once, report a conflict otherwise, never guess.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rebaseChange } from '../../../src/common/edits';

const BASE = ['import a;', 'import b;', '', 'function one() {', '  return 1;', '}', '', 'function two() {', '  return 2;', '}', ''].join('\n');
const PROPOSED = BASE.replace('  return 2;', '  return 22;');

/** The rebase refuses to guess: a conflict, whose message matches `reason` when one is given. */
function assertConflict(base: string, proposed: string, current: string, reason?: RegExp): void {
  const result = rebaseChange(base, proposed, current);
  assert.ok(!result.ok, `rebased instead of a conflict: ${JSON.stringify(result)}`);
  if (reason) assert.match(result.conflict, reason);
}

describe('rebaseChange', () => {
  test('returns the proposal when the document did not change', () => {
    assert.deepEqual(rebaseChange(BASE, PROPOSED, BASE), { ok: true, text: PROPOSED });
  });

  test('returns the document when it already equals the proposal', () => {
    assert.deepEqual(rebaseChange(BASE, PROPOSED, PROPOSED), { ok: true, text: PROPOSED });
  });

  test('keeps a user edit above the change', () => {
    const current = BASE.replace('import b;', 'import b;\nimport c;');
    assert.deepEqual(rebaseChange(BASE, PROPOSED, current), { ok: true, text: current.replace('  return 2;', '  return 22;') });
  });

  test('keeps a user edit below the change', () => {
    const current = `${BASE}// trailing note\n`;
    assert.deepEqual(rebaseChange(BASE, PROPOSED, current), { ok: true, text: `${PROPOSED}// trailing note\n` });
  });

  test('applies when the user edited a neighbouring line and the changed line is still unique', () => {
    const current = BASE.replace('function two() {', 'function two(): number {');
    assert.deepEqual(rebaseChange(BASE, PROPOSED, current), { ok: true, text: current.replace('  return 2;', '  return 22;') });
  });

  test('conflicts when the user edited the changed lines', () => {
    assertConflict(BASE, PROPOSED, BASE.replace('  return 2;', '  return 3;'), /line 9 .*edited/);
  });

  test('conflicts instead of picking an identical region elsewhere', () => {
    const base = 'a();\nx();\nb();\n\nc();\nx();\nd();\n';
    const proposed = 'a();\nx();\nb();\n\nc();\ny();\nd();\n';
    // The user rewrote the neighbourhood of the second x(), so only the first x() is left to find.
    const current = 'a();\nx();\nb();\n\nC();\nx2();\nD();\n';
    assertConflict(base, proposed, current);
  });

  test('conflicts when the changed region became ambiguous', () => {
    const base = 'start\nvalue = 1;\nend\n';
    const proposed = 'start\nvalue = 2;\nend\n';
    const current = 'start\nvalue = 1;\nend\nstart\nvalue = 1;\nend\n';
    assertConflict(base, proposed, current, /several places/);
  });

  test('uses more context to single out a repeated region', () => {
    const base = 'header\nsection A\n  item\n  item\nsection B\n  item\n  item\nfooter\n';
    const proposed = base.replace('section B\n  item\n  item\nfooter', 'section B\n  item\n  ITEM\nfooter');
    const current = `new first line\n${base}`;
    assert.deepEqual(rebaseChange(base, proposed, current), { ok: true, text: `new first line\n${proposed}` });
  });

  test('applies several hunks around user edits', () => {
    const proposed = PROPOSED.replace('import a;', 'import z;');
    const current = BASE.replace('  return 1;', '  return 100;');
    assert.deepEqual(rebaseChange(BASE, proposed, current), {
      ok: true,
      text: current.replace('import a;', 'import z;').replace('  return 2;', '  return 22;'),
    });
  });

  test('one conflicting hunk fails the whole rebase', () => {
    const proposed = PROPOSED.replace('import a;', 'import z;');
    const current = BASE.replace('import a;', 'import aa;');
    const result = rebaseChange(BASE, proposed, current);
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.hunkId);
  });

  test('keeps CRLF', () => {
    const base = BASE.replace(/\n/g, '\r\n');
    const proposed = PROPOSED.replace(/\n/g, '\r\n');
    const current = base.replace('import b;', 'import bb;');
    assert.deepEqual(rebaseChange(base, proposed, current), { ok: true, text: current.replace('  return 2;', '  return 22;') });
  });

  test('an insertion at the end follows the last lines', () => {
    const base = 'one\ntwo\n';
    const proposed = 'one\ntwo\nthree\n';
    const current = 'zero\none\ntwo\n';
    assert.deepEqual(rebaseChange(base, proposed, current), { ok: true, text: 'zero\none\ntwo\nthree\n' });
  });

  test('a proposal for an empty file conflicts once the file has content', () => {
    const result = rebaseChange('', 'fresh\n', 'typed meanwhile\n');
    assert.equal(result.ok, false);
  });
});
