import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { trimCompletion } from '../../../src/common/completions/trimCompletion';

interface TrimCase {
  name: string;
  /** Each: the model's answer, the code before and after the cursor, and what is inserted. */
  trims: { completion: string; prefix: string; suffix: string; cutShort?: boolean; inserted: string }[];
}

const cases: TrimCase[] = [
  {
    name: 'a closing bracket the code after the cursor already has is dropped',
    trims: [
      { completion: 'a, b)', prefix: 'sum(', suffix: ')', inserted: 'a, b' },
      { completion: 'return a + b;\n}', prefix: 'function f() {\n  ', suffix: '\n}\n', inserted: 'return a + b;' },
    ],
  },
  {
    name: 'a bracket the completion opens itself is kept, even when the suffix starts with the same closer',
    trims: [{ completion: 'bar(x)', prefix: 'foo(', suffix: ')', inserted: 'bar(x)' }],
  },
  {
    name: 'a closer the suffix does not have is kept (it closes what the prefix opened)',
    trims: [{ completion: 'a, b)', prefix: 'sum(', suffix: '\n', inserted: 'a, b)' }],
  },
  { name: 'the rest of the line the suffix already has is not repeated', trims: [{ completion: 'hello";', prefix: 'const s = "', suffix: '";', inserted: 'hello' }] },
  { name: 'inside a line, only one line is inserted', trims: [{ completion: 'x + 1\nconsole.log(y);', prefix: 'const y = ', suffix: ' * 2;', inserted: 'x + 1' }] },
  {
    name: 'a line that repeats the code after the cursor ends the completion',
    trims: [{ completion: 'const a = 1;\nconst b = 2;\nreturn a + b;', prefix: 'function f() {\n', suffix: '\nreturn a + b;\n}', inserted: 'const a = 1;\nconst b = 2;' }],
  },
  {
    name: 'a Markdown fence around the answer is removed',
    trims: [{ completion: '```ts\nreturn 1;\n```\nThis returns one.', prefix: 'function one() {\n  ', suffix: '\n}', inserted: 'return 1;' }],
  },
  { name: 'the line already typed is not echoed back', trims: [{ completion: '  return a + b;', prefix: 'function f() {\n  return ', suffix: '\n}', inserted: 'a + b;' }] },
  {
    name: 'an answer cut short at the output budget loses its unbalanced tail',
    trims: [{ completion: 'if (a) {\n  run();\n}\nfor (const x of xs) {\n  use(x', prefix: '', suffix: '', cutShort: true, inserted: 'if (a) {\n  run();\n}' }],
  },
  {
    name: 'a multi-line answer that never closes what its first line opened keeps the first line',
    trims: [{ completion: 'items.map((item) => {\n  return item', prefix: 'const names = ', suffix: '', cutShort: true, inserted: 'items.map((item) => {' }],
  },
  { name: 'brackets inside strings and comments do not count', trims: [{ completion: '"(" + x // )\n', prefix: 'const s = ', suffix: '', inserted: '"(" + x // )' }] },
  { name: 'an empty or whitespace answer stays empty', trims: [{ completion: '   \n\n', prefix: 'a', suffix: 'b', inserted: '' }] },
];

describe('trimming a completion to what fits at the cursor', () => {
  for (const { name, trims } of cases) {
    test(name, () => {
      for (const { completion, prefix, suffix, cutShort = false, inserted } of trims) {
        assert.equal(trimCompletion({ completion, prefix, suffix, cutShort }), inserted, JSON.stringify({ completion, prefix, suffix }));
      }
    });
  }
});
