// The edit_file matching corpus: each case is a document, an edit, and the exact text (and match kind)
// expected, or the refusal expected. Failures must never hand back text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeEdit, type EditMatchKind, type EditFailureReason } from '../../../src/common/edits';

interface AppliedCase {
  name: string;
  doc: string;
  old: string;
  new: string;
  replaceAll?: boolean;
  expected: string;
  kind: EditMatchKind | 'insert';
  replacements?: number;
}

interface RejectedCase {
  name: string;
  doc: string;
  old: string;
  new: string;
  replaceAll?: boolean;
  reason: EditFailureReason;
  candidateLines?: number[];
}

const BOM = '\uFEFF';

const applied: AppliedCase[] = [
  // exact
  { name: 'single line in the middle', doc: 'a\nb\nc\n', old: 'b', new: 'B', expected: 'a\nB\nc\n', kind: 'exact' },
  { name: 'several lines', doc: 'one\ntwo\nthree\nfour\n', old: 'two\nthree', new: '2\n3', expected: 'one\n2\n3\nfour\n', kind: 'exact' },
  { name: 'delete a whole line', doc: 'keep\ndrop\nkeep2\n', old: 'drop\n', new: '', expected: 'keep\nkeep2\n', kind: 'exact' },
  { name: 'at the start of the file', doc: 'first\nsecond\n', old: 'first', new: 'FIRST', expected: 'FIRST\nsecond\n', kind: 'exact' },
  { name: 'last line without final newline', doc: 'a\nlast', old: 'last', new: 'LAST', expected: 'a\nLAST', kind: 'exact' },
  { name: 'substring inside a line', doc: 'const x = compute(1, 2);\n', old: 'compute(1, 2)', new: 'compute(3, 4)', expected: 'const x = compute(3, 4);\n', kind: 'exact' },
  { name: 'insert by extending a line', doc: 'import a;\nbody();\n', old: 'import a;\n', new: 'import a;\nimport b;\n', expected: 'import a;\nimport b;\nbody();\n', kind: 'exact' },
  { name: 'whole file', doc: 'x\ny\n', old: 'x\ny\n', new: 'z\n', expected: 'z\n', kind: 'exact' },
  { name: 'replacement patterns are literal', doc: 'price = 1;\n', old: '1', new: "$& $1 $$ $'", expected: "price = $& $1 $$ $';\n", kind: 'exact' },
  { name: 'regex characters in old_string', doc: 'm = /a.*b(c)?/;\n', old: '/a.*b(c)?/', new: '/x+/', expected: 'm = /x+/;\n', kind: 'exact' },
  { name: 'new_string contains old_string', doc: 'call();\nother();\n', old: 'call();', new: 'call();\ncall();', expected: 'call();\ncall();\nother();\n', kind: 'exact' },
  { name: 'unique despite similar lines', doc: 'let a = 1;\nlet a = 10;\n', old: 'let a = 1;\n', new: 'let a = 2;\n', expected: 'let a = 2;\nlet a = 10;\n', kind: 'exact' },
  { name: 'old_string starting after the indentation', doc: 'function f() {\n  if (x) {\n    y();\n  }\n}\n', old: 'if (x) {\n    y();\n  }', new: 'if (x) {\n    z();\n  }', expected: 'function f() {\n  if (x) {\n    z();\n  }\n}\n', kind: 'exact' },
  { name: 'delete text inside a line', doc: 'a, b, c\n', old: ', b', new: '', expected: 'a, c\n', kind: 'exact' },

  // line endings
  { name: 'CRLF file, LF old_string', doc: 'a\r\nb\r\nc\r\n', old: 'a\nb\n', new: 'a\nX\nY\n', expected: 'a\r\nX\r\nY\r\nc\r\n', kind: 'line-endings' },
  { name: 'CRLF file, CRLF old_string', doc: 'a\r\nb\r\nc\r\n', old: 'a\r\nb', new: 'A\r\nB', expected: 'A\r\nB\r\nc\r\n', kind: 'exact' },
  { name: 'CRLF file, one-line old, LF multi-line new', doc: 'x\r\ny\r\n', old: 'y', new: 'y1\ny2', expected: 'x\r\ny1\r\ny2\r\n', kind: 'exact' },
  { name: 'LF file, CRLF old_string', doc: 'a\nb\nc\n', old: 'a\r\nb\r\n', new: 'a\r\nB\r\n', expected: 'a\nB\nc\n', kind: 'line-endings' },
  { name: 'mixed endings: untouched lines keep theirs', doc: 'l1\r\nl2\nl3\r\nl4\n', old: 'l3\nl4', new: 'L3\nl4', expected: 'l1\r\nl2\nL3\r\nl4\n', kind: 'line-endings' },
  { name: 'mixed endings inside the match', doc: 'p\r\nq\nr\r\n', old: 'p\nq\nr\n', new: 'p\nQ\nr\n', expected: 'p\r\nQ\r\nr\r\n', kind: 'line-endings' },
  { name: 'CRLF file without final newline', doc: 'a\r\nb', old: 'a\nb', new: 'a\nc', expected: 'a\r\nc', kind: 'line-endings' },
  { name: 'old_string ends with newline the file lacks', doc: 'a\nb', old: 'b\n', new: 'c\n', expected: 'a\nc', kind: 'line-endings' },
  { name: 'CRLF old_string with final newline at a file end without one', doc: 'a\r\nb\r\nend', old: 'b\r\nend\r\n', new: 'B\r\nEND\r\n', expected: 'a\r\nB\r\nEND', kind: 'line-endings' },

  // trailing whitespace
  { name: 'file has trailing spaces, old does not', doc: 'a  \nb\t\nc\n', old: 'a\nb\n', new: 'a\nB\n', expected: 'a  \nB\nc\n', kind: 'trailing-whitespace' },
  { name: 'old has trailing spaces, file does not', doc: 'one\ntwo\nthree\n', old: 'one  \ntwo ', new: 'one\n2', expected: 'one\n2\nthree\n', kind: 'trailing-whitespace' },
  { name: 'trailing tab in file, CRLF', doc: 'x = 1;\t\r\ny = 2;\r\n', old: 'x = 1;\ny = 2;', new: 'x = 1;\ny = 3;', expected: 'x = 1;\t\r\ny = 3;\r\n', kind: 'trailing-whitespace' },
  { name: 'trailing whitespace, first line from mid-line', doc: '  foo(); \n  bar();\n', old: 'foo();\n  bar();', new: 'foo();\n  baz();', expected: '  foo(); \n  baz();\n', kind: 'trailing-whitespace' },

  // indentation
  {
    name: 'uniform shift: model indents less',
    doc: 'class A {\n    run() {\n        go();\n    }\n}\n',
    old: 'run() {\n    go();\n}',
    new: 'run() {\n    go();\n    stop();\n}',
    expected: 'class A {\n    run() {\n        go();\n        stop();\n    }\n}\n',
    kind: 'indentation',
  },
  {
    name: 'uniform shift: model indents more',
    doc: 'if (a) {\n  b();\n}\n',
    old: '    if (a) {\n      b();\n    }',
    new: '    if (a) {\n      c();\n    }',
    expected: 'if (a) {\n  c();\n}\n',
    kind: 'indentation',
  },
  {
    name: 'tabs in the file, spaces from the model',
    doc: 'function f() {\n\tif (a) {\n\t\tb();\n\t}\n}\n',
    old: '  if (a) {\n    b();\n  }',
    new: '  if (a) {\n    b();\n    c();\n  }',
    expected: 'function f() {\n\tif (a) {\n\t\tb();\n\t\tc();\n\t}\n}\n',
    kind: 'indentation',
  },
  {
    name: 'a level deeper than any matched line, rendered in tabs',
    doc: 'function f() {\n\tif (a) {\n\t\tb();\n\t}\n}\n',
    old: '  if (a) {\n    b();\n  }',
    new: '  if (a) {\n    b(() => {\n      deeper();\n    });\n  }',
    expected: 'function f() {\n\tif (a) {\n\t\tb(() => {\n\t\t\tdeeper();\n\t\t});\n\t}\n}\n',
    kind: 'indentation',
  },
  {
    name: 'replace_all at the indentation level',
    doc: 'a {\n  x();\n  y();\n}\nb {\n    x();\n    y();\n}\n',
    old: 'x();\ny();',
    new: 'x();\nz();',
    replaceAll: true,
    expected: 'a {\n  x();\n  z();\n}\nb {\n    x();\n    z();\n}\n',
    kind: 'indentation',
    replacements: 2,
  },
  {
    name: 'spaces in the file, tabs from the model',
    doc: 'def f():\n    if a:\n        b()\n',
    old: '\tif a:\n\t\tb()',
    new: '\tif a:\n\t\tb()\n\t\tif c:\n\t\t\td()',
    expected: 'def f():\n    if a:\n        b()\n        if c:\n            d()\n',
    kind: 'indentation',
  },
  {
    name: 'two-space model, four-space file',
    doc: 'x {\n    y {\n        z;\n    }\n}\n',
    old: 'y {\n  z;\n}',
    new: 'y {\n  z;\n  w {\n    v;\n  }\n}',
    expected: 'x {\n    y {\n        z;\n        w {\n            v;\n        }\n    }\n}\n',
    kind: 'indentation',
  },
  {
    name: 'indentation and CRLF together',
    doc: 'a {\r\n    b;\r\n    c;\r\n}\r\n',
    old: '  b;\n  c;\n',
    new: '  b;\n  d;\n',
    expected: 'a {\r\n    b;\r\n    d;\r\n}\r\n',
    kind: 'indentation',
  },
  {
    name: 'blank lines inside the block',
    doc: 'fn() {\n    one();\n\n    two();\n}\n',
    old: 'one();\n\ntwo();',
    new: 'one();\n\nthree();',
    expected: 'fn() {\n    one();\n\n    three();\n}\n',
    kind: 'indentation',
  },
  {
    name: 'python block',
    doc: 'class C:\n    def m(self):\n        return 1\n',
    old: 'def m(self):\n    return 1\n',
    new: 'def m(self):\n    value = 2\n    return value\n',
    expected: 'class C:\n    def m(self):\n        value = 2\n        return value\n',
    kind: 'indentation',
  },
  {
    name: 'one indented line becomes several',
    doc: 'main() {\n    call();\n}\n',
    old: 'call();',
    new: 'if (ok) {\n  call();\n}',
    expected: 'main() {\n    if (ok) {\n        call();\n    }\n}\n',
    kind: 'exact',
  },
  {
    name: 'one line becomes several, continuation lines already absolute',
    doc: 'main() {\n    call();\n}\n',
    old: 'call();',
    new: 'call();\n    again();',
    expected: 'main() {\n    call();\n    again();\n}\n',
    kind: 'exact',
  },
  { name: 'a line moved below a new first line keeps its indentation', doc: '  a();\n', old: 'a();', new: 'b();\na();', expected: '  b();\n  a();\n', kind: 'exact' },
  {
    name: 'unchanged lines keep odd file whitespace',
    doc: 'f() {\n\t  a();\n\t  b();\n}\n',
    old: '    a();\n    b();',
    new: '    a();\n    c();',
    expected: 'f() {\n\t  a();\n\t  c();\n}\n',
    kind: 'indentation',
  },
  {
    name: 'indentation with a missing final newline',
    doc: 'x:\n  y: 1\n  z: 2',
    old: 'y: 1\nz: 2\n',
    new: 'y: 1\nz: 3\n',
    expected: 'x:\n  y: 1\n  z: 3',
    kind: 'indentation',
  },

  // unicode
  { name: 'astral characters', doc: 'const face = "😀";\nnext();\n', old: '"😀"', new: '"🚀🌍"', expected: 'const face = "🚀🌍";\nnext();\n', kind: 'exact' },
  { name: 'combining marks', doc: 'cafe\u0301 = 1\nother\n', old: 'cafe\u0301 = 1', new: 'cafe\u0301 = 2', expected: 'cafe\u0301 = 2\nother\n', kind: 'exact' },
  { name: 'CJK text', doc: '// 计算总和\nsum();\n', old: '// 计算总和', new: '// 计算平均值', expected: '// 计算平均值\nsum();\n', kind: 'exact' },
  { name: 'emoji in a CRLF file, tolerant', doc: 'a = "👍🏽";\r\nb = 1;\r\n', old: 'a = "👍🏽";\nb = 1;', new: 'a = "👍🏽";\nb = 2;', expected: 'a = "👍🏽";\r\nb = 2;\r\n', kind: 'line-endings' },
  { name: 'zero-width joiner sequence', doc: 'family = "👨‍👩‍👧";\n', old: '👨‍👩‍👧', new: '👪', expected: 'family = "👪";\n', kind: 'exact' },
  { name: 'right-to-left text', doc: 'greeting = "שלום";\n', old: '"שלום"', new: '"مرحبا"', expected: 'greeting = "مرحبا";\n', kind: 'exact' },
  { name: 'astral characters with indentation change', doc: '  if (x) {\n    say("𝔘𝔫𝔦");\n  }\n', old: 'if (x) {\n  say("𝔘𝔫𝔦");\n}', new: 'if (x) {\n  say("𝔘𝔫𝔦𝔠𝔬𝔡𝔢");\n}', expected: '  if (x) {\n    say("𝔘𝔫𝔦𝔠𝔬𝔡𝔢");\n  }\n', kind: 'indentation' },

  // replace_all
  { name: 'replace_all three occurrences', doc: 'foo\nbar foo\nfoo\n', old: 'foo', new: 'baz', replaceAll: true, expected: 'baz\nbar baz\nbaz\n', kind: 'exact', replacements: 3 },
  { name: 'replace_all with one occurrence', doc: 'only once\n', old: 'once', new: 'twice', replaceAll: true, expected: 'only twice\n', kind: 'exact', replacements: 1 },
  { name: 'replace_all skips overlaps', doc: 'aaaa\n', old: 'aa', new: 'b', replaceAll: true, expected: 'bb\n', kind: 'exact', replacements: 2 },
  { name: 'replace_all at the line-endings level', doc: 'x\r\ny\r\nx\r\ny\r\n', old: 'x\ny', new: 'z', replaceAll: true, expected: 'z\r\nz\r\n', kind: 'line-endings', replacements: 2 },
  { name: 'replace_all multi-line', doc: 'begin\nend\nmid\nbegin\nend\n', old: 'begin\nend\n', new: 'block\n', replaceAll: true, expected: 'block\nmid\nblock\n', kind: 'exact', replacements: 2 },

  // BOM
  { name: 'BOM kept on exact edit', doc: `${BOM}a\nb\n`, old: 'a', new: 'A', expected: `${BOM}A\nb\n`, kind: 'exact' },
  { name: 'BOM kept on tolerant CRLF edit', doc: `${BOM}a\r\nb\r\n`, old: 'a\nb', new: 'a\nc', expected: `${BOM}a\r\nc\r\n`, kind: 'line-endings' },
  { name: 'BOM sent by the model is ignored', doc: `${BOM}first\nsecond\n`, old: `${BOM}first`, new: 'FIRST', expected: `${BOM}FIRST\nsecond\n`, kind: 'exact' },
  { name: 'BOM-only file counts as empty', doc: BOM, old: '', new: 'hello\n', expected: `${BOM}hello\n`, kind: 'insert' },

  // empty files and inserts
  { name: 'insert into an empty file', doc: '', old: '', new: 'new content\n', expected: 'new content\n', kind: 'insert' },
  { name: 'append after a last line without newline', doc: 'a\nlast', old: 'last', new: 'last\nmore', expected: 'a\nlast\nmore', kind: 'exact' },
  { name: 'delete the last line', doc: 'a\nlast', old: '\nlast', new: '', expected: 'a', kind: 'exact' },
  { name: 'add a final newline on purpose', doc: 'a\nb', old: 'b', new: 'b\n', expected: 'a\nb\n', kind: 'exact' },
];

