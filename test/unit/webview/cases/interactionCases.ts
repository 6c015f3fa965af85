// Browser cases: the prompt box keyboard (Enter, Shift+Enter, Up), mentions, chips, error-card actions,
// the empty states, model and thinking controls, regenerate / edit, history, and image attachments.
import { builtInMention } from '../../../../src/common/context/builtinMentions';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChatHarness, type ChatPage, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, models, stateMessage, userTurn } from '../harness/fixtures';

const prompt = '[data-testid="prompt-input"]';

/** Drops an image made on a canvas of the given size onto the chat, as a user dragging a file would. */
async function dropImage(chat: ChatPage, width: number, height: number, type = 'image/png'): Promise<void> {
  await chat.page.evaluate(
    async ({ width, height, type }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.fillStyle = '#3080c0';
      context.fillRect(0, 0, width, height);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((result) => resolve(result as Blob), type));
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'shot.png', { type }));
      document.getElementById('app')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { width, height, type },
  );
}

export function registerInteractionCases(harness: () => ChatHarness): void {
  describe('prompt box', () => {
    const chat = chatPageForSuite(harness);

    test('Enter sends the text and clears the box', async () => {
      await chat.host(stateMessage());
      await chat.clearPosted();
      await chat.page.fill(prompt, 'What does this do?');
      await chat.page.press(prompt, 'Enter');
      assert.deepEqual(await chat.posted(), [{ type: 'send', text: 'What does this do?', chips: [], images: [] }]);
      assert.equal(await chat.page.inputValue(prompt), '');
    });

    test('Shift+Enter inserts a line break and sends nothing', async () => {
      await chat.clearPosted();
      await chat.page.fill(prompt, 'line one');
      await chat.page.press(prompt, 'Shift+Enter');
      await chat.page.keyboard.type('line two');
      assert.equal(await chat.page.inputValue(prompt), 'line one\nline two');
      assert.deepEqual(await chat.posted(), []);
      await chat.page.fill(prompt, '');
    });

    test('Enter on an empty box sends nothing', async () => {
      await chat.clearPosted();
      await chat.page.fill(prompt, '   ');
      await chat.page.press(prompt, 'Enter');
      assert.deepEqual(await chat.posted(), []);
      await chat.page.fill(prompt, '');
    });

    test('Up in an empty box recalls the last message; in a non-empty box it does not', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn({ text: 'first' }), assistantTurn(), userTurn({ id: 'u2', text: 'second question' }), assistantTurn({ id: 'a2' })]) }));
      await chat.page.fill(prompt, '');
      await chat.page.press(prompt, 'ArrowUp');
      assert.equal(await chat.page.inputValue(prompt), 'second question');
      await chat.page.fill(prompt, 'typing');
      await chat.page.press(prompt, 'ArrowUp');
      assert.equal(await chat.page.inputValue(prompt), 'typing');
      await chat.page.fill(prompt, '');
    });

    test('Enter does not send while an answer streams', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming' })]) }));
      await chat.clearPosted();
      await chat.page.fill(prompt, 'next question');
      await chat.page.press(prompt, 'Enter');
      assert.deepEqual(await chat.posted(), []);
      assert.equal(await chat.page.inputValue(prompt), 'next question');
      await chat.page.fill(prompt, '');
    });

    test('@ offers built-in mentions and host results; the keyboard picks one as a chip', async () => {
      await chat.host(stateMessage());
      await chat.clearPosted();
      await chat.page.fill(prompt, 'look at @pro');
      assert.deepEqual(await chat.page.locator('[data-testid="mention-option"] .mention-label').allTextContents(), ['@problems']);
      const query = await chat.waitForPosted('mentionQuery');
      assert.equal(query.query, 'pro');
      await chat.host({ type: 'mentionResults', requestId: String(query.requestId), items: [{ id: 'file:src/project.ts', kind: 'file', label: 'project.ts', detail: 'src/project.ts', tokens: 2400 }] });
      assert.equal(await chat.page.locator('[data-testid="mention-option"]').count(), 2);
      await chat.page.press(prompt, 'ArrowDown');
      await chat.page.press(prompt, 'Enter');
      assert.equal(await chat.page.inputValue(prompt), 'look at ');
      assert.equal(await chat.page.isVisible('.mention-popup'), false);
      assert.deepEqual(await chat.page.locator('.composer [data-testid="chip"] .chip-label').allInnerTexts(), ['project.ts']);
      const added = (await chat.posted()).find((message) => message.type === 'addChip');
      assert.deepEqual(added, { type: 'addChip', chip: { id: 'file:src/project.ts', kind: 'file', label: 'project.ts', detail: 'src/project.ts', tokens: 2400 } });
    });

    test('a built-in the host echoes is listed once, and Enter attaches it with the id the host accepts', async () => {
      await chat.host(stateMessage());
      await chat.clearPosted();
      await chat.page.fill(prompt, '@prob');
      const query = await chat.waitForPosted('mentionQuery');
      await chat.host({ type: 'mentionResults', requestId: String(query.requestId), items: [builtInMention('problems')!, { id: 'file:src/problems.ts', kind: 'file', label: 'problems.ts', detail: 'src/problems.ts', tokens: 10 }] });
      assert.deepEqual(await chat.page.locator('[data-testid="mention-option"] .mention-label').allTextContents(), ['@problems', 'problems.ts']);
      await chat.page.press(prompt, 'Enter');
      const added = (await chat.posted()).find((message) => message.type === 'addChip');
      assert.deepEqual(added, { type: 'addChip', chip: builtInMention('problems') });
    });

    test('a thinking switch the provider cannot honour says so and sends nothing', async () => {
      const reason = 'AI/ML API has no thinking switch for Kimi, so Kimi K2.6 always reasons before answering.';
      await chat.host(stateMessage({ thinking: true, thinkingUnavailable: reason }));
      await chat.clearPosted();
      // aria-disabled keeps it focusable, so a keyboard or screen-reader user can still read why.
      await chat.page.click('[data-testid="thinking-toggle"]', { force: true });
      assert.deepEqual(await chat.posted(), []);
      assert.equal(await chat.page.getAttribute('[data-testid="thinking-toggle"]', 'aria-pressed'), 'true');
      assert.equal(await chat.page.getAttribute('[data-testid="thinking-toggle"]', 'aria-disabled'), 'true');
      assert.equal(await chat.page.getAttribute('[data-testid="thinking-toggle"]', 'title'), reason);
      await chat.host({ type: 'statusChanged', thinkingUnavailable: null });
      await chat.page.click('[data-testid="thinking-toggle"]');
      assert.deepEqual(await chat.posted(), [{ type: 'setThinking', enabled: false }]);
    });

    test('Escape closes the mention list without picking', async () => {
      await chat.page.fill(prompt, '@');
      assert.equal(await chat.page.locator('[data-testid="mention-option"]').count(), 4);
      await chat.page.press(prompt, 'Escape');
      assert.equal(await chat.page.isVisible('.mention-popup'), false);
      await chat.page.fill(prompt, '');
    });

    test('/ at the start lists the host\'s commands (MCP prompts); picking one writes it with its first required argument', async () => {
      await chat.host(stateMessage());
      await chat.clearPosted();
      await chat.page.fill(prompt, '/ev');
      const query = await chat.waitForPosted('slashQuery');
      assert.equal(query.query, 'ev');
      const items = [
        { name: 'mcp.everything.args-prompt', detail: 'A prompt with arguments', arguments: [{ name: 'city', required: true }, { name: 'state', required: false }] },
        { name: 'mcp.everything.simple-prompt', arguments: [] },
      ];
      await chat.host({ type: 'slashResults', requestId: String(query.requestId), items });
      assert.deepEqual(await chat.page.locator('[data-testid="slash-option"] .mention-label').allTextContents(), ['/mcp.everything.args-prompt', '/mcp.everything.simple-prompt']);
      assert.deepEqual(await chat.page.locator('[data-testid="slash-option"] .mention-detail').allTextContents(), ['A prompt with arguments · city [state]', '']);
      // The same combobox wiring as the @ list: a screen reader hears the option the arrows moved to.
      await chat.page.press(prompt, 'ArrowDown');
      const input = chat.page.locator(prompt);
      assert.equal(await input.getAttribute('aria-expanded'), 'true');
      const listbox = chat.page.locator(`#${await input.getAttribute('aria-controls')}`);
      assert.equal(await listbox.getAttribute('role'), 'listbox');
      assert.equal(await listbox.locator(`#${await input.getAttribute('aria-activedescendant')} .mention-label`).innerText(), '/mcp.everything.simple-prompt');
      await chat.page.press(prompt, 'ArrowUp');
      await chat.page.press(prompt, 'Enter');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await chat.page.inputValue(prompt), '/mcp.everything.args-prompt city=');
      assert.equal(await chat.page.locator('[data-testid="slash-option"]').count(), 0);
      await chat.page.type(prompt, 'Paris');
      await chat.clearPosted();
      await chat.page.press(prompt, 'Enter');
      const sent = (await chat.posted()).find((message) => message.type === 'send');
      assert.equal(sent?.text, '/mcp.everything.args-prompt city=Paris', 'the host expands the command');
    });

    test('chips from the host show token estimates, can be removed, and go with the message', async () => {
      const chip = { id: 'sel', kind: 'selection' as const, label: 'args.ts:10-20', tokens: 340 };
      await chat.host(stateMessage(), { type: 'chipsChanged', chips: [chip] });
      assert.equal(await chat.page.locator('.composer [data-testid="chip"]').textContent(), 'args.ts:10-20~340');
      await chat.clearPosted();
      await chat.page.fill(prompt, 'explain');
      await chat.page.press(prompt, 'Enter');
      assert.deepEqual((await chat.posted())[0], { type: 'send', text: 'explain', chips: [chip], images: [] });
      await chat.clearPosted();
      await chat.page.click('.composer [data-testid="chip"] .chip-remove');
      assert.deepEqual(await chat.posted(), [{ type: 'removeChip', id: 'sel' }]);
      assert.equal(await chat.page.locator('.composer [data-testid="chip"]').count(), 0);
    });
  });

  describe('chat controls', () => {
    const chat = chatPageForSuite(harness);

    test('no conversation shows the welcome; no key shows a one-line prompt with Set API Key', async () => {
      await chat.host(stateMessage({ hasKey: false }));
      assert.equal(await chat.page.isVisible('[data-testid="welcome"]'), true);
      assert.equal(await chat.page.isVisible('[data-testid="key-prompt"]'), true);
      await chat.clearPosted();
      await chat.page.click('[data-testid="key-prompt"] button');
      assert.deepEqual(await chat.posted(), [{ type: 'runAction', action: 'setKey' }]);
      await chat.host({ type: 'statusChanged', hasKey: true });
      assert.equal(await chat.page.isVisible('[data-testid="key-prompt"]'), false);
    });

    test('an error card shows the sentence and its action buttons', async () => {
      const failed = assistantTurn({ status: 'error', error: { message: 'You are out of credits.', action: 'topUp', detail: '403 from provider' } });
      await chat.host(stateMessage({ conversation: conversation([userTurn(), failed]) }));
      const card = chat.page.locator('[data-testid="error-card"]');
      assert.match(await card.innerText(), /You are out of credits\./);
      await chat.clearPosted();
      await card.getByRole('button', { name: 'Top Up' }).click();
      await card.getByRole('button', { name: 'Retry' }).click();
      assert.deepEqual(await chat.posted(), [
        { type: 'runAction', action: 'topUp', turnId: 'a1' },
        { type: 'runAction', action: 'retry', turnId: 'a1' },
      ]);
    });

    test('model picker, thinking toggle, new chat and the usage footer', async () => {
      const answered = assistantTurn({ text: 'Done.', usage: { promptTokens: 12_034, cachedTokens: 10_000, completionTokens: 512 }, cost: { usd: 0.0042, estimated: true } });
      await chat.host(stateMessage({ conversation: conversation([userTurn(), answered]), contextUsage: { used: 13_000, window: 262_144 } }));
      assert.equal(await chat.page.textContent('[data-testid="usage"]'), '12,034 in·10,000 cached·512 out·≈ $0.0042 (estimated)');
      assert.equal(await chat.page.textContent('[data-testid="context-meter"] .meter-label'), '13k / 262k');
      await chat.clearPosted();
      await chat.page.selectOption('[data-testid="model-picker"]', models[1].id);
      await chat.page.click('[data-testid="thinking-toggle"]');
      await chat.page.click('[data-testid="new-chat"]');
      assert.deepEqual(await chat.posted(), [
        { type: 'selectModel', id: models[1].id },
        { type: 'setThinking', enabled: false },
        { type: 'newChat' },
      ]);
      assert.equal(await chat.page.getAttribute('[data-testid="thinking-toggle"]', 'aria-pressed'), 'false');
    });

    test('Regenerate on the last answer and edit-and-resend on the last message', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn({ text: 'old' }), assistantTurn({ text: 'answer' })]) }));
      await chat.clearPosted();
      await chat.page.click('[data-testid="regenerate"]');
      await chat.page.click('[data-testid="user-turn"] [data-testid="edit"]');
      await chat.page.fill('.edit-input', 'new wording');
      await chat.page.press('.edit-input', 'Enter');
      assert.deepEqual(await chat.posted(), [{ type: 'regenerate' }, { type: 'editAndResend', turnId: 'u1', text: 'new wording' }]);
      await chat.host({ type: 'turnsTruncated', fromTurnId: 'u1' });
      assert.equal(await chat.page.locator('[data-testid="user-turn"]').count(), 0);
    });

    test('history lists conversations and opens, renames and deletes them', async () => {
      await chat.host(stateMessage());
      await chat.clearPosted();
      await chat.page.click('[data-testid="history"]');
      await chat.host({ type: 'historyList', items: [{ id: 'c7', title: 'Refactor parser', updatedAt: Date.now(), turnCount: 4 }, { id: 'c8', title: 'Old chat', updatedAt: 0, turnCount: 2 }] });
      const items = chat.page.locator('[data-testid="history-item"]');
      assert.equal(await items.count(), 2);
      await items.first().hover();
      await items.first().getByRole('button', { name: 'Rename' }).click();
      await chat.page.fill('.rename-input', 'Parser refactor');
      await chat.page.press('.rename-input', 'Enter');
      await items.nth(1).hover();
      await items.nth(1).getByRole('button', { name: 'Delete' }).click();
      await items.nth(1).getByRole('button', { name: 'Click again to delete' }).click();
      await items.first().locator('.history-open').click();
      assert.deepEqual(await chat.posted(), [
        { type: 'showHistory' },
        { type: 'renameConversation', id: 'c7', title: 'Parser refactor' },
        { type: 'deleteConversation', id: 'c8' },
        { type: 'openConversation', id: 'c7' },
      ]);
      assert.equal(await chat.page.isVisible('[data-testid="history-panel"]'), false);
    });

    test('a large image is downscaled to 1568 px and sent; a text-only model refuses images', async () => {
      await chat.host(stateMessage({ selectedModelId: 'my-text-model' }));
      await dropImage(chat, 64, 64);
      await chat.page.waitForSelector('[data-testid="notice"]');
      assert.match(await chat.page.innerText('[data-testid="notice"]'), /does not accept images/);
      assert.equal(await chat.page.locator('.composer .thumbnail').count(), 0);

      await chat.host(stateMessage({ selectedModelId: models[0].id }));
      await dropImage(chat, 3000, 1000);
      await chat.page.waitForSelector('.composer .thumbnail');
      await chat.clearPosted();
      await chat.page.fill(prompt, 'what is this?');
      await chat.page.press(prompt, 'Enter');
      const sent = (await chat.posted())[0] as { images: Array<{ dataUrl: string; mimeType: string }> };
      assert.equal(sent.images.length, 1);
      const size = await chat.page.evaluate(async (url) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      }, sent.images[0].dataUrl);
      assert.deepEqual(size, [1568, 523]);
      assert.equal(await chat.page.locator('.composer .thumbnail').count(), 0, 'attachments clear after sending');
    });

    test('an attached image offers Build UI from Image, which hands the image to the host', async () => {
      await chat.host(stateMessage({ selectedModelId: models[0].id }));
      await dropImage(chat, 64, 64);
      await chat.page.waitForSelector('.composer .thumbnail');
      await chat.clearPosted();
      await chat.page.locator('.composer .thumbnail-build-ui').click();
      const posted = (await chat.posted())[0] as { type: string; image?: { mimeType: string; dataUrl: string } };
      assert.equal(posted.type, 'buildUiFromImage');
      assert.equal(posted.image?.mimeType, 'image/png');
      assert.ok(posted.image?.dataUrl.startsWith('data:image/png;base64,'));
    });
  });
}
