import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionCache } from '../../../src/common/completions/completionCache';

describe('completion cache', () => {
  test('the same prefix and suffix hit; another suffix misses', () => {
    const cache = new CompletionCache();
    cache.store('let a = ', ';', 'compute()');
    assert.equal(cache.lookup('let a = ', ';'), 'compute()');
    assert.equal(cache.lookup('let a = ', ''), undefined);
  });

  test('typing the start of a suggestion serves its remainder; typing something else misses', () => {
    const cache = new CompletionCache();
    cache.store('let a = ', ';', 'compute()');
    assert.equal(cache.lookup('let a = comp', ';'), 'ute()');
    assert.equal(cache.lookup('let a = other', ';'), undefined);
    assert.equal(cache.lookup('let a = compute()', ';'), undefined, 'nothing left to suggest');
  });

  test('it keeps only the newest entries, and a hit counts as new', () => {
    const cache = new CompletionCache(2);
    cache.store('a', '', '1');
    cache.store('b', '', '2');
    assert.equal(cache.lookup('a', ''), '1');
    cache.store('c', '', '3');
    assert.equal(cache.lookup('b', ''), undefined);
    assert.equal(cache.lookup('a', ''), '1');
    assert.equal(cache.size, 2);
  });
});
