// The chat's everyday extras: `@` mentions that attach a file (with a token estimate), a pasted image, the
// model picker, what an answer and the session cost, and the history of past conversations.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { deflateSync, crc32 } from 'node:zlib';
import type { FrameLocator } from 'playwright-core';
import { E2E_THEMES, EXTENSION_ID, openE2eSession, sessionForSuite, settleFirstStart, step, themeTitle } from '../harness/e2e-session';
import type { WorkbenchSession } from '../harness/session';
import { pollUntil } from '../harness/waits';
import { openActivityBarContainer, webviewContent } from '../harness/workbench-ui';

const FIRST_QUESTION = 'What does this file export?';
const FIRST_ANSWER = 'It exports add() and average().';

interface RecordedBody {
  model?: string;
  messages?: Array<{ role: string; content?: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>;
}

function chatBodies(session: WorkbenchSession): RecordedBody[] {
  return session.fakeKimi.requests
    .filter((request) => request.method === 'POST' && request.path.endsWith('/chat/completions') && !request.rejected)
    .map((request) => request.body as RecordedBody);
}

/** Waits for the next accepted chat request after `countBefore` and returns its body. */
function nextRequest(session: WorkbenchSession, countBefore: number): Promise<RecordedBody> {
  return pollUntil(() => chatBodies(session)[countBefore], 30_000, 'the fake server received no chat request');
}

function lastUserContent(body: RecordedBody) {
  return body.messages?.filter((message) => message.role === 'user').at(-1)?.content;
}

/** A small two-colour PNG, built here so the test needs no binary fixture. */
function checkerPng(size = 24): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...((x >> 3) + (y >> 3)) % 2 === 0 ? [230, 80, 40] : [40, 120, 230]);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function typeAndSend(session: WorkbenchSession, chat: FrameLocator, text: string): Promise<void> {
  await chat.locator('[data-testid="prompt-input"]').click();
  await session.page.keyboard.type(text);
  await chat.locator('[data-testid="send"]').click();
}

async function waitForAnswer(chat: FrameLocator, text: string): Promise<void> {
  await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="answer"]', { hasText: text }).waitFor({ timeout: 30_000 });
  await chat.locator('[data-testid="send"]').waitFor({ state: 'visible', timeout: 15_000 });
}

