// Checkpoints as a user meets them: two agent turns change files, the window reloads, and the second
// message's "Restore files to here" button (in the chat webview) opens the preview and the quick pick;
// picking Restore puts the files back as they were after the first turn, bytes checked on disk.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EXTENSION_ID, openE2eSession, sessionForSuite, settleFirstStart, step } from '../harness/e2e-session';
import { openActivityBarContainer, waitForExtensionStatusItem, webviewContent } from '../harness/workbench-ui';

const FILE = 'src/calculator.ts';
const ADDED = 'src/added.ts';

async function waitForFile(path: string, accept: (text: string | undefined) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!accept(await readFile(path, 'utf8').catch(() => undefined))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('checkpoints across a window reload (Default Dark Modern)', () => {
  // Edits apply without review here, so the run is about the checkpoints rather than the diff review.
  const session = sessionForSuite(() => openE2eSession('checkpoints', 'dark', { settings: { 'kimiAssistant.autoApprove.edits': true } }), settleFirstStart);

  test('Restore files to here, after a reload, brings back the bytes after turn 1', async () => {
    const page = session.page;
    const file = join(session.workspaceDir, FILE);
    const original = await readFile(file, 'utf8');
    const chat = () => webviewContent(page);
    const ask = async (text: string, answers: number) => {
      await chat().locator('[data-testid="prompt-input"]').click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await chat().locator('[data-testid="assistant-turn"][data-status="done"]').nth(answers - 1).waitFor({ timeout: 60_000 });
    };

    session.fakeKimi.enqueue(
      { kind: 'reply', reasoning: 'Swap the operands.', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: 'return a + b;', new_string: 'return b + a;' }) }] },
      { kind: 'reply', content: 'Swapped.' },
    );
    await step(session, 'turn 1 edits the calculator', async () => {
      await openActivityBarContainer(page, 'Kimi');
      await ask('Swap the operands of add.', 1);
    });
    await waitForFile(file, (text) => text === original.replace('return a + b;', 'return b + a;'), 'turn 1 is on disk');
    const afterTurn1 = await readFile(file);

    session.fakeKimi.enqueue(
      { kind: 'reply', reasoning: 'Guard the average.', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: 'return total / values.length;', new_string: 'return values.length ? total / values.length : 0;' }) }] },
      { kind: 'reply', reasoning: 'And a helper file.', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: ADDED, content: 'export const added = true;\n' }) }] },
      { kind: 'reply', content: 'Guarded, and added a file.' },
    );
    await step(session, 'turn 2 edits it again and creates a file', () => ask('Guard average against empty input and add a helper file.', 2));
    await waitForFile(join(session.workspaceDir, ADDED), (text) => text === 'export const added = true;\n', 'turn 2 created its file');

    await step(session, 'reload the window', async () => {
      await page.reload();
      await waitForExtensionStatusItem(page, EXTENSION_ID);
      await openActivityBarContainer(page, 'Kimi');
      await chat().locator('[data-testid="user-turn"]').nth(1).waitFor({ timeout: 30_000 });
    });

    await step(session, "press the second message's Restore files to here", async () => {
      const restore = chat().locator('[data-testid="user-turn"]').nth(1).locator('[data-testid="restore-files"]');
      await restore.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await restore.getAttribute('aria-label')) ?? '', /^Restore files to here/);
      await restore.click();
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Restore 2 files' }).waitFor({ timeout: 30_000 });
      const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
      assert.ok(rows.some((row) => row.includes(FILE) && row.includes('restored to its earlier version')), rows.join(' | '));
      assert.ok(rows.some((row) => row.includes(ADDED) && row.includes('deleted (Kimi created it)')), rows.join(' | '));
    });

    await step(session, 'pick Restore: the files are as they were after turn 1', async () => {
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Restore 2 files' }).click();
      // The chat says so once every file is written.
      await chat().locator('.notice', { hasText: 'Restored 2 files to before message 2.' }).waitFor({ timeout: 30_000 });
      assert.deepEqual(await readFile(file), afterTurn1);
      await assert.rejects(readFile(join(session.workspaceDir, ADDED)), /ENOENT/);
    });
  });
});
