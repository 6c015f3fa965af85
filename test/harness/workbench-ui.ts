// Drives the VS Code workbench the way a person does: Quick Open, the command palette, the activity bar,
// the keyboard. Each helper waits for the visible result of its action, with a bounded wait.
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { artifactDir, fileNameFor, screenshotQuietly } from './artifacts';

const UI_TIMEOUT_MS = 15_000;

/**
 * Ctrl+P, the file name, Enter; resolves when the file's editor tab is active. An editor that opens on
 * its own meanwhile (a walkthrough, a restored tab) closes Quick Open; a person would press Ctrl+P again.
 */
export async function openFileByName(page: Page, fileName: string): Promise<void> {
  await pickInQuickInput(page, 'Control+P', fileName, fileName, `Quick Open for ${fileName}`);
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT_MS });
  await activeEditor(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** F1, the command's title as shown in the palette ("Kimi: New Chat"), Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickInQuickInput(page, 'F1', `>${title}`, title, `the command palette for "${title}"`);
  await page.keyboard.press('Enter');
}

/**
 * Opens the quick input with `key`, types `query` and waits for a row with `rowText`. The workbench may take
 * the focus meanwhile (an editor or walkthrough opening, an extension activating), which leaves the input
 * inert or closes it: a person presses Escape and tries again, and so does this, through `retryUiStep`.
 */
async function pickInQuickInput(page: Page, key: string, query: string, rowText: string, what: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await retryUiStep(page, what, async () => {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill(query, { timeout: 5_000 });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
  }, () => page.keyboard.press('Escape'));
}

/**
 * The one retry for every UI step the workbench can interrupt (palette, Quick Open, menus, a webview's
 * focus): up to `attempts` tries, `reset` between them; the last failure says what was tried and where the
 * screenshot of the screen at that moment is.
 */
export async function retryUiStep<T>(page: Page, what: string, attempt: () => Promise<T>, reset: () => Promise<unknown> = async () => undefined, attempts = 3): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= attempts) {
        const shot = await screenshotQuietly(page, join(artifactDir('ui-failures'), `${Date.now()}-${fileNameFor(what)}.png`));
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(`${what} failed ${attempts} times (${message}); the screen then: ${shot ?? 'no screenshot'}`);
      }
      console.log(`    retrying ${what} (try ${tried + 1} of ${attempts}): something took the focus`);
      await reset().catch(() => undefined);
      await page.waitForTimeout(300 * tried);
    }
  }
}

/** Ctrl+G to a line, then Shift+Down to extend the selection over `lineCount` whole lines. */
export async function selectLines(page: Page, firstLine: number, lineCount: number): Promise<void> {
  await openGoToLine(page);
  await page.keyboard.type(String(firstLine));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let line = 0; line < lineCount; line++) await page.keyboard.press('Shift+ArrowDown');
}

/** The text of the current selection, read from the editor's status bar item ("(N selected)"). */
export async function selectionStatus(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText()).trim();
}

