// Reviewing a change the model proposes from the chat: the edit_file call shows as a card with Approve /
// Reject, the diff opens beside the file, the CodeLens Accept applies the hunk (Ctrl+Z takes it back),
// and Reject on the card leaves the file as it was.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { E2E_THEMES, openE2eSession, sessionForSuite, settleFirstStart, step, themeTitle } from '../harness/e2e-session';
import type { WorkbenchSession } from '../harness/session';
import { pollUntil } from '../harness/waits';
import {
  activeEditor,
  codeLens,
  openActivityBarContainer,
  openFileByName,
  waitForAttribute,
  waitForDiffEditor,
  waitForEditorText,
  webviewContent,
} from '../harness/workbench-ui';

const FILE = 'src/calculator.ts';
const DIFF_TITLE = "Kimi's proposal";
const OLD_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}';
const NEW_ADD =
  'export function add(a: number | string, b: number | string): number | string {\n' +
  "  if (typeof a === 'string' || typeof b === 'string') return `${a}${b}`;\n" +
  '  return a + b;\n}';
const STRING_BRANCH = "if (typeof a === 'string'";

function editReply(oldString: string, newString: string) {
  return {
    kind: 'reply' as const,
    reasoning: 'The add function must accept strings too; I will change its signature and add a branch.',
    content: 'I will change add() in src/calculator.ts.',
    toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: oldString, new_string: newString }) }],
  };
}

async function ask(session: WorkbenchSession, chat: FrameLocator, question: string): Promise<void> {
  await chat.locator('[data-testid="prompt-input"]').click();
  await session.page.keyboard.type(question);
  await chat.locator('[data-testid="send"]').click();
}

/** Asks in the chat for the add() edit (the model proposes it, then says `afterwards`); returns the chat. */
async function askForTheEdit(session: WorkbenchSession, description: string, question: string, afterwards: string): Promise<FrameLocator> {
  const chat = webviewContent(session.page);
  session.fakeKimi.enqueue(editReply(OLD_ADD, NEW_ADD), { kind: 'reply', content: afterwards });
  await step(session, description, () => ask(session, chat, question));
  return chat;
}

function lastToolCard(chat: FrameLocator) {
  return chat.locator('[data-testid="assistant-turn"]').last().locator('.tool-card').last();
}

/** The content of the tool message the model received after the review, from the fake server's log. */
function lastToolResult(session: WorkbenchSession): string | undefined {
  const bodies = session.fakeKimi.requests
    .filter((request) => request.method === 'POST' && request.path.endsWith('/chat/completions'))
    .map((request) => request.body as { messages?: Array<{ role: string; content?: unknown }> });
  const tool = bodies.at(-1)?.messages?.filter((message) => message.role === 'tool').at(-1);
  return tool ? String(tool.content) : undefined;
}

