// Browser cases for the turn's pending changes above the input (listed with +/− and status, Accept All and
// Reject All, a click opens one, gone once all are answered) and for the conversation's cost beside the title
// (compact, the session total only in the tooltip, never crowding a long title out).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PendingChangeView } from '../../../../src/common/protocol';
import { type ChatHarness, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';

const change = (overrides: Partial<PendingChangeView> = {}): PendingChangeView => ({
  reviewId: 'r1',
  relativePath: 'src/app.ts',
  added: 3,
  removed: 1,
  status: 'awaiting-review',
  open: true,
  ...overrides,
});

export function registerPendingChangesCases(harness: () => ChatHarness): void {
  describe('pending changes and the conversation cost', () => {
    const chat = chatPageForSuite(harness);

    test('lists every change of the turn with +/− and status; Accept All, Reject All and a click post their intents', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()]) }));
      const panel = chat.page.locator('[data-testid="pending-changes"]');
      assert.equal(await panel.isVisible(), false, 'the panel shows with nothing pending');
      await chat.host({
        type: 'pendingChanges',
        changes: [change(), change({ reviewId: 'r2', relativePath: 'src/util/strings.ts', added: 10, removed: 0, status: 'partly-accepted' }), change({ reviewId: 'r3', relativePath: 'README.md', status: 'rejected', open: false })],
      });
      assert.equal(await panel.isVisible(), true);
      assert.equal(await chat.page.locator('[data-testid="pending-changes-heading"]').innerText(), '2 of 3 changes pending');
      const rows = chat.page.locator('[data-testid="pending-change"]');
      assert.equal(await rows.count(), 3);
      assert.deepEqual(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))), ['awaiting-review', 'partly-accepted', 'rejected']);
      const second = await rows.nth(1).innerText();
      for (const part of ['strings.ts', 'src/util/strings.ts', '+10', '−0', 'partly accepted']) assert.ok(second.includes(part), `row lacks ${part}: ${second}`);
      assert.equal(await rows.nth(2).locator('button').count(), 0, 'an answered change still offers to open its closed diff');

      await chat.clearPosted();
      await rows.nth(1).locator('button').click();
      assert.deepEqual(await chat.waitForPosted('openPendingChange'), { type: 'openPendingChange', reviewId: 'r2' });
      await chat.page.locator('[data-testid="pending-accept-all"]').click();
      await chat.waitForPosted('acceptAllPending');
      await chat.page.locator('[data-testid="pending-reject-all"]').click();
      await chat.waitForPosted('rejectAllPending');
    });

    test('at the default side-bar width the heading is read whole: the buttons move below it instead', async () => {
      await chat.page.setViewportSize({ width: 300, height: 600 });
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()]) }));
      await chat.host({ type: 'pendingChanges', changes: [change(), change({ reviewId: 'r2', relativePath: 'src/other.ts' })] });
      const heading = chat.page.locator('[data-testid="pending-changes-heading"]');
      assert.equal(await heading.innerText(), '2 of 2 changes pending');
      assert.equal(await heading.evaluate((element) => element.scrollWidth > element.clientWidth), false, 'the heading is cut off');
      for (const id of ['pending-accept-all', 'pending-reject-all']) {
        const box = await chat.page.locator(`[data-testid="${id}"]`).boundingBox();
        assert.ok(box && box.x + box.width <= 300, `${id} sticks out of the view`);
      }
      await chat.page.setViewportSize({ width: 1000, height: 600 });
    });

    test('the panel goes once every change is answered, and a malformed list is refused', async () => {
      await chat.host({ type: 'pendingChanges', changes: [change({ status: 'accepted', open: false }), change({ reviewId: 'r2', status: 'conflict', open: false })] });
      assert.equal(await chat.page.locator('[data-testid="pending-changes"]').isVisible(), false);
      // The host bridge validates every message: a status outside the schema never reaches the panel.
      await chat.page.evaluate(() => {
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'pendingChanges', changes: [{ reviewId: 'x', relativePath: 'a', added: 1, removed: 0, status: 'hacked', open: true }] } }));
        (window as unknown as { __runFrames(): void }).__runFrames();
      });
      assert.equal(await chat.page.locator('[data-testid="pending-changes"]').isVisible(), false);
    });

    test("beside the title: this conversation's cost, compact, with the session total in the tooltip", async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()]), sessionCost: { usd: 1.25, estimated: false }, conversationCost: { usd: 0.0042, estimated: true } }));
      const cost = chat.page.locator('[data-testid="session-cost"]');
      assert.equal(await cost.innerText(), '≈ $0.0042');
      const tooltip = (await cost.getAttribute('title')) ?? '';
      assert.match(tooltip, /This conversation: ≈ \$0\.0042 \(estimated\)/);
      assert.match(tooltip, /all chats: \$1\.25/);
      await chat.host({ type: 'statusChanged', conversationCost: { usd: 0.02, estimated: false }, sessionCost: { usd: 1.27, estimated: false } });
      assert.equal(await cost.innerText(), '$0.020');
      await chat.host({ type: 'statusChanged', conversationCost: null });
      assert.equal(await cost.isVisible(), false, 'a conversation without cost shows none, whatever the session spent');
    });

    test('a long title keeps its room beside an estimated cost in a narrow side bar', async () => {
      await chat.page.setViewportSize({ width: 300, height: 600 });
      const title = 'Refactor the authentication middleware and every route that uses it across the project';
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()], { title }), sessionCost: { usd: 12.3456, estimated: true }, conversationCost: { usd: 12.3456, estimated: true } }));
      const widths = await chat.page.evaluate(() => {
        const titleElement = document.querySelector<HTMLElement>('.conversation-title');
        const costElement = document.querySelector<HTMLElement>('[data-testid="session-cost"]');
        const bar = document.querySelector<HTMLElement>('.top-bar');
        return {
          title: titleElement?.getBoundingClientRect().width ?? 0,
          cost: costElement?.getBoundingClientRect().width ?? 0,
          bar: bar?.getBoundingClientRect().width ?? 0,
          titleCut: (titleElement?.scrollWidth ?? 0) > (titleElement?.clientWidth ?? 0),
          barOverflows: (bar?.scrollWidth ?? 0) > (bar?.clientWidth ?? 0) + 1,
        };
      });
      assert.ok(widths.title >= widths.bar * 0.35, `the title got ${widths.title}px of ${widths.bar}px`);
      assert.ok(widths.cost < widths.title, 'the cost is wider than the title');
      assert.ok(widths.titleCut, 'the long title is expected to end in an ellipsis');
      assert.equal(widths.barOverflows, false, 'the top bar overflows');
      assert.equal(await chat.page.locator('.conversation-title').getAttribute('title'), title, 'the full title is in its tooltip');
      await chat.page.setViewportSize({ width: 420, height: 760 });
    });
  });
}
