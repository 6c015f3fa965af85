// The page as the host writes it: the first script and its styles are inline, so nothing is fetched before the
// chat is drawn (VS Code shows the frame at its load event); the runtime chunk follows under the CSP's nonce.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatHarness } from '../harness/chatHarness';

export function registerPageLoadCases(harness: () => ChatHarness): void {
  describe('page load', () => {
    test("until the first code block the page requests only the runtime chunk (and the tests' theme)", async () => {
      const chat = await harness().open();
      const requested = await chat.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
      // The tab's icon is what a browser asks for a top-level page; a webview is a frame.
      assert.deepEqual(requested.filter((path) => path !== '/favicon.ico').sort(), ['/dist/webviewRuntime.js', '/theme/dark.css']);
      assert.equal(await chat.page.getByTestId('prompt-input').isVisible(), true);
      assert.deepEqual(await chat.iconsWithoutMask(), []);
      assert.deepEqual(await chat.violations(), []);
      assert.deepEqual(chat.errors, []);
      await chat.page.close();
    });
  });
}
