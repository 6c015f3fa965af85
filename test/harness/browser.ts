// Debian's Chromium driven by playwright-core (never `playwright install`), and the wait for a drawn workbench.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from './processes';
import { withTimeout } from './waits';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
    // The harness ends the browser itself, after taking failure screenshots.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup('chromium', () => browser.close());
  return browser;
}

export interface WorkbenchPage {
  context: BrowserContext;
  page: Page;
}

/** A page sized like a laptop screen; clipboard permissions let tests paste into inputs. */
export async function newWorkbenchPage(browser: Browser, origin: string): Promise<WorkbenchPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Resolves once the workbench has drawn its parts; a clear failure instead of a silent hang. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await withTimeout(
    page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: timeoutMs + 1000 }),
    timeoutMs,
    'workbench did not load',
  );
}
