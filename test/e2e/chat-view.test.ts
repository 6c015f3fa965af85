// The Kimi chat as a user meets it: opened from the activity bar, a typed question answered by a stream
// from the fake server, reasoning kept apart from the answer, code highlighted by the chunk the webview loads
// for it under its CSP, Stop ending a long answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { E2E_THEMES, openE2eSession, sessionForSuite, settleFirstStart, step, themeTitle } from '../harness/e2e-session';
import type { WorkbenchSession } from '../harness/session';
import { pollUntil } from '../harness/waits';
import { openActivityBarContainer, webviewContent } from '../harness/workbench-ui';

const QUESTION = 'Say hello in one sentence';
const REASONING = 'The user greets me, so a short friendly answer fits.';
const ANSWER = 'Hello! I am the fake Kimi, streaming this answer in small pieces.';

async function sendQuestion(session: WorkbenchSession, chat: FrameLocator, question: string): Promise<void> {
  const input = chat.locator('[data-testid="prompt-input"]');
  await input.click();
  await session.page.keyboard.type(question);
  await chat.locator('[data-testid="send"]').click();
}

function lastTurn(chat: FrameLocator) {
  return chat.locator('[data-testid="assistant-turn"]').last();
}

/** Every distinct text the answer showed while it streamed, until it stops changing at `finalText`. */
async function watchAnswer(chat: FrameLocator, finalText: string): Promise<string[]> {
  const seen: string[] = [];
  await pollUntil(async () => {
    const answer = lastTurn(chat).locator('[data-testid="answer"]');
    const text = (await answer.count()) > 0 ? (await answer.innerText()).trim() : '';
    if (text && text !== seen[seen.length - 1]) seen.push(text);
    return text.includes(finalText) ? true : undefined;
  }, 30_000, 'the streamed answer did not complete', 40);
  return seen;
}

function chatRequestBodies(session: WorkbenchSession): string[] {
  return session.fakeKimi.requests
    .filter((request) => request.method === 'POST' && request.path.endsWith('/chat/completions'))
    .map((request) => JSON.stringify(request.body));
}

for (const theme of E2E_THEMES) {
  describe(`chat view (${themeTitle(theme)})`, () => {
    const session = sessionForSuite(() => openE2eSession('chat', theme), settleFirstStart);

    test('the Kimi view opens from the activity bar and renders the chat', async () => {
      await step(session, 'open the Kimi view from the activity bar', () => openActivityBarContainer(session.page, 'Kimi'));
      await step(session, 'the chat webview shows its prompt input', async () => {
        const chat = webviewContent(session.page);
        await chat.locator('[data-testid="prompt-input"]').waitFor({ state: 'visible' });
        await chat.locator('[data-testid="send"]').waitFor({ state: 'visible' });
      });
    });

    test('a typed question streams an answer, with the reasoning shown separately', async () => {
      session.fakeKimi.enqueue({ kind: 'reply', reasoning: REASONING, content: ANSWER, chunkSize: 4, chunkDelayMs: 60 });
      const chat = webviewContent(session.page);
      await step(session, 'type a question and send it', () => sendQuestion(session, chat, QUESTION));
      const states = await step(session, 'the answer streams in', () => watchAnswer(chat, ANSWER));
      assert.ok(
        states.some((text) => text.length > 0 && !text.includes(ANSWER)),
        `the answer appeared at once instead of streaming (states seen: ${JSON.stringify(states)})`,
      );
      await step(session, 'the reasoning is shown apart from the answer', async () => {
        const turn = lastTurn(chat);
        const reasoning = turn.locator('[data-testid="reasoning"]');
        assert.equal(await reasoning.evaluate((element) => element.tagName), 'DETAILS');
        await reasoning.locator('summary').first().click();
        assert.ok((await reasoning.innerText()).includes(REASONING), 'the reasoning block does not show the reasoning');
        const answerText = await turn.locator('[data-testid="answer"]').innerText();
        assert.ok(!answerText.includes(REASONING), 'the reasoning leaked into the answer');
      });
      assert.ok(
        chatRequestBodies(session).some((body) => body.includes(QUESTION)),
        'the fake server never received the question',
      );
    });

    test('a code block in an answer is highlighted, by a chunk the webview loads under its CSP', async () => {
      const refused: string[] = [];
      const onConsole = (message: { text(): string }) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      };
      session.page.on('console', onConsole);
      try {
        session.fakeKimi.enqueue({ kind: 'reply', content: 'Like this:\n\n```ts\nconst answer: number = 42;\nexport function double(x: number) {\n  return x * 2;\n}\n```\n', chunkSize: 8, chunkDelayMs: 20 });
        const chat = webviewContent(session.page);
        await step(session, 'ask for some code', () => sendQuestion(session, chat, 'Show me a TypeScript function'));
        await step(session, 'the code block is highlighted', async () => {
          const code = lastTurn(chat).locator('[data-testid="answer"] pre code');
          await code.locator('.hljs-keyword').first().waitFor({ state: 'visible', timeout: 15_000 });
          assert.match(await code.innerText(), /export function double/);
        });
      } finally {
        session.page.off('console', onConsole);
      }
      assert.deepEqual(refused, [], 'the webview reported CSP violations');
    });

    test('Stop ends an answer that is still streaming', async () => {
      const longAnswer = 'This answer is long on purpose so that there is time to stop it. '.repeat(8);
      session.fakeKimi.enqueue({ kind: 'reply', content: longAnswer, chunkSize: 4, chunkDelayMs: 150 });
      const chat = webviewContent(session.page);
      await step(session, 'send a question that gets a long answer', () => sendQuestion(session, chat, 'Tell me a long story'));
      const stop = chat.locator('[data-testid="stop"]');
      await step(session, 'the stop button shows while the answer streams', async () => {
        await lastTurn(chat).locator('[data-testid="answer"]').waitFor({ state: 'visible' });
        await stop.waitFor({ state: 'visible' });
      });
      await step(session, 'press Stop', () => stop.click());
      await step(session, 'the answer stops growing', async () => {
        await stop.waitFor({ state: 'hidden', timeout: 10_000 });
        const answer = lastTurn(chat).locator('[data-testid="answer"]');
        const afterStop = await answer.innerText();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        assert.equal(await answer.innerText(), afterStop, 'the answer kept growing after Stop');
        assert.ok(afterStop.trim().length < longAnswer.trim().length, 'the whole answer arrived despite Stop');
        assert.equal(await lastTurn(chat).getAttribute('data-status'), 'stopped');
        await lastTurn(chat).locator('[data-testid="stopped-note"]').waitFor({ state: 'visible', timeout: 5_000 });
      });
    });
  });
}
