// What keyboard and screen-reader users depend on in the chat, checked in the browser: landmarks and
// headings, the `@` list's combobox wiring, named tool-card buttons, "Copied", the end-of-answer
// announcement (once), message-by-message navigation, focus after a rename, and chord keys not typed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatHarness, ChatPage } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';
import { auditedConversation } from './axeCases';

const prompt = '[data-testid="prompt-input"]';

async function announced(chat: ChatPage): Promise<string> {
  // The announcer fills itself a moment after it is emptied (so a repeated sentence is read again).
  await chat.page.waitForTimeout(120);
  return (await chat.page.textContent('[data-testid="announcer"]')) ?? '';
}

async function focusedElement(chat: ChatPage): Promise<{ tag: string; testId?: string; turnId?: string; classes: string }> {
  return chat.page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    return { tag: active.tagName.toLowerCase(), testId: active.dataset.testid, turnId: active.dataset.turnId, classes: active.className };
  });
}

export function registerKeyboardCases(harness: () => ChatHarness): void {
  describe('keyboard and screen readers', () => {
    test('the title and the cost are in the banner, one h1, every message has a heading', async () => {
      const chat = await harness().open('light');
      await chat.host(auditedConversation);
      const structure = await chat.page.evaluate((prompt) => ({
        h1: Array.from(document.querySelectorAll('h1'), (heading) => heading.textContent),
        bannerHasTitleAndCost: Boolean(document.querySelector('header.top-bar h1') && document.querySelector('header.top-bar [data-testid="session-cost"]')),
        bannerIsTopLevel: document.querySelector('header.top-bar')?.closest('main, article, section') === null,
        messages: document.querySelectorAll('.turn').length,
        messageHeadings: Array.from(document.querySelectorAll('.turn > header h2'), (heading) => heading.textContent),
        inMain: Boolean(document.querySelector('main [role="log"]')),
        inputRegion: document.querySelector(prompt)?.closest('section')?.getAttribute('aria-label'),
      }), prompt);
      assert.deepEqual(structure.h1, ['Explain parseArgs']);
      assert.ok(structure.bannerHasTitleAndCost && structure.bannerIsTopLevel, 'the title and cost are not in a top-level header');
      assert.deepEqual(structure.messageHeadings, ['You', 'Kimi', 'You', 'Kimi']);
      assert.ok(structure.inMain, 'the conversation log is not inside main');
      assert.equal(structure.inputRegion, 'Message input');
      await chat.page.close();
    });

    test('the @ list is wired to the input as a combobox: expanded, controls, active option by id', async () => {
      const chat = await harness().open();
      await chat.host(stateMessage());
      const input = chat.page.locator(prompt);
      assert.equal(await input.getAttribute('role'), 'combobox');
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      await input.focus();
      await chat.page.keyboard.type('@');
      await chat.page.locator('[data-testid="mention-option"]').first().waitFor();
      const wiring = async () =>
        chat.page.evaluate((selector) => {
          const box = document.querySelector(selector) as HTMLElement;
          const list = document.getElementById(box.getAttribute('aria-controls') ?? '');
          const active = document.getElementById(box.getAttribute('aria-activedescendant') ?? '');
          return {
            expanded: box.getAttribute('aria-expanded'),
            listRole: list?.getAttribute('role'),
            listVisible: list ? !list.hidden : false,
            activeRole: active?.getAttribute('role'),
            activeSelected: active?.getAttribute('aria-selected'),
            activeIndex: active ? Array.from(list?.children ?? []).indexOf(active) : -1,
            optionIds: Array.from(list?.querySelectorAll('[role="option"]') ?? [], (option) => option.id),
          };
        }, prompt);
      const opened = await wiring();
      assert.equal(opened.expanded, 'true');
      assert.equal(opened.listRole, 'listbox');
      assert.ok(opened.listVisible);
      assert.equal(opened.activeRole, 'option');
      assert.equal(opened.activeSelected, 'true');
      assert.equal(opened.activeIndex, 0);
      assert.equal(new Set(opened.optionIds).size, opened.optionIds.length, 'option ids are not unique');
      await chat.page.keyboard.press('ArrowDown');
      assert.equal((await wiring()).activeIndex, 1, 'ArrowDown did not move aria-activedescendant');
      await chat.page.keyboard.press('Escape');
      const closed = await wiring();
      assert.equal(closed.expanded, 'false');
      assert.equal(await input.getAttribute('aria-activedescendant'), null);
      await chat.page.close();
    });

    test('a tool card is a named group, and Approve / Reject name the tool and the file', async () => {
      const chat = await harness().open();
      await chat.host(auditedConversation);
      const card = chat.page.getByRole('group', { name: 'Edit src/args.ts: Waiting for approval' });
      await card.waitFor();
      await chat.clearPosted();
      await card.getByRole('button', { name: 'Approve this tool call: Edit src/args.ts', exact: true }).click();
      assert.deepEqual(await chat.posted(), [{ type: 'resolveToolApproval', toolCallId: 't2', approved: true }]);
      await card.getByRole('button', { name: 'Reject this tool call: Edit src/args.ts', exact: true }).waitFor();
      await chat.page.close();
    });

    test('Copy is named "Copied" after a press, and that is announced', async () => {
      const chat = await harness().open();
      await chat.host(auditedConversation);
      const copy = chat.page.locator('.code-block [data-code-action="copy"]').first();
      assert.equal(await copy.getAttribute('aria-label'), 'Copy');
      await copy.click();
      assert.equal(await copy.getAttribute('aria-label'), 'Copied');
      assert.equal(await announced(chat), 'Copied');
      await chat.page.close();
    });

    test('the end of a streamed answer is announced once, not per chunk, and not for restored answers', async () => {
      const chat = await harness().open();
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ id: 'old' })]) }));
      assert.equal(await announced(chat), '', 'a restored answer was announced');
      await chat.host({ type: 'turnAppended', turn: assistantTurn({ id: 'a9', status: 'streaming' }) });
      await chat.streamText('a9', ['Working ', 'on ', 'it.']);
      assert.equal(await announced(chat), '', 'streamed chunks were announced');
      assert.equal(await chat.page.getAttribute('[data-turn-id="a9"]', 'aria-busy'), 'true');
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ id: 'a9', text: 'Working on it.', status: 'done' }) });
      assert.equal(await announced(chat), 'Kimi finished answering.');
      assert.equal(await chat.page.getAttribute('[data-turn-id="a9"]', 'aria-busy'), 'false');
      await chat.page.evaluate(() => {
        document.querySelector('[data-testid="announcer"]')!.textContent = '';
      });
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ id: 'a9', text: 'Working on it.', status: 'done', usage: { promptTokens: 1, cachedTokens: 0, completionTokens: 1 } }) });
      assert.equal(await announced(chat), '', 'a later update of the finished answer was announced again');
      assert.equal(await chat.page.getAttribute('[role="log"]', 'aria-label'), 'Conversation');
      await chat.page.close();
    });

    test('Ctrl+Up / Ctrl+Down move through the messages from the input and back; Escape returns to the input', async () => {
      const chat = await harness().open();
      await chat.host(auditedConversation);
      await chat.page.focus(prompt);
      await chat.clearPosted();
      await chat.page.keyboard.press('Control+ArrowUp');
      assert.equal((await focusedElement(chat)).turnId, 'a2', 'Ctrl+Up in the input did not go to the last message');
      await chat.page.keyboard.press('Control+ArrowUp');
      assert.equal((await focusedElement(chat)).turnId, 'u2');
      await chat.page.keyboard.press('Control+ArrowUp');
      assert.equal((await focusedElement(chat)).turnId, 'a1');
      assert.deepEqual((await chat.posted()).filter((message) => message.type === 'focusChanged').map((message) => message.answerId), ['a2', null, 'a1']);
      await chat.page.keyboard.press('Control+ArrowDown');
      await chat.page.keyboard.press('Control+ArrowDown');
      await chat.page.keyboard.press('Control+ArrowDown');
      assert.equal((await focusedElement(chat)).testId, 'prompt-input', 'Ctrl+Down past the last message did not return to the input');
      await chat.page.keyboard.press('Control+ArrowUp');
      await chat.page.keyboard.press('Escape');
      assert.equal((await focusedElement(chat)).testId, 'prompt-input', 'Escape on a message did not return to the input');
      await chat.page.close();
    });

    test('after a rename in the history the focus is on that conversation again, not on the page', async () => {
      const chat = await harness().open();
      await chat.host(stateMessage());
      await chat.page.click('[data-testid="history"]');
      await chat.host({ type: 'historyList', items: [{ id: 'c7', title: 'Refactor parser', updatedAt: Date.now(), turnCount: 4 }, { id: 'c8', title: 'Old chat', updatedAt: 0, turnCount: 2 }] });
      // The row's actions show once the row has the focus: Tab from the conversation to its Rename button.
      await chat.page.locator('[data-conversation-id="c8"] .history-open').focus();
      await chat.page.keyboard.press('Tab');
      await chat.page.keyboard.press('Enter');
      await chat.page.keyboard.type('Older chat');
      await chat.page.keyboard.press('Enter');
      const focused = await chat.page.evaluate(() => ({
        open: document.activeElement?.classList.contains('history-open'),
        conversation: document.activeElement?.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId,
      }));
      assert.deepEqual(focused, { open: true, conversation: 'c8' });
      await chat.page.close();
    });

    test("an extension chord (Ctrl+Alt+K, then a key) types nothing into the input", async () => {
      const chat = await harness().open();
      await chat.host(stateMessage());
      await chat.page.focus(prompt);
      await chat.page.keyboard.type('ask');
      await chat.page.keyboard.press('Control+Alt+K');
      await chat.page.keyboard.press('v');
      await chat.page.keyboard.type(' more');
      assert.equal(await chat.page.inputValue(prompt), 'ask more');
      await chat.page.close();
    });
  });
}
