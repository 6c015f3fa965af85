// Subagent cards in the built chat webview (headless Chromium): nested under the `task` call that started them,
// with live phase, note, tokens and cost; Stop on one posts its id alone; expanded, its own tool cards (an
// approval among them answered by its own id) and its report, kept open across the host's redraws.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssistantTurnView, SubagentView } from '../../../src/common/protocol';
import { blockingViolations, describeViolations, runAxe } from '../../harness/axe';
import { ChatHarness, type ChatPage } from './harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from './harness/fixtures';

const taskCard = { id: 'task:0', tool: 'task', target: '3 subagents', status: 'running' as const, textOffset: 0 };

function subagent(overrides: Partial<SubagentView>): SubagentView {
  return { id: 'sa-1', callId: 'task:0', description: 'Find the parser', phase: 'running', toolCalls: [], ...overrides };
}

const subagents: SubagentView[] = [
  subagent({
    id: 'sa-1',
    note: 'Thinking…',
    usage: { promptTokens: 1200, cachedTokens: 0, completionTokens: 34 },
    cost: { usd: 0.0021, estimated: false },
    toolCalls: [
      { id: 'sa-1/read_file:0', tool: 'read_file', target: 'src/parse.ts', status: 'done', summary: '40 lines' },
      { id: 'sa-1/read_file:1', tool: 'read_file', target: '.env', status: 'awaiting-approval', summary: 'waiting for your approval' },
    ],
  }),
  subagent({ id: 'sa-2', description: 'Check the tests', phase: 'done', report: 'The tests use node:test.', usage: { promptTokens: 900, cachedTokens: 0, completionTokens: 12 } }),
  subagent({ id: 'sa-3', description: 'Look at the build', phase: 'queued', note: 'Waiting for a free slot' }),
];

const turnWith = (overrides: Partial<AssistantTurnView> = {}): AssistantTurnView =>
  assistantTurn({ status: 'streaming', text: 'Let me split this up.', toolCalls: [{ ...taskCard, textOffset: 21 }], subagents, ...overrides });

describe('subagent cards in the chat webview', () => {
  let harness: ChatHarness | undefined;
  let chat: ChatPage;
  before(async () => {
    harness = await ChatHarness.start();
    chat = await harness.open();
  });
  after(async () => {
    await harness?.close();
  });

  test('each subagent is a card under the task call: its task, phase, note, tokens and cost; Stop while it works', async () => {
    await chat.host(stateMessage({ conversation: conversation([userTurn(), turnWith()]) }));
    const cards = chat.page.locator('[data-testid="subagent-card"]');
    assert.equal(await cards.count(), 3);
    // Right after the task call's own card, in the same list.
    const placement = await chat.page.locator('.tool-card').first().evaluate((card) => card.nextElementSibling?.className);
    assert.equal(placement, 'subagent-cards');
    assert.deepEqual(await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-phase'))), ['running', 'done', 'queued']);
    const first = await cards.nth(0).locator('[data-testid="subagent-toggle"]').innerText();
    for (const part of ['Find the parser', 'Thinking…', '1.2k tokens', '$0.0021']) assert.ok(first.includes(part), `the card lacks ${part}: ${first}`);
    assert.equal(await cards.nth(0).locator('[data-testid="stop-subagent"]').count(), 1);
    assert.equal(await cards.nth(1).locator('[data-testid="stop-subagent"]').count(), 0, 'a finished subagent offers no Stop');
    assert.equal(await cards.nth(2).locator('[data-testid="stop-subagent"]').count(), 1, 'a queued one can be stopped before it starts');
    assert.equal(await cards.nth(0).locator('[data-testid="subagent-toggle"]').getAttribute('aria-expanded'), 'false', 'cards start collapsed');
    assert.equal(await cards.nth(0).locator('.subagent-body').isVisible(), false);
  });

  test("Stop on one card posts that subagent's id and leaves the card as it was", async () => {
    await chat.clearPosted();
    await chat.page.locator('[data-testid="subagent-card"]').nth(2).locator('[data-testid="stop-subagent"]').click();
    assert.deepEqual(await chat.waitForPosted('stopSubagent'), { type: 'stopSubagent', subagentId: 'sa-3' });
    assert.equal(await chat.page.locator('[data-testid="subagent-card"]').nth(2).locator('[data-testid="subagent-toggle"]').getAttribute('aria-expanded'), 'false');
    assert.equal((await chat.posted()).filter((message) => message.type === 'stop').length, 0, 'the turn is not stopped');
  });

  test('expanded: its own tool cards, an approval answered by its own id, and its report; open across redraws', async () => {
    const cards = chat.page.locator('[data-testid="subagent-card"]');
    await cards.nth(0).locator('[data-testid="subagent-toggle"]').click();
    assert.equal(await cards.nth(0).locator('[data-testid="subagent-toggle"]').getAttribute('aria-expanded'), 'true');
    const nested = cards.nth(0).locator('.tool-card');
    assert.equal(await nested.count(), 2);
    assert.ok((await nested.nth(0).innerText()).includes('src/parse.ts'));
    await chat.clearPosted();
    await nested.nth(1).getByRole('button', { name: /Approve/ }).click();
    assert.deepEqual(await chat.waitForPosted('resolveToolApproval'), { type: 'resolveToolApproval', toolCallId: 'sa-1/read_file:1', approved: true });

    await cards.nth(1).locator('[data-testid="subagent-toggle"]').click();
    assert.equal(await cards.nth(1).locator('[data-testid="subagent-report"]').innerText(), 'The tests use node:test.');

    // The host redraws the turn as the subagents move on: the opened cards stay open.
    const moved = subagents.map((each) => (each.id === 'sa-3' ? { ...each, phase: 'stopped' as const, note: 'Stopped' } : each));
    await chat.host({ type: 'turnUpdated', turn: turnWith({ subagents: moved }) });
    assert.equal(await cards.nth(2).getAttribute('data-phase'), 'stopped');
    assert.equal(await cards.nth(0).getAttribute('data-expanded'), 'true');
    assert.equal(await cards.nth(1).getAttribute('data-expanded'), 'true');
    assert.equal(await cards.nth(1).locator('[data-testid="subagent-report"]').isVisible(), true);
    assert.equal(await cards.nth(2).locator('[data-testid="stop-subagent"]').count(), 0);
  });

  test('axe-core finds nothing serious in the cards, collapsed and expanded', async () => {
    const blocking = blockingViolations(await runAxe(chat.page));
    assert.equal(blocking.length, 0, describeViolations(blocking));
  });

  test('a subagent naming no call of the turn is not drawn', async () => {
    await chat.host({ type: 'turnUpdated', turn: turnWith({ subagents: [subagent({ id: 'sa-9', callId: 'task:9' })] }) });
    assert.equal(await chat.page.locator('[data-testid="subagent-card"]').count(), 0);
  });
});
