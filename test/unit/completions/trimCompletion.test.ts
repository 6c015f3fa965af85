import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { trimCompletion } from '../../../src/common/completions/trimCompletion';

const trim = (completion: string, prefix: string, suffix: string, cutShort = false) => trimCompletion({ completion, prefix, suffix, cutShort });

describe('trimming a completion to what fits at the cursor', () => {
  test('a closing bracket the code after the cursor already has is dropped', () => {
    assert.equal(trim('a, b)', 'sum(', ')'), 'a, b');
    assert.equal(trim('return a + b;\n}', 'function f() {\n  ', '\n}\n'), 'return a + b;');
  });

  test('a bracket the completion opens itself is kept, even when the suffix starts with the same closer', () => {
    assert.equal(trim('bar(x)', 'foo(', ')'), 'bar(x)');
  });

  test('a closer the suffix does not have is kept (it closes what the prefix opened)', () => {
    assert.equal(trim('a, b)', 'sum(', '\n'), 'a, b)');
  });

  test('the rest of the line the suffix already has is not repeated', () => {
    assert.equal(trim('hello";', 'const s = "', '";'), 'hello');
  });

  test('inside a line, only one line is inserted', () => {
    assert.equal(trim('x + 1\nconsole.log(y);', 'const y = ', ' * 2;'), 'x + 1');
  });

  test('a line that repeats the code after the cursor ends the completion', () => {
    assert.equal(trim('const a = 1;\nconst b = 2;\nreturn a + b;', 'function f() {\n', '\nreturn a + b;\n}'), 'const a = 1;\nconst b = 2;');
  });

  test('a Markdown fence around the answer is removed', () => {
    assert.equal(trim('```ts\nreturn 1;\n```\nThis returns one.', 'function one() {\n  ', '\n}'), 'return 1;');
  });

  test('the line already typed is not echoed back', () => {
    assert.equal(trim('  return a + b;', 'function f() {\n  return ', '\n}'), 'a + b;');
  });

  test('an answer cut short at the output budget loses its unbalanced tail', () => {
    const completion = 'if (a) {\n  run();\n}\nfor (const x of xs) {\n  use(x';
    assert.equal(trim(completion, '', '', true), 'if (a) {\n  run();\n}');
  });

  test('a multi-line answer that never closes what its first line opened keeps the first line', () => {
    assert.equal(trim('items.map((item) => {\n  return item', 'const names = ', '', true), 'items.map((item) => {');
  });

  test('brackets inside strings and comments do not count', () => {
    assert.equal(trim('"(" + x // )\n', 'const s = ', ''), '"(" + x // )');
  });

  test('an empty or whitespace answer stays empty', () => {
    assert.equal(trim('   \n\n', 'a', 'b'), '');
  });
});
