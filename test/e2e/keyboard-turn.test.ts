// A whole turn with the keyboard only, as a user who cannot use a mouse does it: from the editor, Ctrl+Alt+K I
// puts the focus in the chat input; the question is typed and sent with Enter; Ctrl+Alt+K V opens the answer
// in the accessible view (an editor); back in the input, Ctrl+Up reaches the answer and Tab its Approve
// button for the command it asks to run; the edit that follows has two hunks: in the diff, Ctrl+Alt+K Down
// goes to the next hunk, Ctrl+Alt+K Y accepts one and Ctrl+Alt+K N rejects the other; Ctrl+Alt+K I returns to the input.
// Last, axe-core runs once inside the real chat webview (the Chromium cases cover the four themes).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { blockingViolations, describeViolations, runAxe } from '../harness/axe';
import { openE2eSession, sessionForSuite, settleFirstStart, step, themeTitle } from '../harness/e2e-session';
import { pollUntil } from '../harness/waits';
import { openFileByName, retryUiStep, waitForAttribute, waitForDiffEditor, waitForEditorText, webviewContent } from '../harness/workbench-ui';

const FILE = 'src/calculator.ts';
const DIFF_TITLE = "Kimi's proposal";
const OLD_ADD_RETURN = '  return a + b;';
const NEW_ADD_RETURN = '  return Number(a) + Number(b);';
const OLD_AVERAGE_RETURN = '  return total / values.length;';
const NEW_AVERAGE_RETURN = '  return values.length === 0 ? 0 : total / values.length;';
const FIRST_ANSWER = 'I will run the tests first, then change add() and average().';

/** From `return a + b;` to the end of average(): two changed lines with five unchanged ones between them, so two hunks. */
function twoHunkEdit(original: string) {
  const start = original.indexOf(OLD_ADD_RETURN);
  const end = original.indexOf(OLD_AVERAGE_RETURN) + OLD_AVERAGE_RETURN.length;
  const oldString = original.slice(start, end);
  return { path: FILE, old_string: oldString, new_string: oldString.replace(OLD_ADD_RETURN, NEW_ADD_RETURN).replace(OLD_AVERAGE_RETURN, NEW_AVERAGE_RETURN) };
}

/** Presses the extension's chord: Ctrl+Alt+K, then `key`. */
async function chord(page: Page, key: string): Promise<void> {
  await page.keyboard.press('Control+Alt+K');
  await page.keyboard.press(key);
}

/** What has the focus inside the chat webview (its data-testid, or the tag), when the chat has the focus at all. */
async function chatFocus(page: Page): Promise<string | undefined> {
  return webviewContent(page)
    .locator('html')
    .evaluate((html) => {
      if (!html.ownerDocument.hasFocus()) return undefined;
      const active = html.ownerDocument.activeElement as HTMLElement | null;
      return active?.dataset.testid ?? active?.getAttribute('aria-label') ?? active?.tagName.toLowerCase();
    })
    .catch(() => undefined);
}

async function waitForChatFocus(page: Page, expected: string, what: string): Promise<void> {
  await pollUntil(async () => ((await chatFocus(page)) === expected ? true : undefined), 10_000, what);
}

/** The chat's own document inside the webview's two iframes, to run axe-core in. */
async function chatFrame(page: Page): Promise<Frame> {
  const outer = await page.locator('iframe.webview.ready[src*="extensionId=kimi-assistant.kimi-assistant"]').elementHandle();
  const outerFrame = await outer?.contentFrame();
  const inner = await outerFrame?.locator('#active-frame').elementHandle();
  const frame = await inner?.contentFrame();
  if (!frame) throw new Error('the chat webview has no content frame');
  return frame;
}

/** The focus is in an editor of the workbench (not the chat, not a quick input). */
async function editorHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest('.part.editor .monaco-editor')));
}

