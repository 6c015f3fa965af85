// Ghost-text completions as a user meets them in a real browser on code-server: turned on from the status bar,
// grey text appears at the cursor after typing, Escape dismisses it, typing on shows the rest (from the cache),
// Tab accepts it. The installed VSIX runs its own language server (dist/server.js) against the fake Kimi server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXTENSION_ID, openE2eSession, sessionForSuite, settleFirstStart, step } from '../harness/e2e-session';
import { activeEditor, activeEditorText, goToLine, openFileByName, waitForEditorText } from '../harness/workbench-ui';

describe('ghost-text completions (light)', () => {
  const session = sessionForSuite(() => openE2eSession('ghost-text', 'light'), settleFirstStart);
  const chats = () => session.fakeKimi.requests.filter((request) => request.path === '/v1/chat/completions');
  const ghost = () => activeEditor(session.page).locator('.ghost-text-decoration, .ghost-text').first();

  test('turned on from the status bar, ghost text appears after typing; Escape dismisses it and Tab accepts it', async () => {
    const toggle = session.page.locator(`.statusbar-item[id="${EXTENSION_ID}.kimiAssistant.completions"]`);
    await step(session, 'the status bar says completions are off', async () => {
      await toggle.waitFor({ state: 'visible' });
      assert.match(await toggle.innerText(), /Completions off/);
    });
    await step(session, 'click it to turn them on', async () => {
      await toggle.click();
      await session.page.waitForFunction((id) => /Completions · .*today/.test(document.getElementById(id)?.innerText ?? ''), `${EXTENSION_ID}.kimiAssistant.completions`, { timeout: 15_000 });
    });
    session.fakeKimi.setFallback(() => ({ kind: 'reply', content: 'const sum = a + b;' }));
    await step(session, 'open calculator.ts and start a new line in add()', async () => {
      await openFileByName(session.page, 'calculator.ts');
      await goToLine(session.page, 2);
      await session.page.keyboard.press('End');
      await session.page.keyboard.press('Enter');
    });
    const before = chats().length;
    await step(session, 'type "const s": grey text offers the rest', async () => {
      await session.page.keyboard.type('const s', { delay: 60 });
      await ghost().waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await ghost().innerText(), /^um/, 'the grey text continues what was typed');
      assert.ok(chats().length > before, 'Kimi was asked');
    });
    await step(session, 'Escape dismisses it', async () => {
      await session.page.keyboard.press('Escape');
      await ghost().waitFor({ state: 'hidden', timeout: 5_000 });
      assert.doesNotMatch(await activeEditorText(session.page), /const sum/);
    });
    const asked = chats().length;
    await step(session, 'typing on shows the rest again, from the cache', async () => {
      await session.page.keyboard.type('u', { delay: 60 });
      await ghost().waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(chats().length, asked, 'no new request for the typed-through suggestion');
    });
    await step(session, 'Tab accepts it', async () => {
      await session.page.keyboard.press('Tab');
      await waitForEditorText(session.page, (text) => text.includes('  const sum = a + b;'), 'the accepted line is in the editor');
      await ghost().waitFor({ state: 'hidden', timeout: 5_000 });
    });
  });
});
