// Kimi from the editor itself: the context menu's Kimi submenu explains a selection into the chat, and the
// lightbulb on a TypeScript error offers "Fix with Kimi", which ends in a proposed change to review.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { E2E_THEMES, openE2eSession, sessionForSuite, settleFirstStart, step, themeTitle } from '../harness/e2e-session';
import type { WorkbenchSession } from '../harness/session';
import { pollUntil } from '../harness/waits';
import {
  activeEditor,
  goToLine,
  menuItem,
  openEditorContextMenu,
  openFileByName,
  openQuickFixMenu,
  selectLines,
  waitForAttribute,
  waitForDiffEditor,
  webviewContent,
} from '../harness/workbench-ui';

const FILE = 'src/calculator.ts';
const EXPLANATION = 'average() adds the values in a loop and divides by their count; an empty array gives NaN.';
const BAD_LINE = 'const x: number = "s";';
const FIXED_LINE = 'const x: number = 1;';
/** calculator.ts has 12 lines and a final newline: the bad line goes after an empty line 13. */
const BAD_LINE_NUMBER = 14;

function chatRequests(session: WorkbenchSession): Array<{ messages?: Array<{ role: string; content?: unknown }> }> {
  return session.fakeKimi.requests
    .filter((request) => request.method === 'POST' && request.path.endsWith('/chat/completions'))
    .map((request) => request.body as { messages?: Array<{ role: string; content?: unknown }> });
}

function lastUserMessage(session: WorkbenchSession): string {
  const last = chatRequests(session).at(-1)?.messages?.filter((message) => message.role === 'user').at(-1);
  return JSON.stringify(last?.content ?? '');
}

for (const theme of E2E_THEMES) {
  describe(`inline commands (${themeTitle(theme)})`, () => {
    const session = sessionForSuite(() => openE2eSession('inline', theme), async (opened) => {
      await settleFirstStart(opened);
      await openFileByName(opened.page, 'calculator.ts');
    });

    test('right-click → Kimi → Explain Selection streams the answer into the chat with the selection chip', async () => {
      session.fakeKimi.enqueue({ kind: 'reply', reasoning: 'A loop sums, then a division.', content: EXPLANATION, chunkSize: 6, chunkDelayMs: 30 });
      await step(session, 'select the average function', () => selectLines(session.page, 6, 7));
      await step(session, 'right-click the selection and open the Kimi submenu', async () => {
        await openEditorContextMenu(session.page, 'total = total + values');
        await menuItem(session.page, 'Kimi').hover();
        await menuItem(session.page, 'Explain Selection').waitFor({ state: 'visible' });
        for (const command of ['Refactor Selection', 'Fix Selection', 'Add Documentation', 'Generate Tests', 'Ask About Selection']) {
          await menuItem(session.page, command).waitFor({ state: 'visible' });
        }
      });
      await step(session, 'choose Explain Selection', async () => {
        await menuItem(session.page, 'Explain Selection').click();
        await session.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden' });
      });
      const chat = webviewContent(session.page);
      await step(session, 'the explanation streams into the chat, the selection chip on the question', async () => {
        const userTurn = chat.locator('[data-testid="user-turn"]').last();
        await userTurn.waitFor({ state: 'visible', timeout: 30_000 });
        const chip = userTurn.locator('[data-testid="chip"][data-kind="selection"]');
        await chip.waitFor({ state: 'visible' });
        assert.match(await chip.innerText(), /calculator\.ts/);
        await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="answer"]', { hasText: EXPLANATION }).waitFor({ timeout: 30_000 });
        const sent = lastUserMessage(session);
        assert.match(sent, /Explain/);
        assert.match(sent, /total = total \+ values\[i\]/, 'the selected code did not reach the model');
      });
    });

    test('the lightbulb on a TypeScript error offers "Fix with Kimi", which proposes a change', async () => {
      await step(session, 'type a line with a type error', async () => {
        await goToLine(session.page, BAD_LINE_NUMBER - 1);
        await session.page.keyboard.press('End');
        await session.page.keyboard.press('Enter');
        await session.page.keyboard.type(BAD_LINE);
      });
      await step(session, 'TypeScript underlines the error', async () => {
        await activeEditor(session.page).locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      });
      // The fix must be computed against the buffer as typed, which is saved first so the diff is easy to read.
      await session.page.keyboard.press('Control+S');
      session.fakeKimi.enqueue(
        {
          kind: 'reply',
          reasoning: 'A string is assigned to a number.',
          toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: BAD_LINE, new_string: FIXED_LINE }) }],
        },
        { kind: 'reply', content: 'Understood: line 14 stays as it is.' },
      );
      const labels = await step(session, 'Ctrl+. lists Fix with Kimi', async () => {
        // Quick fixes are offered for the diagnostics under the cursor: put it on the underlined name.
        await goToLine(session.page, BAD_LINE_NUMBER, BAD_LINE.indexOf('x') + 1);
        const shown = await openQuickFixMenu(session.page);
        assert.ok(shown.some((label) => label.startsWith('Fix with Kimi')), `the quick fix menu has no "Fix with Kimi" (it lists ${JSON.stringify(shown)})`);
        return shown;
      });
      assert.ok(labels.some((label) => /Fix with Kimi: .*not assignable/.test(label)), `the Kimi fix does not name the error: ${JSON.stringify(labels)}`);
      await step(session, 'choose Fix with Kimi', async () => {
        await session.page.locator('.action-widget .monaco-list-row.action', { hasText: 'Fix with Kimi' }).first().click();
        await session.page.locator('.action-widget').first().waitFor({ state: 'hidden' });
      });
      await step(session, 'a diff proposal with the fix arrives', async () => {
        const diff = await waitForDiffEditor(session.page, "Kimi's proposal", 30_000);
        await diff.locator('.editor.modified .view-line', { hasText: FIXED_LINE }).first().waitFor({ state: 'visible' });
        const sent = lastUserMessage(session);
        assert.match(sent, /Fix/);
        assert.match(sent, /not assignable to type 'number'/, 'the diagnostic did not reach the model');
        const card = webviewContent(session.page).locator('[data-testid="assistant-turn"]').last().locator('.tool-card').last();
        await waitForAttribute(card, 'data-status', 'awaiting-approval');
      });
      await step(session, 'reject the fix from the chat card', async () => {
        const card = webviewContent(session.page).locator('[data-testid="assistant-turn"]').last().locator('.tool-card').last();
        await card.getByRole('button', { name: 'Reject this tool call' }).click();
        await waitForAttribute(card, 'data-status', 'rejected');
        await pollUntil(() => (chatRequests(session).length >= 3 ? true : undefined), 15_000, 'the model never heard the fix was rejected');
      });
    });
  });
}