const rejected: RejectedCase[] = [
  { name: 'two exact matches', doc: 'x = 1;\ny = 2;\nx = 1;\n', old: 'x = 1;', new: 'x = 3;', reason: 'ambiguous', candidateLines: [1, 3] },
  { name: 'overlapping matches', doc: 'aaa\n', old: 'aa', new: 'b', reason: 'ambiguous', candidateLines: [1, 1] },
  { name: 'ambiguous at the indentation level', doc: 'a {\n  x();\n}\nb {\n    x();\n}\n', old: 'x();\n', new: 'y();\n', reason: 'ambiguous', candidateLines: [2, 5] },
  { name: 'ambiguous at the trailing-whitespace level', doc: 'end \nend\t\n', old: 'end  \n', new: 'fin\n', reason: 'ambiguous', candidateLines: [1, 2] },
  { name: 'ambiguous at the line-endings level', doc: 'a\r\nb\r\na\r\nb\r\n', old: 'a\nb', new: 'c', reason: 'ambiguous', candidateLines: [1, 3] },
  { name: 'absent text', doc: 'function hello() {\n  return 1;\n}\n', old: 'function helo() {\n  return 2;\n}', new: 'x', reason: 'not-found', candidateLines: [1] },
  { name: 'inconsistent indentation is refused', doc: 'a {\n    b();\n    c();\n}\n', old: 'b();\n      c();', new: 'b();\n      d();', reason: 'not-found', candidateLines: [2] },
  { name: 'internal whitespace differs', doc: 'x = a + b;\n', old: 'x = a  +  b;', new: 'x = a;', reason: 'not-found', candidateLines: [1] },
  { name: 'precomposed vs decomposed accent', doc: 'cafe\u0301\n', old: 'caf\u00e9', new: 'tea', reason: 'not-found' },
  { name: 'identical old and new', doc: 'same\n', old: 'same', new: 'same', reason: 'no-change' },
  { name: 'a tolerant match whose result changes nothing', doc: 'a\nb\n', old: 'a  \nb', new: 'a\nb', reason: 'no-change' },
  { name: 'empty old_string on a non-empty file', doc: 'content\n', old: '', new: 'x', reason: 'empty-old-string' },
  { name: 'non-empty old_string on an empty file', doc: '', old: 'x', new: 'y', reason: 'not-found' },
  { name: 'case differs', doc: 'Hello\n', old: 'hello', new: 'bye', reason: 'not-found', candidateLines: [1] },
];

