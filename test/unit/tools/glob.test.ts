// Globs as the model writes them, matched against workspace-relative paths.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp } from '../../../src/common/tools/glob';

function matches(glob: string, paths: string[]): string[] {
  const regex = globToRegExp(glob);
  return paths.filter((path) => regex.test(path));
}

const tree = [
  'a.ts',
  'src/index.ts',
  'src/deep/nested/util.ts',
  'src/app.js',
  'src/app.jsx',
  'src/app.tsx',
  'src/deep/view.jsx',
  'main.py',
  'tools/scripts/build.py',
  'notes.md',
  'README.md',
  'ab.md',
  'ts',
  'src/ats',
  'src/a.d.ts',
];

describe('globToRegExp', () => {
  test('**/*.ts matches .ts files at every depth, the root included', () => {
    assert.deepEqual(matches('**/*.ts', tree), ['a.ts', 'src/index.ts', 'src/deep/nested/util.ts', 'src/a.d.ts']);
  });

  test('a pattern without a slash matches the file name at any depth', () => {
    assert.deepEqual(matches('*.py', tree), ['main.py', 'tools/scripts/build.py']);
    assert.deepEqual(matches('README.md', tree), ['README.md']);
  });

  test('a pattern with a slash is anchored at the root and * stays within one folder', () => {
    assert.deepEqual(matches('src/*.ts', tree), ['src/index.ts', 'src/a.d.ts']);
    assert.deepEqual(matches('src/**/*.ts', tree), ['src/index.ts', 'src/deep/nested/util.ts', 'src/a.d.ts']);
    assert.equal(matches('src/**', tree).length, tree.filter((path) => path.startsWith('src/')).length);
  });

  test('braces give alternatives', () => {
    assert.deepEqual(matches('src/*.{js,jsx}', tree), ['src/app.js', 'src/app.jsx']);
    assert.deepEqual(matches('**/*.{jsx,tsx}', tree), ['src/app.jsx', 'src/app.tsx', 'src/deep/view.jsx']);
    assert.deepEqual(matches('{src,tools}/**/*.py', tree), ['tools/scripts/build.py']);
  });

  test('? is exactly one character, never a slash', () => {
    assert.deepEqual(matches('??.md', tree), ['ab.md']);
    assert.equal(globToRegExp('src?index.ts').test('src/index.ts'), false);
  });

  test('dots are literal', () => {
    assert.deepEqual(matches('*.ts', ['a.ts', 'ats', 'a_ts', 'x/b.ts']), ['a.ts', 'x/b.ts']);
    assert.equal(globToRegExp('a.b').test('axb'), false);
  });

  test('other regex characters are literal', () => {
    for (const name of ['a+b.txt', 'c(1).txt', 'd$e.txt', 'f^g.txt', 'h|i.txt', 'j\\k.txt']) {
      assert.equal(globToRegExp(name).test(name), true, name);
    }
    assert.equal(globToRegExp('c(1).txt').test('c1.txt'), false);
  });

  test('character classes, negated ones never matching a slash', () => {
    assert.deepEqual(matches('*.[jt]s', ['a.js', 'a.ts', 'a.cs', 'x/b.ts']), ['a.js', 'a.ts', 'x/b.ts']);
    assert.deepEqual(matches('file[0-9].txt', ['file1.txt', 'filex.txt']), ['file1.txt']);
    assert.deepEqual(matches('a[!b]c', ['abc', 'axc', 'a/c']), ['axc']);
  });

  test('unbalanced braces and brackets are literal instead of an invalid expression', () => {
    assert.doesNotThrow(() => globToRegExp('src/{a,b'));
    assert.equal(globToRegExp('src/{a,b').test('src/{a,b'), true);
    assert.equal(globToRegExp('a}b').test('a}b'), true);
    assert.equal(globToRegExp('[abc').test('[abc'), true);
    assert.equal(globToRegExp('x{a,{b}').test('x{a,b'), true);
  });

  test('a leading ./ and surrounding spaces are ignored', () => {
    assert.deepEqual(matches(' ./src/*.js ', tree), ['src/app.js']);
  });

  test('matches whole paths only', () => {
    assert.equal(globToRegExp('*.ts').test('a.tsx'), false);
    assert.equal(globToRegExp('src/*.ts').test('lib/src/a.ts'), false);
  });
});
