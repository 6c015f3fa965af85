// The per-window memory of reasoning by tool-call id: exact recall, and bounds that forget the least recently used.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReasoningStore } from '../../../src/common/lm/reasoningStore';

const call = (reasoning: string, argumentsText = '{}') => ({ reasoning, name: 'read_file', argumentsText });

describe('ReasoningStore', () => {
  test('recalls what was remembered under a tool-call id, exactly', () => {
    const store = new ReasoningStore();
    store.remember('functions.read_file:0', call('  Think\nfirst.  ', '{"path": "a"}'));
    assert.deepEqual(store.recall('functions.read_file:0'), { reasoning: '  Think\nfirst.  ', name: 'read_file', argumentsText: '{"path": "a"}' });
    assert.equal(store.recall('functions.read_file:1'), undefined);
  });

  test('beyond its call limit it forgets the least recently used call', () => {
    const store = new ReasoningStore({ maxCalls: 2, maxChars: 1_000 });
    store.remember('a', call('A'));
    store.remember('b', call('B'));
    assert.ok(store.recall('a'), 'a is now the most recently used');
    store.remember('c', call('C'));
    assert.equal(store.size, 2);
    assert.equal(store.recall('b'), undefined);
    assert.equal(store.recall('a')?.reasoning, 'A');
    assert.equal(store.recall('c')?.reasoning, 'C');
  });

  test('beyond its character budget it forgets old calls, and never keeps one larger than the budget', () => {
    const store = new ReasoningStore({ maxCalls: 100, maxChars: 40 });
    store.remember('a', call('x'.repeat(15)));
    store.remember('b', call('y'.repeat(15)));
    assert.equal(store.size, 1, 'two calls of 15 + 9 characters do not fit 40');
    assert.equal(store.recall('b')?.reasoning, 'y'.repeat(15));
    store.remember('huge', call('z'.repeat(100)));
    assert.equal(store.recall('huge'), undefined);
    assert.equal(store.recall('b')?.reasoning, 'y'.repeat(15), 'a call too large to keep pushes nothing out');
  });

  test('remembering an id again replaces it without counting it twice', () => {
    const store = new ReasoningStore({ maxCalls: 100, maxChars: 30 });
    for (let round = 0; round < 10; round++) store.remember('same', call(`r${round}`.padEnd(15, '.')));
    assert.equal(store.size, 1);
    assert.equal(store.recall('same')?.reasoning, 'r9'.padEnd(15, '.'));
  });
});
