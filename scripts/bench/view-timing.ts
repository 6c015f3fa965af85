// For scripts/bench/host.ts: when a webview view was shown, timed inside the browser. Playwright's wait for the
// view's input checks at growing intervals (20, 50, 100, 100, 500 ms) through several round trips to the browser,
// so the time it reports is the next check after the view appeared, which can be 100 ms late and moves with the
// machine's load. This times the press on the activity-bar icon (in the workbench) and the moment VS Code shows
// the view's content frame (in the webview's host frame, which renames its pending frame to `active-frame` at the
// content's load event), on the browser's clock, the same way for every view.
import type { BrowserContext, Page } from 'playwright-core';

/** Runs at the start of every document: the workbench records presses on the activity bar, webview hosts the showing. */
const recorder = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (window === window.top) {
    addEventListener('pointerdown', (event) => {
      if (event.target instanceof Element && event.target.closest('.part.activitybar')) window.__benchPressedAt = now();
    }, true);
    return;
  }
  if (!location.pathname.endsWith('/index.html') || !new URLSearchParams(location.search).has('extensionId')) return;
  new MutationObserver(() => {
    if (window.__benchShownAt === undefined && document.getElementById('active-frame')) window.__benchShownAt = now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['id'] });
})();`;

/** From now on, in `page` (already loaded) and in every frame it creates. */
export async function recordViewTimings(context: BrowserContext, page: Page): Promise<void> {
  await context.addInitScript(recorder);
  await page.evaluate(recorder);
}

/** Milliseconds from the last press on the activity bar to the showing of `extensionId`'s webview view. */
export async function pressToShownMs(page: Page, extensionId: string): Promise<number> {
  const pressedAt = (await page.evaluate('window.__benchPressedAt')) as number | undefined;
  const host = page.frames().filter((frame) => !frame.isDetached() && frame.url().includes('/index.html') && frame.url().includes(`extensionId=${extensionId}`)).at(-1);
  const shownAt = (await host?.evaluate('window.__benchShownAt')) as number | undefined;
  if (pressedAt === undefined || shownAt === undefined || shownAt < pressedAt) {
    throw new Error(`no press-to-shown timing for ${extensionId} (pressed ${pressedAt}, shown ${shownAt})`);
  }
  return shownAt - pressedAt;
}
