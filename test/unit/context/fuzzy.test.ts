// Fuzzy @-mention matching: ordered subsequences only; names, word starts and runs rank first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzyFilter, fuzzyScore } from '../../../src/common/context/fuzzy';

const paths = [
  'src/common/context/fuzzy.ts',
  'src/common/context/tokens.ts',
  'src/vscode/chat/chatController.ts',
  'test/unit/context/fuzzy.test.ts',
  'README.md',
  'src/common/conversations/turnRecorder.ts',
];

describe('fuzzyScore', () => {
  test('every query character must appear in order', () => {
    assert.equal(fuzzyScore('fzy', 'fuzzy.ts') !== undefined, true);
    assert.equal(fuzzyScore('yzf', 'fuzzy.ts'), undefined);
    assert.equal(fuzzyScore('fuzzyx', 'fuzzy.ts'), undefined);
  });

  test('matching ignores case', () => {
    assert.notEqual(fuzzyScore('readme', 'README.md'), undefined);
    assert.notEqual(fuzzyScore('CHAT', 'chat.ts'), undefined);
  });

  test('an empty query matches everything with score 0', () => {
    assert.equal(fuzzyScore('', 'anything'), 0);
  });

  const rankings: { name: string; query: string; better: string[]; worse: string }[] = [
    { name: 'a consecutive run beats scattered letters', query: 'chat', better: ['x/chatter.ts'], worse: 'x/cXhXaXt.ts' },
    { name: 'a match in the file name beats one in a folder name', query: 'tok', better: ['src/a/tokens.ts'], worse: 'tokens/a/zz.ts' },
    { name: 'word starts (after /, -, _, . or a camelCase hump) score higher', query: 'tr', better: ['turnRecorder.ts', 'turn-recorder.ts'], worse: 'turnrecorder.ts' },
    { name: 'shorter paths break ties', query: 'ab', better: ['ab.ts'], worse: 'ab.typescript' },
  ];
  for (const { name, query, better, worse } of rankings) {
    test(name, () => {
      const score = (path: string) => fuzzyScore(query, path) ?? -Infinity;
      for (const path of better) assert.ok(score(path) > score(worse), `${query}: ${path} (${score(path)}) does not beat ${worse} (${score(worse)})`);
    });
  }
});

describe('fuzzyFilter', () => {
  test('keeps matches only, best first, up to the limit', () => {
    assert.deepEqual(fuzzyFilter('fuzzy', paths, (path) => path, 10), ['src/common/context/fuzzy.ts', 'test/unit/context/fuzzy.test.ts']);
    assert.deepEqual(fuzzyFilter('fuzzy', paths, (path) => path, 1), ['src/common/context/fuzzy.ts']);
    assert.deepEqual(fuzzyFilter('qqq', paths, (path) => path, 10), []);
  });

  test('the file a user means ranks first for typical queries', () => {
    assert.equal(fuzzyFilter('chatcon', paths, (path) => path, 5)[0], 'src/vscode/chat/chatController.ts');
    assert.equal(fuzzyFilter('turnrec', paths, (path) => path, 5)[0], 'src/common/conversations/turnRecorder.ts');
    assert.equal(fuzzyFilter('readme', paths, (path) => path, 5)[0], 'README.md');
  });

  test('works on any item through keyOf', () => {
    const items = [{ label: 'alpha' }, { label: 'beta' }];
    assert.deepEqual(fuzzyFilter('bt', items, (item) => item.label, 5), [{ label: 'beta' }]);
  });
});