describe('edit_file matching corpus', () => {
  for (const testCase of applied) {
    test(`applies: ${testCase.name}`, () => {
      const outcome = computeEdit(testCase.doc, { oldString: testCase.old, newString: testCase.new, replaceAll: testCase.replaceAll });
      assert.ok(outcome.ok, `expected success, got ${JSON.stringify(outcome)}`);
      assert.equal(outcome.text, testCase.expected);
      assert.equal(outcome.matchKind, testCase.kind);
      assert.equal(outcome.replacements, testCase.replacements ?? 1);
    });
  }
  for (const testCase of rejected) {
    test(`refuses: ${testCase.name}`, () => {
      const outcome = computeEdit(testCase.doc, { oldString: testCase.old, newString: testCase.new, replaceAll: testCase.replaceAll });
      assert.equal(outcome.ok, false);
      assert.ok(!('text' in outcome), 'a refusal never carries text');
      if (outcome.ok) return;
      assert.equal(outcome.reason, testCase.reason);
      if (testCase.candidateLines) assert.deepEqual(outcome.candidates.map((candidate) => candidate.startLine), testCase.candidateLines);
    });
  }
  test('the corpus has at least 60 cases', () => {
    assert.ok(applied.length + rejected.length >= 60, `${applied.length + rejected.length} cases`);
  });
});
