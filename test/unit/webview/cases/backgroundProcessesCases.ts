// Browser cases for the list of background processes above the input: every process with its state, Stop
// on a running one posts its id and conversation, and the list goes when the host reports none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackgroundProcessView } from '../../../../src/common/protocol';
import { type ChatHarness, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';

const entry = (overrides: Partial<BackgroundProcessView> = {}): BackgroundProcessView => ({ id: 'bg1', owner: 'c1', command: 'npm run dev', state: 'running', exitCode: null, ...overrides });

export function registerBackgroundProcessesCases(harness: () => ChatHarness): void {
  describe('background processes', () => {
    const chat = chatPageForSuite(harness);

    test('lists each process with its state; Stop on a running one posts its id and owner; none hides the list', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn()]) }));
      const panel = chat.page.locator('[data-testid="background-processes"]');
      assert.equal(await panel.isVisible(), false, 'the list shows with no process');
      await chat.host({ type: 'backgroundProcesses', processes: [entry(), entry({ id: 'bg2', command: 'tsc --watch', state: 'exited', exitCode: 2 })] });
      assert.equal(await panel.isVisible(), true);
      assert.equal(await chat.page.locator('[data-testid="background-processes-heading"]').innerText(), '1 of 2 background processes running');
      const rows = chat.page.locator('[data-testid="background-process"]');
      assert.deepEqual(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-state'))), ['running', 'exited']);
      assert.match(await rows.nth(1).innerText(), /bg2[\s\S]*tsc --watch[\s\S]*exited \(2\)/);
      assert.equal(await rows.nth(1).locator('[data-testid="background-process-stop"]').count(), 0, 'an ended process offers Stop');

      await chat.clearPosted();
      await rows.nth(0).locator('[data-testid="background-process-stop"]').click();
      assert.deepEqual(await chat.waitForPosted('stopBackgroundProcess'), { type: 'stopBackgroundProcess', id: 'bg1', owner: 'c1' });

      await chat.host({ type: 'backgroundProcesses', processes: [] });
      assert.equal(await panel.isVisible(), false);
    });
  });
}