const theme = 'dark';
describe(`a whole turn with the keyboard only (${themeTitle(theme)})`, () => {
  let original = '';
  const session = sessionForSuite(() => openE2eSession('keyboard-turn', theme), async (opened) => {
    await settleFirstStart(opened);
    original = await readFile(join(opened.workspaceDir, FILE), 'utf8');
    await openFileByName(opened.page, 'calculator.ts');
  });

  test('focus the input, send, read in the accessible view, approve, accept one hunk and reject another, return', async () => {
    const { page } = session;
    const chat = webviewContent(page);
    session.fakeKimi.enqueue(
      { kind: 'reply', content: FIRST_ANSWER, toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'echo tests-passed' }) }] },
      { kind: 'reply', content: 'The tests pass. Here is the change.', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify(twoHunkEdit(original)) }] },
      { kind: 'reply', content: 'Done: add() converts its arguments; average() is as it was.' },
    );

    await step(session, 'Ctrl+Alt+K I in the editor focuses the chat input', async () => {
      assert.ok(await editorHasFocus(page), 'the test does not start in the editor');
      // The first time, the view opens and its webview loads before the input can take the focus.
      await retryUiStep(page, 'focusing the chat input with Ctrl+Alt+K I', async () => {
        await chord(page, 'i');
        await waitForChatFocus(page, 'prompt-input', 'the chat input never had the focus');
      });
    });

    await step(session, 'type the question and send it with Enter', async () => {
      await page.keyboard.type('Run the tests, then make add() convert its arguments and average() handle an empty list');
      await page.keyboard.press('Enter');
      await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="answer"]', { hasText: FIRST_ANSWER }).waitFor({ timeout: 30_000 });
      await waitForAttribute(chat.locator('.tool-card').last(), 'data-status', 'awaiting-approval', 30_000);
    });

    await step(session, 'Ctrl+Alt+K V opens the answer in the accessible view', async () => {
      await chord(page, 'v');
      await page.locator('.tabs-container .tab.active', { hasText: 'Kimi answer 1.md' }).waitFor({ timeout: 15_000 });
      const text = await waitForEditorText(page, (shown) => shown.includes(FIRST_ANSWER), 'the accessible view does not show the answer');
      assert.match(text, /# Kimi, answer 1 of 1/);
      assert.match(text, /run_command.*echo tests-passed: awaiting-approval/);
      assert.ok(await editorHasFocus(page), 'the accessible view did not take the focus');
    });

    await step(session, 'back in the input, Ctrl+Up reaches the answer and Tab its Approve button; Enter approves', async () => {
      await chord(page, 'i');
      await waitForChatFocus(page, 'prompt-input', 'Ctrl+Alt+K I did not return to the chat input');
      await page.keyboard.press('Control+ArrowUp');
      await waitForChatFocus(page, 'assistant-turn', 'Ctrl+Up did not focus the answer');
      await page.keyboard.press('Tab');
      assert.equal(await chatFocus(page), 'Approve this tool call: Run echo tests-passed');
      await page.keyboard.press('Enter');
      await chat.locator('[data-testid="assistant-turn"]').last().locator('.tool-card').first().waitFor();
      await waitForAttribute(chat.locator('.tool-card').first(), 'data-status', 'done', 30_000);
    });

    await step(session, 'the edit opens a diff with two hunks; Ctrl+Alt+K I goes to it', async () => {
      await waitForDiffEditor(page, DIFF_TITLE, 30_000);
      await waitForAttribute(chat.locator('.tool-card').last(), 'data-status', 'awaiting-approval', 30_000);
      await chord(page, 'i');
      await pollUntil(async () => ((await editorHasFocus(page)) ? true : undefined), 10_000, 'Ctrl+Alt+K I in the chat did not move the focus to the diff');
      await page.locator('.part.editor .monaco-diff-editor .editor.modified .monaco-editor.focused').waitFor({ timeout: 10_000 });
    });

    await step(session, 'Ctrl+Home, Ctrl+Alt+K Down, Ctrl+Alt+K Y accept the first hunk', async () => {
      // The diff opens with the cursor on its first change; from the top, Next Hunk goes to the first one.
      await page.keyboard.press('Control+Home');
      await chord(page, 'ArrowDown');
      await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: 'Ln 3,' }).waitFor({ timeout: 5_000 });
      await chord(page, 'y');
      await pollUntil(
        async () => ((await readFile(join(session.workspaceDir, FILE), 'utf8')).includes(NEW_ADD_RETURN) ? true : undefined),
        15_000,
        'accepting the first hunk did not write add() to the file',
      );
    });

    await step(session, 'Ctrl+Alt+K Down, Ctrl+Alt+K N reject the other; the review ends', async () => {
      await chord(page, 'ArrowDown');
      await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: 'Ln 11,' }).waitFor({ timeout: 5_000 });
      await chord(page, 'n');
      await page.locator('.tabs-container .tab', { hasText: DIFF_TITLE }).first().waitFor({ state: 'detached', timeout: 15_000 });
      const onDisk = await readFile(join(session.workspaceDir, FILE), 'utf8');
      assert.equal(onDisk, original.replace(OLD_ADD_RETURN, NEW_ADD_RETURN), 'the file is not the original with only the first hunk applied');
      await waitForAttribute(chat.locator('.tool-card').last(), 'data-status', 'done', 15_000);
      assert.match(await chat.locator('.tool-card').last().innerText(), /accepted 1 of 2 hunks/);
    });

    await step(session, 'Ctrl+Alt+K I returns to the chat input', async () => {
      await chord(page, 'i');
      await waitForChatFocus(page, 'prompt-input', 'Ctrl+Alt+K I did not return to the chat input after the review');
      await chat.locator('[data-testid="answer"]', { hasText: 'average() is as it was' }).waitFor({ timeout: 15_000 });
    });

    await step(session, 'axe-core in the real chat webview, with the @ list open, finds nothing serious', async () => {
      // The Chromium cases check all four themes against colours read from VS Code; this checks the real thing once.
      await page.keyboard.type('Check @');
      await chat.locator('[data-testid="mention-option"]').first().waitFor({ timeout: 10_000 });
      const frame = await chatFrame(page);
      // A webview's page is transparent and the side bar shows through from outside the frame, where axe cannot
      // look: the test paints that colour (the theme's side bar background) behind the page, as the eye sees it.
      await frame.evaluate(() => document.documentElement.style.setProperty('background', 'var(--vscode-sideBar-background)'));
      const violations = await runAxe(frame);
      const blocking = blockingViolations(violations);
      assert.equal(blocking.length, 0, `axe found in the real webview:\n${describeViolations(blocking)}`);
      await page.keyboard.press('Escape');
    });
  });
});
