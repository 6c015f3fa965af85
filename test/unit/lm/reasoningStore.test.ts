// The per-window memory of reasoning by tool-call id: exact recall, ids kept apart across conversations, and
// bounds that forget the least recently used.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReasoningStore } from '../../../src/common/lm/reasoningStore';

const call = (providerId: string, reasoning: string, argumentsText = '{}') => ({ providerId, reasoning, name: 'read_file', argumentsText });

describe('ReasoningStore', () => {
  test('recalls what was remembered under the provider id, exactly', () => {
    const store = new ReasoningStore();
    assert.equal(store.remember(call('functions.read_file:0', '  Think\nfirst.  ', '{"path": "a"}')), 'functions.read_file:0');
    assert.deepEqual(store.recall('functions.read_file:0'), { providerId: 'functions.read_file:0', reasoning: '  Think\nfirst.  ', name: 'read_file', argumentsText: '{"path": "a"}' });
    assert.equal(store.recall('functions.read_file:1'), undefined);
  });

  test('an id another answer holds (every conversation starts at read_file:0) is handed out with a copy number', () => {
    const store = new ReasoningStore();
    assert.equal(store.remember(call('read_file:0', 'First conversation.')), 'read_file:0');
    assert.equal(store.remember(call('read_file:0', 'Second conversation.')), 'read_file:0#2');
    assert.equal(store.remember(call('read_file:0', 'Third conversation.')), 'read_file:0#3');
    assert.equal(store.recall('read_file:0')?.reasoning, 'First conversation.');
    assert.deepEqual(store.recall('read_file:0#2'), call('read_file:0', 'Second conversation.'));
  });

  test('beyond its call limit it forgets the least recently used call', () => {
    const store = new ReasoningStore({ maxCalls: 2, maxChars: 1_000 });
    store.remember(call('a', 'A'));
    store.remember(call('b', 'B'));
    assert.ok(store.recall('a'), 'a is now the most recently used');
    store.remember(call('c', 'C'));
    assert.equal(store.size, 2);
    assert.equal(store.recall('b'), undefined);
    assert.equal(store.recall('a')?.reasoning, 'A');
    assert.equal(store.recall('c')?.reasoning, 'C');
  });

  test('beyond its character budget it forgets old calls, and never keeps one larger than the budget', () => {
    const store = new ReasoningStore({ maxCalls: 100, maxChars: 40 });
    store.remember(call('a', 'x'.repeat(15)));
    store.remember(call('b', 'y'.repeat(15)));
    assert.equal(store.size, 1, 'two calls of 15 + 11 characters do not fit 40');
    assert.equal(store.recall('b')?.reasoning, 'y'.repeat(15));
    assert.equal(store.remember(call('huge', 'z'.repeat(100))), 'huge');
    assert.equal(store.recall('huge'), undefined);
    assert.equal(store.recall('b')?.reasoning, 'y'.repeat(15), 'a call too large to keep pushes nothing out');
  });
});
