// The todo tool: arguments validated like every tool call, and the list found again in the saved messages
// (only a call that succeeded counts), so it survives a reload and needs no store of its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { currentTodos, executeTodoWrite, todoToolDefinition } from '../../../src/common/todo/todoTool';

const list = (status: string) => JSON.stringify({ todos: [{ content: 'Write the parser', status }, { content: 'Test it', status: 'pending' }] });

function turnWith(id: string, argumentsText: string, result: string) {
  return {
    role: 'assistant' as const,
    id,
    messages: [
      { role: 'assistant' as const, reasoningContent: '', toolCalls: [{ id: `${id}:todo`, name: 'todo_write', argumentsText }] },
      { role: 'tool' as const, toolCallId: `${id}:todo`, content: result },
    ],
    reasoning: '',
    text: '',
    toolCards: [],
    status: 'done' as const,
  };
}

describe('todo_write', () => {
  test('a valid list is accepted and summarized; a bad one is an error the model can correct', () => {
    const ok = executeTodoWrite(JSON.parse(list('in_progress')));
    assert.equal(ok.status, 'done');
    assert.match(ok.content, /^Todo list updated \(0 of 2 completed\):\n\[~\] Write the parser\n\[ \] Test it$/);
    const bad = executeTodoWrite({ todos: [{ content: 'x', status: 'doing' }] });
    assert.equal(bad.status, 'error');
    assert.match(bad.content, /todos\.0\.status/);
    assert.equal(bad.todos, undefined);
  });

  test('the schema the model sees names the statuses with an explicit type', () => {
    const items = (todoToolDefinition.parameters as { properties: { todos: { items: { properties: { status: Record<string, unknown> } } } } }).properties.todos.items;
    assert.deepEqual(items.properties.status, { type: 'string', enum: ['pending', 'in_progress', 'completed'], description: 'pending, in_progress (at most one at a time) or completed.' });
  });

  test('the current list is the latest successful call in the saved conversation', () => {
    const good = executeTodoWrite(JSON.parse(list('completed'))).content;
    const conversation: StoredConversation = {
      version: 1, id: 'c', title: 't', createdAt: 0, updatedAt: 0,
      turns: [turnWith('a1', list('completed'), good), turnWith('a2', '{"todos":[{"content":"x","status":"nope"}]}', 'Error: invalid arguments')],
    };
    assert.deepEqual(currentTodos(conversation).map((item) => item.status), ['completed', 'pending']);
    // Saved and read back (a reload): the same list.
    assert.deepEqual(currentTodos(JSON.parse(JSON.stringify(conversation)) as StoredConversation), currentTodos(conversation));
    assert.deepEqual(currentTodos({ ...conversation, turns: [] }), []);
  });
});
