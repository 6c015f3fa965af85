// Browser cases: hostile text anywhere in the chat runs nothing (canary global, CSP violation listener,
// dialogs, a scan for live HTML) and posts nothing unexpected; links open only through the host, only http(s).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenableExternalUrl, type ContextChip, type TurnView } from '../../../../src/common/protocol';
import { type ChatHarness, type ChatPage, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, models, stateMessage, userTurn } from '../harness/fixtures';
import { markdownPayloads, textPayloads } from './xssPayloads';

const tinyPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Puts an anchor straight into the answer, as if one had got past rendering: clicking it must still be inert. */
function smuggleAnchor(chat: ChatPage, href: string, text: string): Promise<void> {
  return chat.page.evaluate(([anchorHref, anchorText]) => {
    const anchor = document.createElement('a');
    anchor.setAttribute('href', anchorHref);
    anchor.textContent = anchorText;
    document.querySelector('[data-testid="answer"]')?.append(anchor);
  }, [href, text] as const);
}

/** Finds anything in user-visible content that could run or load: tags, handlers, styles, odd URLs. */
async function findLiveContent(chat: ChatPage): Promise<string[]> {
  return chat.page.evaluate(() => {
    const scopes = '.markdown, .reasoning-body, .tool-cards, .error-slot, .chips, .user-text, .history-list, .notices, .mention-popup, .top-bar, .thumbnails';
    const forbiddenTags = new Set(['script', 'iframe', 'object', 'embed', 'form', 'meta', 'base', 'style', 'link', 'video', 'audio', 'source', 'svg', 'math', 'input', 'noscript', 'body']);
    const problems: string[] = [];
    for (const scope of Array.from(document.querySelectorAll(scopes))) {
      for (const element of Array.from(scope.querySelectorAll('*'))) {
        const tag = element.tagName.toLowerCase();
        if (forbiddenTags.has(tag)) problems.push(`<${tag}>`);
        if (tag === 'img' && !(element.getAttribute('src') ?? '').startsWith('data:image/')) problems.push(`img src=${element.getAttribute('src')}`);
        for (const attribute of Array.from(element.attributes)) {
          if (attribute.name.startsWith('on') || attribute.name === 'style' || attribute.name === 'srcdoc') problems.push(`${tag}[${attribute.name}]`);
          if (attribute.name === 'href' && /^\s*[a-z][a-z0-9+.-]*:/i.test(attribute.value) && !/^(https?|mailto):/i.test(attribute.value)) {
            problems.push(`href=${attribute.value}`);
          }
        }
      }
    }
    return problems;
  });
}

async function assertNothingRan(chat: ChatPage): Promise<void> {
  assert.equal(await chat.canary(), 0, 'the canary global was set');
  assert.deepEqual(chat.dialogs, [], 'a dialog opened');
  assert.deepEqual(await chat.violations(), [], 'the CSP reported a violation');
  assert.deepEqual(await findLiveContent(chat), [], 'live content in the DOM');
}

