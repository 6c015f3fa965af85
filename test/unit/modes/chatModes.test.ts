// What each mode offers the model: Ask nothing, Plan the read-only tools and the todo list (no write, no command,
// no MCP tool), Agent everything; a call outside the mode is refused without running; the note per mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { approvedPlanMessage, modeContextBlock, toolsForMode } from '../../../src/common/modes/chatModes';
import { recordPlan, proposedPlan } from '../../../src/common/modes/plans';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { withTodoTool } from '../../../src/common/todo/todoTool';
import { done, fakeTools, toolCall } from '../agent/agentFakes';

const names = ['read_file', 'list_files', 'search', 'get_diagnostics', 'edit_file', 'write_file', 'run_command', 'mcp__github__create_issue'];

function allTools() {
  const base = fakeTools(Object.fromEntries(names.map((name) => [name, async () => done(`${name} ran`)])), ['read_file', 'list_files', 'search', 'get_diagnostics']);
  return { base, tools: withTodoTool(base, () => undefined) };
}

describe('tools per mode', () => {
  test('Plan offers the read-only tools and todo_write, in their order, and the same array each time', () => {
    const plan = toolsForMode(allTools().tools, 'plan');
    assert.deepEqual(plan.definitions().map((tool) => tool.name), ['read_file', 'list_files', 'search', 'get_diagnostics', 'todo_write']);
    assert.equal(plan.definitions(), plan.definitions(), 'byte-stable: the very same list');
  });

  test('Ask offers none; Agent all', () => {
    assert.deepEqual(toolsForMode(allTools().tools, 'ask').definitions(), []);
    assert.deepEqual(toolsForMode(allTools().tools, 'agent').definitions().map((tool) => tool.name), [...names, 'todo_write']);
  });

  test('a write, a command or an MCP tool asked for in Plan mode is refused and never runs', async () => {
    const { base, tools } = allTools();
    const plan = toolsForMode(tools, 'plan');
    for (const name of ['edit_file', 'write_file', 'run_command', 'mcp__github__create_issue']) {
      const outcome = await plan.execute(toolCall(`${name}:1`, name, '{}'), new AbortController().signal);
      assert.equal(outcome.status, 'rejected');
      assert.match(outcome.content, /not available in Plan mode/);
    }
    assert.deepEqual(base.executed, []);
    assert.equal((await plan.execute(toolCall('r:1', 'read_file', '{"path":"a"}'), new AbortController().signal)).status, 'done');
  });
});

describe('the mode note and the plan', () => {
  test('Agent adds no note, so ordinary messages are unchanged; Ask and Plan say what they allow', () => {
    assert.equal(modeContextBlock('agent'), undefined);
    assert.match(modeContextBlock('plan')?.body ?? '', /do not change anything/);
    assert.match(modeContextBlock('ask')?.body ?? '', /No tools/);
  });

  test('a Plan answer becomes the plan while it is the latest answer; approval sends it as context', () => {
    const conversation: StoredConversation = {
      version: 1, id: 'c', title: 't', createdAt: 0, updatedAt: 0,
      turns: [
        { role: 'user', id: 'u1', text: 'plan it', chips: [], images: [], message: { role: 'user', content: 'plan it' }, mode: 'plan' },
        { role: 'assistant', id: 'a1', messages: [], reasoning: '', text: '## Goal\nX', toolCards: [], status: 'done' },
      ],
    };
    assert.equal(recordPlan(conversation, conversation.turns[1] as never), true);
    assert.equal(proposedPlan(conversation)?.text, '## Goal\nX');
    conversation.turns.push({ role: 'user', id: 'u2', text: 'hm', chips: [], images: [], message: { role: 'user', content: 'hm' } });
    conversation.turns.push({ role: 'assistant', id: 'a2', messages: [], reasoning: '', text: 'ok', toolCards: [], status: 'done' });
    assert.equal(recordPlan(conversation, conversation.turns[3] as never), false, 'an Agent answer is no plan');
    assert.equal(proposedPlan(conversation), undefined, 'a later answer takes the plan off offer');
    assert.deepEqual(approvedPlanMessage(' edited plan ').context, [{ title: 'Approved plan', body: 'edited plan' }]);
  });
});
