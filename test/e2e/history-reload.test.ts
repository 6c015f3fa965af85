// Conversations survive the window: ask something, reload the whole workbench, and find the same
// conversation (question, reasoning and answer) back in the chat, then continue it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXTENSION_ID, openE2eSession, sessionForSuite, settleFirstStart, step } from '../harness/e2e-session';
import { openActivityBarContainer, waitForExtensionStatusItem, webviewContent } from '../harness/workbench-ui';

const QUESTION = 'Remember the word marmalade';
const ANSWER = 'I will remember: marmalade.';

describe('chat history across a window reload (Default Dark Modern)', () => {
  const session = sessionForSuite(() => openE2eSession('history', 'dark'), settleFirstStart);

  test('the conversation is restored after a reload and can go on', async () => {
    const page = session.page;
    session.fakeKimi.enqueue({ kind: 'reply', reasoning: 'A word to keep.', content: ANSWER });
    await step(session, 'open the chat and ask a question', async () => {
      await openActivityBarContainer(page, 'Kimi');
      const chat = webviewContent(page);
      await chat.locator('[data-testid="prompt-input"]').click();
      await page.keyboard.type(QUESTION);
      await page.keyboard.press('Enter');
      await chat.locator('[data-testid="assistant-turn"][data-status="done"]').waitFor({ timeout: 30_000 });
    });

    await step(session, 'reload the window', async () => {
      await page.reload();
      await waitForExtensionStatusItem(page, EXTENSION_ID);
      await openActivityBarContainer(page, 'Kimi');
    });

    await step(session, 'the same conversation is back', async () => {
      const chat = webviewContent(page);
      await chat.locator('[data-testid="assistant-turn"]').first().waitFor({ timeout: 30_000 });
      assert.ok((await chat.locator('[data-testid="user-turn"]').first().innerText()).includes(QUESTION));
      assert.ok((await chat.locator('[data-testid="answer"]').first().innerText()).includes(ANSWER));
    });

    session.fakeKimi.enqueue({ kind: 'reply', content: 'The word was marmalade.' });
    await step(session, 'the conversation goes on with its history', async () => {
      const chat = webviewContent(page);
      await chat.locator('[data-testid="prompt-input"]').click();
      await page.keyboard.type('Which word?');
      await page.keyboard.press('Enter');
      await chat.locator('[data-testid="assistant-turn"]').nth(1).locator('[data-testid="answer"]', { hasText: 'marmalade' }).waitFor({ timeout: 30_000 });
      const last = session.fakeKimi.requests.at(-1);
      assert.equal(last?.rejected, undefined, 'the strict server accepted the restored history');
      assert.ok(JSON.stringify(last?.body).includes(QUESTION), 'the restored history went with the new question');
    });
  });
});
