// Browser cases for what a reader meets around the answer: retry notices that replace each other and go once
// the turn ends, the view staying at the bottom when a notice or an error card changes its height, the code
// wrap choice, and a tool card summary that is never cut off in a narrow side bar.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChatHarness, type ChatPage, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';

const longAnswer = Array.from({ length: 80 }, (_, index) => `Line ${index + 1} of a long answer.`).join('\n\n');

async function distanceFromBottom(chat: ChatPage): Promise<number> {
  return chat.page.locator('.conversation').evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
}

export function registerLayoutCases(harness: () => ChatHarness): void {
  describe('notices, scrolling and narrow layouts', () => {
    const chat = chatPageForSuite(harness);

    test('three retries leave one retry notice, and none once the answer arrives', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming', text: '' })]) }));
      for (const attempt of [2, 3, 4]) {
        await chat.host({ type: 'notice', level: 'warning', message: `Server error. Retrying in 1 s (attempt ${attempt}).`, group: 'retry' });
      }
      await chat.host({ type: 'notice', level: 'info', message: 'Something else.' });
      assert.deepEqual(await chat.page.locator('[data-testid="notice"][data-group="retry"] .notice-text').allTextContents(), ['Server error. Retrying in 1 s (attempt 4).']);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'error', text: '', error: { message: 'It failed.', action: 'retry' } }) });
      assert.equal(await chat.page.locator('[data-testid="notice"][data-group="retry"]').count(), 0);
      assert.equal(await chat.page.locator('[data-testid="notice"]').count(), 1, 'a notice of no group was removed');
    });

    test('a reader at the bottom stays there when a notice appears and when the turn ends with a card', async () => {
      await chat.page.setViewportSize({ width: 320, height: 500 });
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming', text: longAnswer })]) }));
      await chat.page.waitForTimeout(100);
      assert.ok((await distanceFromBottom(chat)) < 2, 'the long answer did not open at the bottom');
      await chat.host({ type: 'notice', level: 'warning', message: 'Rate limited. Retrying in 2 s (attempt 2).', group: 'retry' });
      await chat.page.waitForTimeout(100);
      assert.ok((await distanceFromBottom(chat)) < 2, 'a notice pushed the end of the answer out of view');
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'stopped', text: longAnswer, error: { message: 'You stopped this answer.', action: 'none' } }) });
      await chat.page.waitForTimeout(100);
      assert.ok((await distanceFromBottom(chat)) < 2, 'the "stopped" note is below the fold');
    });

    test('Wrap on a code block wraps every code block and is remembered', async () => {
      const code = '```ts\nconst value = ' + '"x".repeat(10) + '.repeat(30) + ';\n```';
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: `${code}\n\n${code}` })]) }));
      const wrap = chat.page.locator('[data-code-action="wrap"]').first();
      assert.equal(await wrap.getAttribute('aria-pressed'), 'false');
      const scrollsSideways = () => chat.page.locator('.code-block pre').first().evaluate((pre) => pre.scrollWidth > pre.clientWidth + 1);
      assert.ok(await scrollsSideways(), 'the long line does not overflow to begin with');
      await wrap.click();
      assert.equal(await chat.page.locator('[data-code-action="wrap"][aria-pressed="true"]').count(), 2);
      assert.equal(await scrollsSideways(), false, 'the code still scrolls sideways after Wrap');
      await chat.page.locator('[data-code-action="wrap"]').first().click();
      assert.equal(await scrollsSideways(), true);
    });

    test('at a narrow width the tool card keeps its whole summary and the context meter shows a share', async () => {
      await chat.page.setViewportSize({ width: 280, height: 600 });
      const card = { id: 't1', tool: 'edit_file', target: 'src/components/deeply/nested/widget.tsx', status: 'awaiting-approval' as const, summary: '+2 −2, awaiting review' };
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming', toolCalls: [card] })]), contextUsage: { used: 13_000, window: 262_144 } }));
      const summary = chat.page.locator('.tool-card .tool-summary').first();
      const cut = await summary.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
      assert.equal(cut, false, 'the summary is cut off');
      assert.equal((await summary.textContent())?.trim(), '+2 −2, awaiting review');
      assert.equal(await chat.page.locator('.context-meter .meter-label-short').isVisible(), true);
      assert.equal(await chat.page.textContent('.context-meter .meter-label-short'), '5%');
      await chat.page.setViewportSize({ width: 800, height: 600 });
    });
  });
}
