// How conversations and turns begin: ids that are safe file names and do not collide, a title from the first
// message, the user's message as it will be sent (context first), and an answer waiting to stream.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSafeConversationId, newAssistantTurn, newConversation, newConversationId, newUserTurn } from '../../../src/common/conversations/newConversation';

describe('newConversation', () => {
  test('ids are safe file names, distinct, and start with the time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newConversationId(1_700_000_000_000)));
    assert.equal(ids.size, 200);
    for (const id of ids) {
      assert.ok(isSafeConversationId(id), id);
      assert.ok(id.startsWith((1_700_000_000_000).toString(36)), id);
    }
    for (const unsafe of ['../x', 'a/b', '', 'x'.repeat(65), 'c1.json']) assert.equal(isSafeConversationId(unsafe), false, unsafe);
  });

  test('a conversation takes its title from the first message and starts empty', () => {
    const conversation = newConversation('  Explain this\nfunction please', 42);
    assert.equal(conversation.title, 'Explain this');
    assert.deepEqual({ ...conversation, id: '' }, { version: 1, id: '', title: 'Explain this', createdAt: 42, updatedAt: 42, turns: [] });
  });

  test('the user turn keeps what was typed and sends the context before it', () => {
    const chip = { id: 'file:src/a.ts', kind: 'file' as const, label: 'a.ts', tokens: 3 };
    const turn = newUserTurn({ text: 'What is this?', chips: [chip], images: [], context: [{ title: 'src/a.ts', body: 'const a = 1;' }] });
    assert.equal(turn.text, 'What is this?');
    assert.deepEqual(turn.chips, [chip]);
    assert.equal(turn.message.role, 'user');
    const content = JSON.stringify(turn.message.content);
    assert.ok(content.indexOf('const a = 1;') < content.indexOf('What is this?'));
  });

  test('an answer begins streaming, empty, with its model and start time', () => {
    const turn = newAssistantTurn('Kimi K2.6', 7);
    assert.deepEqual({ ...turn, id: '' }, { role: 'assistant', id: '', messages: [], reasoning: '', text: '', toolCards: [], status: 'streaming', model: 'Kimi K2.6', startedAt: 7 });
  });
});