export function registerSecurityCases(harness: () => ChatHarness): void {
  describe('hostile content', () => {
    const chat = chatPageForSuite(harness);

    test(`${markdownPayloads.length} markdown payloads in answers and reasoning run nothing`, async () => {
      assert.ok(markdownPayloads.length + textPayloads.length >= 50);
      const turns: TurnView[] = markdownPayloads.flatMap((payload, index): TurnView[] => [
        userTurn({ id: `u${index}`, text: payload }),
        assistantTurn({ id: `a${index}`, text: payload, reasoning: payload }),
      ]);
      await chat.host(stateMessage({ conversation: conversation(turns) }));
      await assertNothingRan(chat);

      // The same payloads again, streamed in small chunks through the incremental renderer.
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming' })]) }));
      const all = markdownPayloads.join('\n\n');
      const chunks = all.match(/[\s\S]{1,7}/g) ?? [];
      await chat.streamText('a1', chunks.slice(0, 400));
      await chat.streamText('a1', chunks.slice(400));
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text: all }) });
      await assertNothingRan(chat);
    });

    test(`${textPayloads.length} text payloads in chips, tool cards, errors, titles, notices and mentions run nothing`, async () => {
      const chips: ContextChip[] = textPayloads.map((payload, index) => ({ id: `chip${index}`, kind: 'file', label: payload, detail: payload, tokens: 10 }));
      const turns: TurnView[] = textPayloads.flatMap((payload, index): TurnView[] => [
        userTurn({ id: `u${index}`, text: payload, chips: [chips[index]], images: [{ id: `i${index}`, name: payload, mimeType: 'image/png', dataUrl: tinyPng }] }),
        assistantTurn({
          id: `a${index}`,
          status: 'error',
          reasoning: payload,
          toolCalls: [{ id: `t${index}`, tool: payload, target: payload, status: 'awaiting-approval', summary: payload }],
          error: { message: payload, action: 'retry', detail: payload },
          model: payload,
          usage: { promptTokens: 1, cachedTokens: 0, completionTokens: 1 },
        }),
      ]);
      await chat.host(
        stateMessage({
          conversation: conversation(turns, { title: textPayloads[0] }),
          chips,
          models: [...models, { id: textPayloads[1], label: textPayloads[0], supportsImages: false, contextWindow: 1000 }],
          history: textPayloads.map((payload, index) => ({ id: `h${index}`, title: payload, updatedAt: 0, turnCount: 1 })),
        }),
      );
      for (const payload of textPayloads) await chat.host({ type: 'notice', level: 'error', message: payload });
      await chat.clearPosted();
      await chat.page.click('[data-testid="history"]');
      await assertNothingRan(chat);
      await chat.page.click('[data-testid="history"]');

      await chat.page.fill('[data-testid="prompt-input"]', '@');
      const query = await chat.waitForPosted('mentionQuery');
      await chat.host({ type: 'mentionResults', requestId: String(query.requestId), items: chips });
      assert.equal(await chat.page.locator('[data-testid="mention-option"]').count(), 4 + chips.length);
      await assertNothingRan(chat);
      const unexpected = (await chat.posted()).filter((message) => !['showHistory', 'mentionQuery'].includes(String(message.type)));
      assert.deepEqual(unexpected, []);
      await chat.page.fill('[data-testid="prompt-input"]', '');
    });

    test('clicking every link in hostile answers posts only http(s) openLink messages', async () => {
      const turns: TurnView[] = [userTurn(), assistantTurn({ text: `${markdownPayloads.join('\n\n')}\n\n[fine](https://example.com/ok)` })];
      await chat.host(stateMessage({ conversation: conversation(turns) }));
      await chat.clearPosted();
      const anchors = chat.page.locator('[data-testid="answer"] a');
      const count = await anchors.count();
      assert.ok(count >= 3, `expected some links, found ${count}`);
      for (let index = 0; index < count; index++) await anchors.nth(index).click();
      const posted = await chat.posted();
      assert.ok(posted.length > 0);
      for (const message of posted) {
        assert.equal(message.type, 'openLink');
        assert.ok(isOpenableExternalUrl(String(message.url)), `opened ${String(message.url)}`);
      }
      assert.ok(posted.some((message) => message.url === 'https://example.com/ok'));
      await assertNothingRan(chat);
      assert.equal(new URL(chat.page.url()).pathname, '/index.html', 'the page navigated');
    });
  });

  describe('links', () => {
    const chat = chatPageForSuite(harness);

    test('a normal link posts openLink with its URL', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: 'Read [the guide](https://example.com/guide?a=1#part).' })]) }));
      await chat.clearPosted();
      await chat.page.click('[data-testid="answer"] a');
      assert.deepEqual(await chat.posted(), [{ type: 'openLink', url: 'https://example.com/guide?a=1#part' }]);
    });

    test('a javascript: link posts nothing and runs nothing, even if one reached the DOM', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: '[click me](javascript:window.__xssCanary=1)' })]) }));
      assert.equal(await chat.page.locator('[data-testid="answer"] a').count(), 0, 'markdown refused the link');
      // Defence in depth: an anchor that got past rendering is still inert when clicked.
      await smuggleAnchor(chat, 'javascript:window.__xssCanary=1', 'smuggled');
      await chat.clearPosted();
      await chat.page.click('[data-testid="answer"] a');
      assert.deepEqual(await chat.posted(), []);
      assert.equal(await chat.canary(), 0);
    });

    test('relative and vscode: links post nothing', async () => {
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: '[relative](src/index.ts) and [anchor](#top)' })]) }));
      await smuggleAnchor(chat, 'vscode://settings', 'vscode');
      await chat.clearPosted();
      const anchors = chat.page.locator('[data-testid="answer"] a');
      for (let index = 0; index < (await anchors.count()); index++) await anchors.nth(index).click();
      assert.deepEqual(await chat.posted(), []);
    });
  });
}
