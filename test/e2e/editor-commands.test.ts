// Working from the editor: open a file with Quick Open, select code, run Kimi commands from the palette.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { E2E_THEMES, openE2eSession, step, themeTitle } from '../../scripts/vscode-test/e2e-session';
import type { WorkbenchSession } from '../../scripts/vscode-test/session';
import { openFileByName, runCommand, selectLines, selectionStatus, webviewContent } from '../../scripts/vscode-test/workbench-ui';

for (const theme of E2E_THEMES) {
  describe(`editor and commands (${themeTitle(theme)})`, () => {
    let session: WorkbenchSession;

    before(async () => {
      session = await openE2eSession('editor', theme);
    });

    after(async () => {
      await session?.close();
    });

    test('a file opens with Quick Open and its code can be selected', async () => {
      await step(session, 'open calculator.ts with Ctrl+P', () => openFileByName(session.page, 'calculator.ts'));
      await step(session, 'select the average function', () => selectLines(session.page, 6, 7));
      assert.match(await selectionStatus(session.page), /\(\d+ selected\)/);
    });

    test('Kimi: New Chat from the palette shows an empty chat', async () => {
      await step(session, 'run Kimi: New Chat', () => runCommand(session.page, 'Kimi: New Chat'));
      await step(session, 'the chat is open with an empty prompt', async () => {
        const input = webviewContent(session.page).locator('[data-testid="prompt-input"]');
        await input.waitFor({ state: 'visible' });
        assert.equal(await input.inputValue(), '');
      });
    });

    test('Kimi: Set API Key asks for the key without showing it', async () => {
      await step(session, 'run Kimi: Set API Key', () => runCommand(session.page, 'Kimi: Set API Key'));
      await step(session, 'a password input box asks for the key', async () => {
        const input = session.page.locator('.quick-input-widget input[type="password"]');
        await input.waitFor({ state: 'visible' });
        await session.page.keyboard.press('Escape');
      });
    });

    test('Kimi: Show Logs opens the extension output channel', async () => {
      await step(session, 'run Kimi: Show Logs', () => runCommand(session.page, 'Kimi: Show Logs'));
      await step(session, 'the Output panel shows the Kimi channel', async () => {
        const panel = session.page.locator('.part.panel');
        await panel.waitFor({ state: 'visible' });
        await panel.locator('.monaco-select-box, .output-view-title, [aria-label*="Output"]', { hasText: /Kimi/ }).first()
          .waitFor({ state: 'visible' });
      });
    });
  });
}
