// Kimi: Preview in the real VS Code webview (code-server, Chromium): a workspace page renders in the sandboxed
// frame, and its attempts to reach the network or navigate away are stopped by the CSP and the sandbox; a local
// server counts every request that would have got out. One theme: the page keeps its own colours.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { openE2eSession, sessionForSuite, settleFirstStart, step } from '../harness/e2e-session';
import { openFileByName } from '../harness/workbench-ui';

function fixturePage(exfil: string): string {
  return `<!DOCTYPE html><html><head><title>Fixture</title><style>body { margin: 0; font: 16px sans-serif; } .box { width: 300px; height: 120px; background: rgb(0, 120, 212); }</style></head>
<body><h1 id="title">Preview fixture</h1><div class="box"></div>
<form id="form" action="${exfil}/form" method="post"><input name="a" value="1"></form>
<script>
  const done = (key, value) => { document.body.dataset[key] = value; };
  fetch('${exfil}/fetch').then(() => done('fetch', 'allowed'), () => done('fetch', 'blocked'));
  const image = new Image();
  image.onload = () => done('img', 'allowed');
  image.onerror = () => done('img', 'blocked');
  image.src = '${exfil}/img';
  try { parent.document.title; done('parentDom', 'allowed'); } catch { done('parentDom', 'blocked'); }
  done('vscodeApi', typeof acquireVsCodeApi === 'undefined' ? 'absent' : 'present');
  try { document.getElementById('form').submit(); } catch {}
  setTimeout(() => {
    try { top.location.href = '${exfil}/top'; } catch {}
    try { window.open('${exfil}/popup'); } catch {}
    done('navigationTried', 'yes');
  }, 300);
</script></body></html>`;
}

/** F1, then a click on the row whose label is exactly "Kimi: Preview" (Enter runs whichever row the palette ranks first). */
async function runPreviewCommand(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Kimi: Preview');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^Kimi: Preview$/ }) });
  await row.first().click();
}

/** The page's frame inside the preview webview (an about:srcdoc frame holding the fixture's heading). */
async function pageFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.url() !== 'about:srcdoc') continue;
      if ((await frame.locator('#title').count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('no preview frame shows the fixture page');
    await page.waitForTimeout(200);
  }
}

describe('preview (dark)', () => {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
    response.end('escaped');
  });
  let exfil = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    exfil = `http://127.0.0.1:${(server.address() as AddressInfo).port}/exfil`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const session = sessionForSuite(() => openE2eSession('preview', 'dark'), async (opened) => {
    writeFileSync(join(opened.workspaceDir, 'fixture.html'), fixturePage(exfil));
    await settleFirstStart(opened);
  });

  test('the preview renders the page, and the CSP blocks its fetch and its top-level navigation', async () => {
    await step(session, 'open fixture.html', () => openFileByName(session.page, 'fixture.html'));
    await step(session, 'run Kimi: Preview', () => runPreviewCommand(session.page));
    const workbenchUrl = session.page.url();
    const frame = await step(session, 'the preview shows the fixture page', async () => {
      const found = await pageFrame(session.page);
      assert.equal(await found.locator('#title').textContent(), 'Preview fixture');
      return found;
    });
    await step(session, 'every escape attempt has run', () => frame.waitForFunction(() => document.body.dataset.navigationTried === 'yes' && !!document.body.dataset.fetch && !!document.body.dataset.img, undefined, { timeout: 15_000 }));
    const results = await frame.evaluate(() => ({ ...document.body.dataset }));
    assert.equal(results.fetch, 'blocked', 'fetch is blocked');
    assert.equal(results.img, 'blocked', 'a remote image is blocked');
    assert.equal(results.parentDom, 'blocked', 'the page cannot reach the webview document');
    assert.equal(results.vscodeApi, 'absent', 'the page has no acquireVsCodeApi');
    await session.page.waitForTimeout(1000);
    assert.equal(session.page.url(), workbenchUrl, 'the workbench was not navigated away');
    assert.equal(session.page.context().pages().length, 1, 'no popup opened');
    assert.deepEqual(requests, [], 'no request left the page');
    assert.equal(await (await pageFrame(session.page)).locator('#title').textContent(), 'Preview fixture', 'the page is still shown');
  });
});
