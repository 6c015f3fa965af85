// Browser cases for long tasks: the mode switch in the input toolbar, the todo list pinned above the input (gone
// once every item is done), the plan with Edit and Approve and run (posting the edited text), and a compaction card
// after the last turn it summarizes, collapsed, with its cost, expanding to the rendered summary.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChatHarness, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';

export function registerLongTaskCases(harness: () => ChatHarness): void {
  describe('long tasks: modes, todo list, plan, compaction cards', () => {
    const chat = chatPageForSuite(harness);

    test('the mode switch shows the host mode and posts a change', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()]) }));
      await chat.host({ type: 'taskState', mode: 'plan', todos: [], plan: null });
      const picker = chat.page.locator('[data-testid="mode-picker"]');
      assert.equal(await picker.inputValue(), 'plan');
      await chat.clearPosted();
      await picker.selectOption('ask');
      assert.deepEqual(await chat.waitForPosted('setMode'), { type: 'setMode', mode: 'ask' });
    });

    test('the todo list is pinned while an item is open, and goes once all are done', async () => {
      const panel = chat.page.locator('[data-testid="task-panel"]');
      await chat.host({ type: 'taskState', mode: 'agent', todos: [{ content: 'Read the parser', status: 'completed' }, { content: 'Fix it', status: 'in_progress' }, { content: 'Test it', status: 'pending' }], plan: null });
      assert.equal(await panel.isVisible(), true);
      assert.equal(await chat.page.locator('[data-testid="todo-heading"]').innerText(), 'Todo: 1 of 3 done');
      const items = chat.page.locator('[data-testid="todo-item"]');
      assert.deepEqual(await items.evaluateAll((rows) => rows.map((row) => [row.textContent, row.getAttribute('data-status')])), [['Read the parser', 'completed'], ['Fix it', 'in_progress'], ['Test it', 'pending']]);
      await chat.host({ type: 'taskState', mode: 'agent', todos: [{ content: 'Read the parser', status: 'completed' }], plan: null });
      assert.equal(await panel.isVisible(), false);
    });

    test('a plan offers Edit and Approve and run; approval posts the text as edited', async () => {
      await chat.host({ type: 'taskState', mode: 'plan', todos: [], plan: { turnId: 'a1', text: '## Goal\nSwap them.' } });
      assert.equal(await chat.page.locator('[data-testid="plan-panel"]').isVisible(), true);
      const editor = chat.page.locator('[data-testid="plan-editor"]');
      assert.equal(await editor.isVisible(), false);
      await chat.page.locator('[data-testid="plan-edit"]').click();
      assert.equal(await editor.inputValue(), '## Goal\nSwap them.');
      await editor.fill('## Goal\nSwap them, and keep the comment.');
      await chat.clearPosted();
      await chat.page.locator('[data-testid="plan-approve"]').click();
      assert.deepEqual(await chat.waitForPosted('approvePlan'), { type: 'approvePlan', text: '## Goal\nSwap them, and keep the comment.' });
      await chat.host({ type: 'taskState', mode: 'agent', todos: [], plan: null });
      assert.equal(await chat.page.locator('[data-testid="task-panel"]').isVisible(), false);
    });

    test('a compaction card follows the last turn it summarizes, with its cost, and expands to the summary', async () => {
      const turns = [userTurn(), assistantTurn({ text: 'First.' }), userTurn({ id: 'u2', text: 'Next' }), assistantTurn({ id: 'a2', text: 'Second.' })];
      await chat.host(stateMessage({ conversation: conversation(turns) }));
      await chat.host({ type: 'compactionCards', cards: [{ id: 'k1', afterTurnId: 'a1', summary: '## Goal\nFix <img src=x onerror=alert(1)> it.', trigger: 'auto', replacedTurns: 2, cost: { usd: 0.0123, estimated: false } }] });
      const order = await chat.page.locator('.turns > *').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-turn-id') ?? node.getAttribute('data-compaction-id')));
      assert.deepEqual(order, ['u1', 'a1', 'k1', 'u2', 'a2']);
      const card = chat.page.locator('[data-testid="compaction-card"]');
      assert.match(await card.locator('summary').innerText(), /2 earlier turns compacted near the context limit · \$0\.012/);
      assert.equal(await card.locator('h2').isVisible(), false, 'collapsed at first');
      await card.locator('summary').click();
      assert.equal(await card.locator('h2').innerText(), 'Goal');
      assert.equal(await card.locator('img').count(), 0, 'the summary is sanitized model text');
      // A full redraw keeps the card in place.
      await chat.host(stateMessage({ conversation: conversation(turns) }));
      await chat.host({ type: 'compactionCards', cards: [{ id: 'k1', afterTurnId: 'a1', summary: 'S', trigger: 'command', replacedTurns: 2 }] });
      assert.equal(await chat.page.locator('[data-testid="compaction-card"]').count(), 1);
    });
  });
}