for (const theme of E2E_THEMES) {
  describe(`change review (${themeTitle(theme)})`, () => {
    let original = '';
    const session = sessionForSuite(() => openE2eSession('review', theme), async (opened) => {
      await settleFirstStart(opened);
      original = await readFile(join(opened.workspaceDir, FILE), 'utf8');
      await openActivityBarContainer(opened.page, 'Kimi');
      await webviewContent(opened.page).locator('[data-testid="prompt-input"]').waitFor({ state: 'visible', timeout: 30_000 });
      await openFileByName(opened.page, 'calculator.ts');
    });

    test('an edit_file proposal shows as a card with Approve / Reject and opens the diff', async () => {
      const chat = await askForTheEdit(session, 'ask Kimi to make add handle strings', 'make add() handle strings', 'add() now joins strings and still adds numbers.');
      const card = lastToolCard(chat);
      await step(session, 'the edit shows as a tool card with Approve and Reject', async () => {
        await card.waitFor({ state: 'visible', timeout: 30_000 });
        await waitForAttribute(card, 'data-status', 'awaiting-approval');
        assert.match(await card.innerText(), /Edit/);
        assert.equal(await card.locator('.tool-target').getAttribute('title'), FILE);
        await card.getByRole('button', { name: 'Approve this tool call' }).waitFor({ state: 'visible' });
        await card.getByRole('button', { name: 'Reject this tool call' }).waitFor({ state: 'visible' });
      });
      await step(session, 'the diff editor shows the proposal beside the original', async () => {
        const diff = await waitForDiffEditor(session.page, DIFF_TITLE, 30_000);
        await diff.locator('.editor.modified .view-line', { hasText: STRING_BRANCH }).first().waitFor({ state: 'visible' });
        assert.equal(await diff.locator('.editor.original .view-line', { hasText: STRING_BRANCH }).count(), 0, 'the original side shows the proposal');
      });
      await step(session, "the diff's breadcrumb reads like the file, not like the extension's storage", async () => {
        const breadcrumbs = session.page.locator('.part.editor .editor-group-container .breadcrumbs-control', { hasText: 'calculator.ts' });
        await breadcrumbs.first().waitFor({ state: 'visible', timeout: 10_000 });
        const trail = (await breadcrumbs.first().innerText()).replace(/\s+/g, ' ');
        assert.match(trail, /src\W+calculator\.ts/, `breadcrumb: ${trail}`);
        assert.doesNotMatch(trail, /globalStorage|kimi-assistant|reviews|r\d+-/, `breadcrumb shows storage: ${trail}`);
      });
    });

    test('the review diff shows Accept and Reject CodeLens right above the hunk, with default settings', async () => {
      await step(session, 'Accept and Reject CodeLens above the hunk', async () => {
        const accept = codeLens(session.page, 'Accept');
        const shown = await accept.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
        // VS Code draws no CodeLens in diff editors unless `diffEditor.codeLens` is on; the extension's
        // configurationDefaults turn it on, and this guards that.
        assert.ok(shown, 'no Accept/Reject CodeLens in the review diff: is `diffEditor.codeLens` still on by default (package.json configurationDefaults)?');
        await codeLens(session.page, 'Reject').waitFor({ state: 'visible' });
        const modified = session.page.locator('.part.editor .monaco-diff-editor .editor.modified');
        const firstChanged = await modified.locator('.view-line', { hasText: 'export function add(a: number | string' }).first().boundingBox();
        const header = await modified.locator('.view-line', { hasText: 'A small module' }).first().boundingBox();
        const lens = await accept.boundingBox();
        assert.ok(firstChanged && header && lens, 'the lines or the CodeLens have no position on screen');
        assert.ok(lens.y > header.y && lens.y < firstChanged.y, `the CodeLens (y=${lens.y}) is not between line 1 (y=${header.y}) and the changed line 2 (y=${firstChanged.y})`);
      });
    });

    test('clicking the CodeLens Accept changes the file in the editor; Ctrl+Z restores it', async () => {
      const chat = webviewContent(session.page);
      const card = lastToolCard(chat);
      const accept = codeLens(session.page, 'Accept');
      await step(session, 'click the CodeLens Accept', async () => {
        await accept.click();
        await session.page.locator('.tabs-container .tab', { hasText: DIFF_TITLE }).first().waitFor({ state: 'detached', timeout: 15_000 });
      });
      await step(session, 'the file in the editor has the change', async () => {
        await session.page.locator('.tabs-container .tab.active', { hasText: 'calculator.ts' }).waitFor();
        await waitForEditorText(session.page, (text) => text.includes(STRING_BRANCH), 'the editor never showed the accepted change');
        const onDisk = await readFile(join(session.workspaceDir, FILE), 'utf8');
        assert.equal(onDisk, original.replace(OLD_ADD, NEW_ADD), 'the saved file is not the original with the proposal applied');
      });
      await step(session, 'the card says accepted and the model answers', async () => {
        await waitForAttribute(card, 'data-status', 'done');
        assert.match(await card.innerText(), /accepted/);
        await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="answer"]', { hasText: 'add() now joins strings' }).waitFor({ timeout: 15_000 });
        assert.match(lastToolResult(session) ?? '', /accepted the change to src\/calculator\.ts/);
      });
      await step(session, 'Ctrl+Z in the editor restores the original', async () => {
        await activeEditor(session.page).locator('.view-line', { hasText: 'average' }).first().click();
        await session.page.keyboard.press('Control+Z');
        // Waits for the whole original to show: under load a poll can catch the editor's lines between two renders.
        const restored = await waitForEditorText(
          session.page,
          (text) => !text.includes(STRING_BRANCH) && text.includes('export function add(a: number, b: number): number {'),
          'Ctrl+Z did not bring the original add() back',
        );
        assert.ok(!restored.includes('number | string'), `the change is partly still there:\n${restored}`);
        await session.page.keyboard.press('Control+S');
        await pollUntil(async () => ((await readFile(join(session.workspaceDir, FILE), 'utf8')) === original ? true : undefined), 10_000, 'the restored file was not saved');
      });
    });

    test('Reject on the chat card closes the review and leaves the file unchanged', async () => {
      const chat = await askForTheEdit(session, 'ask again for the same change', 'make add() handle strings, please', 'Understood, I left calculator.ts as it was.');
      const card = lastToolCard(chat);
      await step(session, 'the card waits for approval and the diff is open', async () => {
        await waitForAttribute(card, 'data-status', 'awaiting-approval', 30_000);
        await waitForDiffEditor(session.page, DIFF_TITLE, 30_000);
      });
      await step(session, 'press Reject on the card', async () => {
        await card.getByRole('button', { name: 'Reject this tool call' }).click();
        await waitForAttribute(card, 'data-status', 'rejected');
      });
      await step(session, 'the diff closes and the file is unchanged', async () => {
        await session.page.locator('.tabs-container .tab', { hasText: DIFF_TITLE }).first().waitFor({ state: 'detached', timeout: 15_000 });
        const shown = await waitForEditorText(session.page, (text) => text.includes('export function add(a: number, b: number)'), 'the editor does not show the original add()');
        assert.ok(!shown.includes(STRING_BRANCH), 'the rejected change reached the editor');
        assert.equal(await readFile(join(session.workspaceDir, FILE), 'utf8'), original, 'the file on disk changed');
        await chat.locator('[data-testid="assistant-turn"]').last().locator('[data-testid="answer"]', { hasText: 'left calculator.ts as it was' }).waitFor({ timeout: 15_000 });
        assert.match(lastToolResult(session) ?? '', /rejected the change/);
      });
    });
  });
}
