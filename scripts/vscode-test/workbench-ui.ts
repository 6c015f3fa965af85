// Drives the VS Code workbench the way a person does: Quick Open, the command palette, the activity bar,
// the keyboard. Each helper waits for the visible result of its action, with a bounded wait.
import type { FrameLocator, Locator, Page } from 'playwright-core';

const UI_TIMEOUT_MS = 15_000;

/** Ctrl+P, the file name, Enter; resolves when the file's editor tab is active. */
export async function openFileByName(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT_MS });
  await activeEditor(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** F1, the command's title as shown in the palette ("Kimi: New Chat"), Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
  } catch {
    await page.keyboard.press('Escape');
    throw new Error(`the command palette has no command titled "${title}"`);
  }
  await page.keyboard.press('Enter');
}

/** Ctrl+G to a line, then Shift+Down to extend the selection over `lineCount` whole lines. */
export async function selectLines(page: Page, firstLine: number, lineCount: number): Promise<void> {
  await activeEditor(page).click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
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
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
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
export async function editorTabAppears(page: Page, title: string, timeoutMs: number): Promise<boolean> {
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