/** The activity bar entry of a view container, by its title ("Kimi"). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.part.activitybar .action-item').filter({ has: page.locator(`a[aria-label^="${title}"]`) }).first();
}

/** Opens a view container from the activity bar unless it is already the visible side bar. */
export async function openActivityBarContainer(page: Page, title: string): Promise<void> {
  const item = activityBarItem(page, title);
  await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const alreadyOpen = (await item.getAttribute('class'))?.includes('checked') ?? false;
  if (!alreadyOpen) await item.click();
  await page.locator('.part.sidebar .composite.title', { hasText: new RegExp(title, 'i') }).first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/**
 * The content of the extension's webview view. Webviews are not inside `.sidebar` in the DOM: they sit in
 * an overlay at the workbench root, an outer iframe (ready once loaded) holding `#active-frame`.
 */
export function webviewContent(page: Page): FrameLocator {
  // Only the extension's webview: a walkthrough step with markdown media is a webview of its own (no extensionId).
  return page.frameLocator('iframe.webview.ready[src*="extensionId=kimi-assistant.kimi-assistant"]').frameLocator('#active-frame');
}

/**
 * Resolves once the extension is active, seen from outside as a status bar item it contributed (their
 * DOM ids start with the extension id). Extensions that start on `onStartupFinished` come up seconds
 * after the workbench draws.
 */
export async function waitForExtensionStatusItem(page: Page, extensionId: string, timeoutMs = 60_000): Promise<void> {
  try {
    await page.locator(`.statusbar-item[id^="${extensionId}."]`).first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch {
    throw new Error(`${extensionId} did not activate (no status bar item) within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** Waits up to `timeoutMs` for an editor tab with this title; returns whether it appeared. */
export async function editorTabAppears(page: Page, title: string | RegExp, timeoutMs: number): Promise<boolean> {
  try {
    await page.locator('.tabs-container .tab', { hasText: title }).first().waitFor({ timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/**
 * The text of the active (non-diff) editor, line by line, as drawn. Monaco positions its line elements
 * absolutely and may reuse them out of order, so lines are sorted by their offset from the top.
 */
export async function activeEditorText(page: Page): Promise<string> {
  const editor = activeEditor(page);
  await editor.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return editor.locator('.view-lines').first().evaluate((lines) => {
    const drawn = Array.from(lines.querySelectorAll<HTMLElement>('.view-line')).map((line) => ({
      top: Number.parseFloat(line.style.top || '0'),
      text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
    }));
    return drawn.sort((a, b) => a.top - b.top).map((line) => line.text).join('\n');
  });
}

/** Waits until the active editor's text satisfies `accept`; returns that text or fails with the last text seen. */
export async function waitForEditorText(page: Page, accept: (text: string) => boolean, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await activeEditorText(page).catch(() => last);
    if (accept(last)) return last;
    if (Date.now() >= deadline) throw new Error(`${what} within ${Math.round(timeoutMs / 1000)} s; the editor shows:\n${last}`);
    await page.waitForTimeout(200);
  }
}

/** Ctrl+G in the active editor, until its input has the focus. */
async function openGoToLine(page: Page): Promise<void> {
  await retryUiStep(page, 'Go to Line (Ctrl+G)', async () => {
    await activeEditor(page).click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input:focus').waitFor({ state: 'visible', timeout: 5_000 });
  }, () => page.keyboard.press('Escape'));
}

/** Puts the cursor on a line, at its start or at a 1-based column (Ctrl+G "line:column"), in the active editor. */
export async function goToLine(page: Page, line: number, column?: number): Promise<void> {
  await openGoToLine(page);
  await page.keyboard.type(column === undefined ? String(line) : `${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** A CodeLens link in the editor area by its visible title ("Accept", "Reject"), icons ignored. */
export function codeLens(page: Page, title: string): Locator {
  return page.locator('.part.editor .codelens-decoration a', { hasText: new RegExp(`^\\s*${title}\\s*$`) }).first();
}

/** The diff editor's tab and body, once a tab whose title contains `titlePart` is active. */
export async function waitForDiffEditor(page: Page, titlePart: string, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
  await page.locator('.tabs-container .tab', { hasText: titlePart }).first().waitFor({ timeout: timeoutMs });
  const diff = page.locator('.part.editor .monaco-diff-editor').first();
  await diff.waitFor({ state: 'visible', timeout: timeoutMs });
  return diff;
}

/** Right-clicks on the drawn line that contains `lineText` (inside the selection, so it is kept). */
export async function openEditorContextMenu(page: Page, lineText: string): Promise<Locator> {
  const line = activeEditor(page).locator('.view-line', { hasText: lineText }).first();
  await line.click({ button: 'right', position: { x: 40, y: 8 } });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return menu;
}

/**
 * An entry of an open workbench menu (context menu or submenu) by its label. The label itself, not its
 * list item: a submenu's list item contains the whole submenu, so it would match the submenu's entries too.
 */
export function menuItem(page: Page, label: string): Locator {
  return page.locator('.context-view .monaco-menu .action-label', { hasText: new RegExp(`^${label}$`) }).first();
}

/** Ctrl+. in the active editor; resolves with the labels of the quick fix / code action menu. */
export async function openQuickFixMenu(page: Page): Promise<string[]> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  // Under load the first Ctrl+. can land while the editor is still computing its code actions and show
  // nothing (seen once in CI): press again, as a person would, before giving up.
  await retryUiStep(page, 'the code action menu (Ctrl+.)', async () => {
    await page.keyboard.press('Control+.');
    await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
  });
  return (await rows.allInnerTexts()).map((text) => text.trim());
}

/** The messages of the notification toasts on screen now. */
export async function toastMessages(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((text) => text.trim());
}

/**
 * Waits for a notification whose message matches `pattern`: a toast (resolved once it has faded in, so a
 * screenshot shows it whole), or, when toasts are suppressed or already gone, an entry in the
 * Notifications center, which is then left open for the screenshot.
 */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = (await toastMessages(page)).find((message) => pattern.test(message));
    if (match) {
      const fadedIn = page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: match.slice(0, 40) });
      await fadedIn.first().waitFor({ state: 'attached', timeout: 5_000 });
      return match;
    }
    await page.waitForTimeout(200);
  }
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center .notification-list-item-message');
  const messages = (await center.allInnerTexts().catch(() => [])).map((text) => text.trim());
  const match = messages.find((message) => pattern.test(message));
  if (match) return match;
  throw new Error(`no notification matching ${pattern} within ${Math.round(timeoutMs / 1000)} s (seen: ${JSON.stringify(messages)})`);
}

/** Waits until no toast matching `pattern` is on screen (a progress notification that has finished). */
export async function waitForToastGone(page: Page, pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  await page.locator('.notifications-toasts .notification-toast', { hasText: pattern }).first().waitFor({ state: 'detached', timeout: timeoutMs });
}

/** Dismisses every notification, so the next check cannot read an old one. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/** Opens the Settings editor filtered to one setting id; resolves with that setting's row. */
export async function findSetting(page: Page, settingId: string): Promise<Locator> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await editor.locator('.settings-header .suggest-input-container').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(settingId);
  // The row shows the id as words ("Diff Editor: Code Lens"); compare letters only.
  const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const item = editor.locator('.settings-tree-container .setting-item').first();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const shown = await item.locator('.setting-item-category, .setting-item-label').allInnerTexts().catch(() => []);
    if (letters(shown.join('')) === letters(settingId)) break;
    if (Date.now() >= deadline) throw new Error(`the Settings editor did not find ${settingId} (first row: ${shown.join('')})`);
    await page.waitForTimeout(200);
  }
  return item;
}

/** Types a value into a text setting in the Settings editor, as a person would. */
export async function setTextSetting(page: Page, settingId: string, value: string): Promise<void> {
  const input = (await findSetting(page, settingId)).locator('input').first();
  await input.fill(value);
  await input.press('Tab');
}

/** Waits until an element's attribute has the given value (a card's data-status, a checkbox's aria-checked). */
export async function waitForAttribute(locator: Locator, name: string, value: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = (await locator.count()) > 0 ? await locator.getAttribute(name) : null;
    if (last === value) return;
    if (Date.now() >= deadline) throw new Error(`${name} did not become "${value}" within ${Math.round(timeoutMs / 1000)} s (last: ${String(last)})`);
    await locator.page().waitForTimeout(150);
  }
}
