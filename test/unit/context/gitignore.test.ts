// .gitignore semantics as git applies them: root and nested files, negation, folders, and .git always out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GitignoreFilter } from '../../../src/common/context/gitignore';

describe('GitignoreFilter', () => {
  test('root rules apply everywhere below the root', () => {
    const filter = new GitignoreFilter([{ path: '.gitignore', content: 'node_modules/\n*.log\n/dist\n# comment\n' }]);
    assert.equal(filter.ignores('node_modules/'), true);
    assert.equal(filter.ignores('node_modules/x/index.js'), true);
    assert.equal(filter.ignores('packages/a/node_modules/y.js'), true);
    assert.equal(filter.ignores('debug.log'), true);
    assert.equal(filter.ignores('src/deep/error.log'), true);
    assert.equal(filter.ignores('dist/out.js'), true);
    assert.equal(filter.ignores('src/dist/out.js'), false, 'a leading slash anchors the rule at the root');
    assert.equal(filter.ignores('src/main.ts'), false);
    assert.equal(filter.ignores('# comment'), false);
  });

  test('nested .gitignore files apply only below their own folder', () => {
    const filter = new GitignoreFilter([
      { path: '.gitignore', content: '*.log\n' },
      { path: 'packages/a/.gitignore', content: 'generated/\n/local.txt\n' },
    ]);
    assert.equal(filter.ignores('packages/a/generated/x.ts'), true);
    assert.equal(filter.ignores('packages/a/local.txt'), true);
    assert.equal(filter.ignores('packages/a/sub/local.txt'), false);
    assert.equal(filter.ignores('packages/b/generated/x.ts'), false);
    assert.equal(filter.ignores('generated/x.ts'), false);
    assert.equal(filter.ignores('packages/a/debug.log'), true);
  });

  test('negation re-includes within one file', () => {
    const filter = new GitignoreFilter([{ path: '.gitignore', content: '*.log\n!keep.log\n' }]);
    assert.equal(filter.ignores('a.log'), true);
    assert.equal(filter.ignores('keep.log'), false);
    assert.equal(filter.ignores('src/keep.log'), false);
  });

  test('a deeper file can re-include what a shallower one ignores, whatever the file order', () => {
    const root = { path: '.gitignore', content: '*.env\n' };
    const nested = { path: 'config/.gitignore', content: '!example.env\n' };
    for (const files of [[root, nested], [nested, root]]) {
      const filter = new GitignoreFilter(files);
      assert.equal(filter.ignores('config/example.env'), false);
      assert.equal(filter.ignores('config/secret.env'), true);
      assert.equal(filter.ignores('example.env'), true);
    }
  });

  test('a deeper file can ignore what a shallower one re-includes', () => {
    const filter = new GitignoreFilter([
      { path: '.gitignore', content: '*.txt\n!notes.txt\n' },
      { path: 'private/.gitignore', content: 'notes.txt\n' },
    ]);
    assert.equal(filter.ignores('notes.txt'), false);
    assert.equal(filter.ignores('private/notes.txt'), true);
  });

  test('nothing inside an ignored folder comes back, not even by a nested negation', () => {
    const filter = new GitignoreFilter([
      { path: '.gitignore', content: 'build/\n' },
      { path: 'build/.gitignore', content: '!keep.js\n' },
    ]);
    assert.equal(filter.ignores('build/keep.js'), true);
    assert.equal(filter.ignores('build/'), true);
    assert.equal(filter.ignores('build/sub/deep.js'), true);
  });

  test('.git is always ignored, at the root and in nested repositories', () => {
    const filter = new GitignoreFilter([]);
    assert.equal(filter.ignores('.git'), true);
    assert.equal(filter.ignores('.git/'), true);
    assert.equal(filter.ignores('.git/config'), true);
    assert.equal(filter.ignores('vendor/lib/.git/HEAD'), true);
    assert.equal(filter.ignores('.gitignore'), false);
    assert.equal(filter.ignores('.github/workflows/ci.yml'), false);
    assert.equal(filter.ignores('src/my.git.ts'), false);
  });

  test('without ignore files nothing else is ignored', () => {
    const filter = new GitignoreFilter([]);
    assert.equal(filter.ignores('node_modules/x.js'), false);
    assert.equal(filter.ignores('src/'), false);
  });

  test('folder-only rules match folders, not files of the same name', () => {
    const filter = new GitignoreFilter([{ path: '.gitignore', content: 'cache/\n' }]);
    assert.equal(filter.ignores('cache/'), true);
    assert.equal(filter.ignores('cache/data.bin'), true);
    assert.equal(filter.ignores('src/cache'), false);
  });
});
