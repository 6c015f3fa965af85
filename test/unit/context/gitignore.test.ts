// .gitignore semantics as git applies them: root and nested files, negation, folders, and .git always out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GitignoreFilter } from '../../../src/common/context/gitignore';

interface IgnoreCase {
  name: string;
  files: { path: string; content: string }[];
  ignored: string[];
  kept: string[];
  /** The answers must not depend on the order the ignore files were found in. */
  anyOrder?: boolean;
}

const cases: IgnoreCase[] = [
  {
    name: 'root rules apply everywhere below the root',
    files: [{ path: '.gitignore', content: 'node_modules/\n*.log\n/dist\n# comment\n' }],
    ignored: ['node_modules/', 'node_modules/x/index.js', 'packages/a/node_modules/y.js', 'debug.log', 'src/deep/error.log', 'dist/out.js'],
    // A leading slash anchors the rule at the root: src/dist stays.
    kept: ['src/dist/out.js', 'src/main.ts', '# comment'],
  },
  {
    name: 'nested .gitignore files apply only below their own folder',
    files: [
      { path: '.gitignore', content: '*.log\n' },
      { path: 'packages/a/.gitignore', content: 'generated/\n/local.txt\n' },
    ],
    ignored: ['packages/a/generated/x.ts', 'packages/a/local.txt', 'packages/a/debug.log'],
    kept: ['packages/a/sub/local.txt', 'packages/b/generated/x.ts', 'generated/x.ts'],
  },
  {
    name: 'negation re-includes within one file',
    files: [{ path: '.gitignore', content: '*.log\n!keep.log\n' }],
    ignored: ['a.log'],
    kept: ['keep.log', 'src/keep.log'],
  },
  {
    name: 'a deeper file can re-include what a shallower one ignores, whatever the file order',
    files: [
      { path: '.gitignore', content: '*.env\n' },
      { path: 'config/.gitignore', content: '!example.env\n' },
    ],
    ignored: ['config/secret.env', 'example.env'],
    kept: ['config/example.env'],
    anyOrder: true,
  },
  {
    name: 'a deeper file can ignore what a shallower one re-includes',
    files: [
      { path: '.gitignore', content: '*.txt\n!notes.txt\n' },
      { path: 'private/.gitignore', content: 'notes.txt\n' },
    ],
    ignored: ['private/notes.txt'],
    kept: ['notes.txt'],
  },
  {
    name: 'nothing inside an ignored folder comes back, not even by a nested negation',
    files: [
      { path: '.gitignore', content: 'build/\n' },
      { path: 'build/.gitignore', content: '!keep.js\n' },
    ],
    ignored: ['build/keep.js', 'build/', 'build/sub/deep.js'],
    kept: [],
  },
  {
    name: '.git is always ignored, at the root and in nested repositories',
    files: [],
    ignored: ['.git', '.git/', '.git/config', 'vendor/lib/.git/HEAD'],
    kept: ['.gitignore', '.github/workflows/ci.yml', 'src/my.git.ts'],
  },
  { name: 'without ignore files nothing else is ignored', files: [], ignored: [], kept: ['node_modules/x.js', 'src/'] },
  {
    name: 'folder-only rules match folders, not files of the same name',
    files: [{ path: '.gitignore', content: 'cache/\n' }],
    ignored: ['cache/', 'cache/data.bin'],
    kept: ['src/cache'],
  },
];

describe('GitignoreFilter', () => {
  for (const { name, files, ignored, kept, anyOrder } of cases) {
    test(name, () => {
      for (const order of anyOrder ? [files, [...files].reverse()] : [files]) {
        const filter = new GitignoreFilter(order);
        for (const path of ignored) assert.equal(filter.ignores(path), true, `${path} is not ignored`);
        for (const path of kept) assert.equal(filter.ignores(path), false, `${path} is ignored`);
      }
    });
  }
});
