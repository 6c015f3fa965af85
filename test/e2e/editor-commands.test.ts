// Working from the editor: the first start, opening a file with Quick Open, selecting code, running Kimi
// commands from the palette.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { E2E_THEMES, EXTENSION_ID, openE2eSession, sessionForSuite, step, themeTitle, WELCOME_TAB } from '../harness/e2e-session';
import {
  closeAllEditors,
  editorTabAppears,
  openFileByName,
  runCommand,
  selectLines,
  selectionStatus,
  waitForExtensionStatusItem,
  webviewContent,
} from '../harness/workbench-ui';

const WALKTHROUGH_FIRST_STEP = 'Choose a provider and set your key';

for (const theme of E2E_THEMES) {
  describe(`editor and commands (${themeTitle(theme)})`, () => {
    let firstRunWelcome = { shown: false, text: '' };
    const session = sessionForSuite(() => openE2eSession('editor', theme), async (opened) => {
      // The extension starts after the workbench (onStartupFinished) and, on a first run, opens its
      // walkthrough; record what appeared, then clear the editors so the later steps start from a clean slate.
      await waitForExtensionStatusItem(opened.page, EXTENSION_ID);
      const shown = await editorTabAppears(opened.page, WELCOME_TAB, 8000);
      const welcome = opened.page.locator('.editor-group-container.active');
      // The walkthrough's slide renders a moment after its tab; give its first step a few seconds to appear.
      if (shown) await welcome.getByText(WALKTHROUGH_FIRST_STEP).first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
      const text = shown ? await welcome.innerText() : '';
      firstRunWelcome = { shown, text };
      await opened.screenshot('first start');
      if (shown) await closeAllEditors(opened.page);
    });

    test('the first start offers the Kimi walkthrough', () => {
      assert.ok(firstRunWelcome.shown, 'no Welcome page opened on the first start');
      // The generic Welcome page also names "Kimi Assistant" in its walkthrough list: only a step title shows the walkthrough itself opened.
      assert.ok(firstRunWelcome.text.includes(WALKTHROUGH_FIRST_STEP), `the first start showed the Welcome page but not the Kimi walkthrough (no "${WALKTHROUGH_FIRST_STEP}" step)`);
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
        const channelPicker = panel.locator('select.monaco-select-box', { has: session.page.locator('option', { hasText: /Kimi/ }) }).first();
        await channelPicker.waitFor({ state: 'visible' });
        const selectedChannel = await channelPicker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text ?? '');
        assert.match(selectedChannel, /Kimi/);
      });
    });
  });
}
