// Token estimates: about four characters a token for Latin text and code, one a token for wide characters.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateTokens, IMAGE_TOKEN_ESTIMATE } from '../../../src/common/context/tokens';

describe('estimateTokens', () => {
  test('empty text is zero tokens', () => {
    assert.equal(estimateTokens(''), 0);
  });

  test('Latin text and code: a quarter token per character, rounded up', () => {
    assert.equal(estimateTokens('a'), 1);
    assert.equal(estimateTokens('abcd'), 1);
    assert.equal(estimateTokens('abcde'), 2);
    assert.equal(estimateTokens('const x = 1;\n'.repeat(100)), 325);
  });

  test('CJK characters count one token each', () => {
    assert.equal(estimateTokens('你好世界'), 4);
    assert.equal(estimateTokens('日本語のテキスト'), 8);
    assert.equal(estimateTokens('abcd你好'), 3);
  });

  test('an emoji counts once, not once per UTF-16 unit', () => {
    assert.equal('😀'.length, 2);
    assert.equal(estimateTokens('😀'), 1);
    assert.equal(estimateTokens('😀😀😀😀'), 4);
    assert.equal(estimateTokens('abcd😀'), 2);
  });

  test('grows monotonically with the text', () => {
    let previous = 0;
    for (let length = 1; length <= 200; length++) {
      const estimate = estimateTokens('x'.repeat(length));
      assert.ok(estimate >= previous);
      previous = estimate;
    }
  });

  test('images have a flat positive estimate', () => {
    assert.ok(IMAGE_TOKEN_ESTIMATE > 0);
  });
});
