// The `task` tool's arguments: one subagent or a list, read-only unless the task asks for edits, and an error
// the model can act on for anything else. The JSON Schema it sends is plain (explicit types, no $schema).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TASKS_PER_CALL, parseTaskCall, taskToolDefinition } from '../../../src/common/subagents/taskArguments';

describe('task tool arguments', () => {
  test('one subagent, read-only by default', () => {
    assert.deepEqual(parseTaskCall({ description: 'Find it', prompt: 'Find the parser.' }), { ok: true, tasks: [{ description: 'Find it', prompt: 'Find the parser.', access: 'read' }] });
    assert.deepEqual(parseTaskCall({ description: 'Fix it', prompt: 'Fix the parser.', tools: 'edit' }), { ok: true, tasks: [{ description: 'Fix it', prompt: 'Fix the parser.', access: 'edit' }] });
  });

  test('several in tasks, each with its own access', () => {
    const parsed = parseTaskCall({ tasks: [{ description: 'A', prompt: 'a' }, { description: 'B', prompt: 'b', tools: 'edit' }] });
    assert.deepEqual(parsed, { ok: true, tasks: [{ description: 'A', prompt: 'a', access: 'read' }, { description: 'B', prompt: 'b', access: 'edit' }] });
  });

  test('anything else is an error written for the model', () => {
    const errors = [
      parseTaskCall({}),
      parseTaskCall({ description: 'only a title' }),
      parseTaskCall({ description: 'A', prompt: 'a', tasks: [{ description: 'B', prompt: 'b' }] }),
      parseTaskCall({ tasks: [] }),
      parseTaskCall({ tasks: Array.from({ length: MAX_TASKS_PER_CALL + 1 }, (_, index) => ({ description: `T${index}`, prompt: 'p' })) }),
      parseTaskCall({ description: 'A', prompt: 'a', tools: 'everything' }),
      parseTaskCall({ description: '', prompt: 'a' }),
    ];
    for (const result of errors) {
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, /task|tasks|description|prompt|tools/);
    }
  });

  test('the schema the model sees is plain JSON Schema with explicit types', () => {
    const definition = taskToolDefinition();
    assert.equal(definition.name, 'task');
    const text = JSON.stringify(definition.parameters);
    assert.ok(!text.includes('$schema') && !text.includes('$ref') && !text.includes('anyOf'), text);
    const properties = (definition.parameters as { properties: Record<string, { type?: string }> }).properties;
    assert.deepEqual(Object.keys(properties), ['description', 'prompt', 'tools', 'tasks']);
    assert.ok(Object.values(properties).every((property) => typeof property.type === 'string'));
  });
});
