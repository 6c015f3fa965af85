// The edit_file tool result the model reads: what changed and where, or why nothing changed and what to do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeEdit, formatEditOutcome } from '../../../src/common/edits';

const DOC = ['line 1', 'line 2', 'line 3', 'line 4', 'target();', 'line 6', 'line 7', 'line 8', ''].join('\n');

describe('formatEditOutcome', () => {
  test('success shows the changed lines with two lines of context', () => {
    const message = formatEditOutcome('src/a.ts', computeEdit(DOC, { oldString: 'target();', newString: 'first();\nsecond();' }));
    assert.equal(
      message,
      [
        'Edited src/a.ts: replaced 1 occurrence (exact match).',
        'Lines 5-6 now read (with context):',
        '     3| line 3',
        '     4| line 4',
        '     5| first();',
        '     6| second();',
        '     7| line 6',
        '     8| line 7',
      ].join('\n'),
    );
  });

  test('a tolerant match says what was forgiven', () => {
    const message = formatEditOutcome('a.py', computeEdit('def f():\n    return 1\n', { oldString: 'return 1', newString: 'return 2' }));
    assert.match(message, /exact match/);
    const reindented = formatEditOutcome('a.py', computeEdit('class C:\n    def f(self):\n        return 1\n', { oldString: 'def f(self):\n    return 1', newString: 'def f(self):\n    return 2' }));
    assert.match(reindented, /re-indented to the file's indentation/);
    const crlf = formatEditOutcome('w.txt', computeEdit('a\r\nb\r\n', { oldString: 'a\nb', newString: 'a\nc' }));
    assert.match(crlf, /line-ending differences/);
  });

  test('replace_all reports the count', () => {
    const message = formatEditOutcome('x.ts', computeEdit('a\nb\na\nb\na\n', { oldString: 'a', newString: 'z', replaceAll: true }));
    assert.match(message, /^Edited x\.ts: replaced 3 occurrences/);
    assert.deepEqual(message.match(/^Line \d+ now reads/gm), ['Line 1 now reads', 'Line 3 now reads', 'Line 5 now reads']);
  });

  test('deleting lines says where', () => {
    const message = formatEditOutcome('x.ts', computeEdit(DOC, { oldString: 'target();\n', newString: '' }));
    assert.match(message, /Lines removed before line 5/);
  });

  test('not found lists candidates and tells the model to re-read', () => {
    const message = formatEditOutcome('src/a.ts', computeEdit(DOC, { oldString: 'targets();', newString: 'x();' }));
    assert.match(message, /^No change made to src\/a\.ts: old_string was not found/);
    assert.match(message, /- line 5 \(similarity 0\.\d\d\):\n +5\| target\(\);/);
    assert.match(message, /read_file/);
  });

  test('ambiguous names every place and suggests replace_all', () => {
    const message = formatEditOutcome('b.ts', computeEdit('x\ny\nx\n', { oldString: 'x', newString: 'z' }));
    assert.match(message, /matches 2 places/);
    assert.match(message, /- line 1 \(similarity 1\.00\)/);
    assert.match(message, /- line 3 \(similarity 1\.00\)/);
    assert.match(message, /replace_all/);
  });

  test('line-number prefixes get specific advice', () => {
    const message = formatEditOutcome('c.ts', computeEdit(DOC, { oldString: '5| target();', newString: 'x' }));
    assert.match(message, /line numbers from read_file/);
  });

  test('empty old_string and identical strings are explained', () => {
    assert.match(formatEditOutcome('d.ts', computeEdit(DOC, { oldString: '', newString: 'x' })), /old_string is empty but the file is not/);
    assert.match(formatEditOutcome('d.ts', computeEdit(DOC, { oldString: 'line 1', newString: 'line 1' })), /identical/);
  });
});