for (const theme of E2E_THEMES) {
  describe(`chat features (${themeTitle(theme)})`, () => {
    let chat: FrameLocator;
    const session = sessionForSuite(() => openE2eSession('chat-features', theme), async (opened) => {
      await settleFirstStart(opened);
      await openActivityBarContainer(opened.page, 'Kimi');
      chat = webviewContent(opened.page);
      await chat.locator('[data-testid="prompt-input"]').waitFor({ state: 'visible', timeout: 30_000 });
    });

    test('@calc picks calculator.ts from the mention popup; its text goes with the message', async () => {
      const fileText = await readFile(join(session.workspaceDir, 'src', 'calculator.ts'), 'utf8');
      await step(session, 'type @calc in the prompt', async () => {
        await chat.locator('[data-testid="prompt-input"]').click();
        await session.page.keyboard.type('@calc');
        await chat.locator('[data-testid="mention-option"]', { hasText: 'calculator.ts' }).first().waitFor({ timeout: 15_000 });
      });
      await step(session, 'pick calculator.ts: a chip with a token estimate', async () => {
        await chat.locator('[data-testid="mention-option"]', { hasText: 'calculator.ts' }).first().click();
        const chip = chat.locator('.composer-chips [data-testid="chip"][data-kind="file"]');
        await chip.waitFor({ state: 'visible' });
        assert.match(await chip.innerText(), /calculator\.ts/);
        await chip.locator('.chip-tokens').waitFor({ state: 'visible', timeout: 10_000 });
        assert.match(await chip.locator('.chip-tokens').innerText(), /^~\d+/);
        assert.equal(await chat.locator('[data-testid="prompt-input"]').inputValue(), '', 'the @calc query was left in the prompt');
      });
      session.fakeKimi.enqueue({ kind: 'reply', content: FIRST_ANSWER, usage: { prompt_tokens: 1400, completion_tokens: 40 } });
      const before = chatBodies(session).length;
      await step(session, 'send a question about the file', async () => {
        await typeAndSend(session, chat, FIRST_QUESTION);
        await waitForAnswer(chat, FIRST_ANSWER);
      });
      const sent = lastUserContent(await nextRequest(session, before));
      const sentText = typeof sent === 'string' ? sent : (sent ?? []).map((part) => part.text ?? '').join('\n');
      for (const line of fileText.split('\n').filter((line) => line.trim())) {
        assert.ok(sentText.includes(line), `the request lacks the file's line ${JSON.stringify(line)}`);
      }
      const userTurnChip = chat.locator('[data-testid="user-turn"]').last().locator('[data-testid="chip"][data-kind="file"]');
      await userTurnChip.waitFor({ state: 'visible' });
    });

    test('the answer shows its cost, and the session cost shows in the top bar and the status bar', async () => {
      await step(session, 'the usage footer and session cost show dollars', async () => {
        const footer = chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="usage"]');
        await footer.waitFor({ state: 'visible', timeout: 15_000 });
        assert.match(await footer.innerText(), /\$\d/);
        const sessionCost = chat.locator('[data-testid="session-cost"]');
        await sessionCost.waitFor({ state: 'visible' });
        assert.match(await sessionCost.innerText(), /\$\d/);
        // The model and cost item, not the completions toggle beside it.
        const statusItem = session.page.locator(`.statusbar-item[id="${EXTENSION_ID}.kimiAssistant.status"]`);
        await pollUntil(async () => (/\$\d/.test(await statusItem.innerText()) ? true : undefined), 10_000, 'the status bar item never showed the session cost');
      });
    });

    test('a pasted image shows as a thumbnail and is sent as an image_url part', async () => {
      const dataUrlBase64 = checkerPng().toString('base64');
      await step(session, 'paste an image into the prompt', async () => {
        await chat.locator('[data-testid="prompt-input"]').evaluate((textarea, base64) => {
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], 'checker.png', { type: 'image/png' }));
          textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        }, dataUrlBase64);
        await chat.locator('.composer-thumbnails img.thumbnail').waitFor({ state: 'visible', timeout: 10_000 });
      });
      session.fakeKimi.enqueue({ kind: 'reply', content: 'A checkerboard of orange and blue squares.' });
      const before = chatBodies(session).length;
      await step(session, 'send the image with a question', async () => {
        await typeAndSend(session, chat, 'What is in this picture?');
        await waitForAnswer(chat, 'A checkerboard');
        await chat.locator('[data-testid="user-turn"]').last().locator('img.thumbnail').waitFor({ state: 'visible' });
        assert.equal(await chat.locator('.composer-thumbnails img.thumbnail').count(), 0, 'the thumbnail stayed in the composer after sending');
      });
      const content = lastUserContent(await nextRequest(session, before));
      assert.ok(Array.isArray(content), 'the message with an image is not a list of parts');
      const image = content.find((part) => part.type === 'image_url');
      assert.ok(image?.image_url?.url.startsWith('data:image/png;base64,'), `no PNG image_url part: ${JSON.stringify(content).slice(0, 300)}`);
    });

    test('the model picker switches the next request to Kimi K2.5', async () => {
      await step(session, 'choose Kimi K2.5 in the model picker', async () => {
        await chat.locator('[data-testid="model-picker"]').selectOption({ label: 'Kimi K2.5' });
        await session.page.locator(`.statusbar-item[id^="${EXTENSION_ID}."]`, { hasText: 'K2.5' }).first().waitFor({ timeout: 10_000 });
      });
      session.fakeKimi.enqueue({ kind: 'reply', content: 'Answered by K2.5.' });
      const before = chatBodies(session).length;
      await step(session, 'the next answer comes from K2.5', async () => {
        await typeAndSend(session, chat, 'Which model are you?');
        await waitForAnswer(chat, 'Answered by K2.5.');
        assert.match(await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="usage"]').innerText(), /K2\.5/);
      });
      assert.equal((await nextRequest(session, before)).model, 'moonshot/kimi-k2-5');
    });

    test('@problems picked with Enter, then a file: both chips stay and both reach the request; editing the first message retitles', async () => {
      await step(session, 'start a new chat and pick @problems with Enter', async () => {
        await chat.locator('[data-testid="new-chat"]').click();
        await chat.locator('[data-testid="welcome"]').waitFor({ state: 'visible', timeout: 10_000 });
        await chat.locator('[data-testid="prompt-input"]').click();
        await session.page.keyboard.type('@prob');
        await chat.locator('[data-testid="mention-option"]', { hasText: '@problems' }).first().waitFor({ timeout: 15_000 });
        // The host's results arrive after the built-ins; the list must not repeat @problems.
        await session.page.waitForTimeout(500);
        assert.equal(await chat.locator('[data-testid="mention-option"]', { hasText: '@problems' }).count(), 1, '@problems is listed twice');
        await session.page.keyboard.press('Enter');
        await chat.locator('.composer-chips [data-testid="chip"][data-kind="problems"]').waitFor({ state: 'visible', timeout: 10_000 });
      });
      await step(session, 'add calculator.ts after it: both chips stay', async () => {
        await session.page.keyboard.type('@calc');
        await chat.locator('[data-testid="mention-option"]', { hasText: 'calculator.ts' }).first().click();
        await chat.locator('.composer-chips [data-testid="chip"][data-kind="file"]').waitFor({ state: 'visible', timeout: 10_000 });
        await session.page.waitForTimeout(500);
        assert.equal(await chat.locator('.composer-chips [data-testid="chip"][data-kind="problems"]').count(), 1, 'adding a file removed the @problems chip');
      });
      session.fakeKimi.enqueue({ kind: 'reply', content: 'No problems reported.' }, { kind: 'reply', content: 'Retitled answer.' });
      const before = chatBodies(session).length;
      await step(session, 'send: the request carries the problems block and the file', async () => {
        await typeAndSend(session, chat, 'Anything wrong here?');
        await waitForAnswer(chat, 'No problems reported.');
      });
      const sent = lastUserContent(await nextRequest(session, before));
      const sentText = typeof sent === 'string' ? sent : (sent ?? []).map((part) => part.text ?? '').join('\n');
      assert.match(sentText, /Problems \(errors and warnings\)/, 'the @problems context is missing from the request');
      assert.match(sentText, /calculator\.ts/, 'the file is missing from the request');
      await step(session, 'edit the first message: the conversation takes its new title', async () => {
        const title = chat.locator('.conversation-title');
        await pollUntil(async () => ((await title.innerText()).includes('Anything wrong') ? true : undefined), 10_000, 'the first title never showed');
        await chat.locator('[data-testid="user-turn"]').first().hover();
        await chat.locator('[data-testid="user-turn"]').first().locator('[data-testid="edit"]').click();
        await chat.locator('.edit-input').fill('Summarize calculator.ts');
        await chat.locator('.edit-input').press('Enter');
        await waitForAnswer(chat, 'Retitled answer.');
        await pollUntil(async () => ((await title.innerText()).includes('Summarize calculator.ts') ? true : undefined), 10_000, 'the title stayed the old one');
      });
      await step(session, 'on AI/ML API the thinking switch says it cannot be turned off', async () => {
        const toggle = chat.locator('[data-testid="thinking-toggle"]');
        assert.equal(await toggle.getAttribute('aria-disabled'), 'true');
        assert.match((await toggle.getAttribute('title')) ?? '', /always reasons/);
      });
    });

    test('history: a new chat starts empty and the previous conversation reopens', async () => {
      await step(session, 'start a new chat', async () => {
        await chat.locator('[data-testid="new-chat"]').click();
        await chat.locator('[data-testid="welcome"]').waitFor({ state: 'visible', timeout: 10_000 });
        assert.equal(await chat.locator('[data-testid="user-turn"]').count(), 0);
      });
      await step(session, 'open the history', async () => {
        await chat.locator('[data-testid="history"]').click();
        await chat.locator('[data-testid="history-panel"]').waitFor({ state: 'visible' });
        await chat.locator('[data-testid="history-item"]', { hasText: FIRST_QUESTION }).first().waitFor({ timeout: 10_000 });
      });
      await step(session, 'reopen the previous conversation', async () => {
        await chat.locator('[data-testid="history-item"]', { hasText: FIRST_QUESTION }).first().locator('.history-open').click();
        await chat.locator('[data-testid="history-panel"]').waitFor({ state: 'hidden' });
        await chat.locator('[data-testid="user-turn"]', { hasText: FIRST_QUESTION }).waitFor({ timeout: 10_000 });
        await chat.locator('[data-testid="answer"]', { hasText: 'Answered by K2.5.' }).waitFor();
        assert.equal(await chat.locator('[data-testid="user-turn"]').count(), 3);
      });
    });
  });
}
