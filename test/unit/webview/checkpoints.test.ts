// Checkpoints in the chat webview, in headless Chromium: every user message offers "Restore conversation to
// here", the ones the host names also "Restore files to here"; both are keyboard buttons with accessible
// names, hidden while an answer streams, and axe finds nothing serious with them shown, in every theme.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blockingViolations, describeViolations, runAxe } from '../../harness/axe';
import { chatHarnessForSuite, type ChatPage } from './harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from './harness/fixtures';
import { themeNames } from './harness/themes';

const threeTurns = stateMessage({
  conversation: conversation([
    userTurn({ id: 'u1', text: 'Add a parser' }),
    assistantTurn({ id: 'a1', text: 'Added src/parser.ts.' }),
    userTurn({ id: 'u2', text: 'Handle flags' }),
    assistantTurn({ id: 'a2', text: 'Changed src/parser.ts.' }),
    userTurn({ id: 'u3', text: 'Explain it' }),
    assistantTurn({ id: 'a3', text: 'It walks the arguments once.' }),
  ]),
});

const visibleButtons = (chat: ChatPage, testId: string) =>
  chat.page.locator(`[data-testid="user-turn"] [data-testid="${testId}"]:visible`).evaluateAll((buttons) => buttons.map((button) => button.closest('[data-turn-id]')?.getAttribute('data-turn-id')));

describe('checkpoint buttons in the chat webview', () => {
  const current = chatHarnessForSuite();

  test('every message restores the conversation; only those the host names restore files', async () => {
    const chat = await current().open();
    await chat.host(threeTurns, { type: 'checkpoints', restorableTurnIds: ['u1', 'u2'] });
    assert.deepEqual(await visibleButtons(chat, 'restore-conversation'), ['u1', 'u2', 'u3']);
    assert.deepEqual(await visibleButtons(chat, 'restore-files'), ['u1', 'u2']);
    await chat.host({ type: 'checkpoints', restorableTurnIds: ['u1'] });
    assert.deepEqual(await visibleButtons(chat, 'restore-files'), ['u1'], 'after a restore the host narrows the list');
    await chat.page.close();
  });

  test('the buttons are reached and pressed with the keyboard, and named for what they do', async () => {
    const chat = await current().open();
    await chat.host(threeTurns, { type: 'checkpoints', restorableTurnIds: ['u1', 'u2'] });
    await chat.clearPosted();
    const files = chat.page.locator('[data-turn-id="u2"] [data-testid="restore-files"]');
    assert.match((await files.getAttribute('aria-label')) ?? '', /^Restore files to here/);
    assert.match((await chat.page.locator('[data-turn-id="u2"] [data-testid="restore-conversation"]').getAttribute('aria-label')) ?? '', /^Restore conversation to here/);
    await files.focus();
    await chat.page.keyboard.press('Enter');
    await chat.page.keyboard.press('Tab');
    assert.equal(await chat.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'restore-conversation');
    await chat.page.keyboard.press('Space');
    assert.deepEqual(await chat.posted(), [{ type: 'restoreFiles', turnId: 'u2' }, { type: 'restoreConversation', turnId: 'u2' }]);
    await chat.page.close();
  });

  test('hidden while an answer streams', async () => {
    const chat = await current().open();
    const streaming = stateMessage({ conversation: conversation([userTurn({ id: 'u1' }), assistantTurn({ id: 'a1', status: 'streaming' })]) });
    await chat.host(streaming, { type: 'checkpoints', restorableTurnIds: ['u1'] });
    assert.deepEqual(await visibleButtons(chat, 'restore-files'), []);
    assert.deepEqual(await visibleButtons(chat, 'restore-conversation'), []);
    await chat.page.close();
  });

  for (const theme of themeNames) {
    test(`${theme}: axe finds no serious or critical violation with the restore buttons shown`, async () => {
      const chat = await current().open(theme);
      await chat.host(threeTurns, { type: 'checkpoints', restorableTurnIds: ['u1', 'u2'] });
      const blocking = blockingViolations(await runAxe(chat.page));
      assert.equal(blocking.length, 0, `axe found in ${theme}:\n${describeViolations(blocking)}`);
      assert.deepEqual(chat.errors, []);
      await chat.page.close();
    });
  }
});
