// The preview webview in headless Chromium: the page renders in its sandboxed frame, the CSP stops every way to
// the network and every navigation out, the page cannot reach the webview or forge a snapshot, and the raster
// is a real PNG of the page's size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readPngInfo } from '../../../src/common/preview/png';
import type { PreviewToHostMessage } from '../../../src/common/preview/previewProtocol';
import { startedForSuite } from './harness/chatHarness';
import { PreviewHarness } from './harness/previewHarness';

const fixturePage = `<!DOCTYPE html>
<html><head><title>Fixture</title><style>
  html, body { margin: 0; }
  body { background: rgb(255, 255, 255); font: 16px sans-serif; }
  .box { width: 300px; height: 200px; background: rgb(255, 0, 0); }
  .tall { height: 1500px; }
  @media (prefers-color-scheme: dark) { body { background: rgb(0, 0, 0); } }
</style></head>
<body><h1 id="title">Fixture heading</h1><div class="box"></div><div class="tall"></div></body></html>`;

function escapePage(origin: string): string {
  return `<body><h1>escape attempts</h1>
<form id="form" action="${origin}/exfil/form" method="post"><input name="a" value="1"></form>
<script>
  const base = '${origin}/exfil';
  const done = (key, value) => { document.body.dataset[key] = value; };
  fetch(base + '/fetch').then(() => done('fetch', 'allowed'), () => done('fetch', 'blocked'));
  const xhr = new XMLHttpRequest();
  xhr.onload = () => done('xhr', 'allowed');
  xhr.onerror = () => done('xhr', 'blocked');
  try { xhr.open('GET', base + '/xhr'); xhr.send(); } catch { done('xhr', 'blocked'); }
  try { new WebSocket(base.replace('http', 'ws') + '/ws'); } catch {}
  try { navigator.sendBeacon(base + '/beacon', 'x'); } catch {}
  const image = new Image();
  image.onload = () => done('img', 'allowed');
  image.onerror = () => done('img', 'blocked');
  image.src = base + '/img';
  try { parent.document.title; done('parentDom', 'allowed'); } catch { done('parentDom', 'blocked'); }
  try { done('parentApi', typeof parent.acquireVsCodeApi === 'function' ? 'allowed' : 'absent'); } catch { done('parentApi', 'blocked'); }
  done('ownApi', typeof acquireVsCodeApi === 'undefined' ? 'absent' : 'allowed');
  try { document.getElementById('form').submit(); } catch {}
  // Forged answers: a raster nobody asked for, and host-shaped messages.
  parent.postMessage({ type: 'kimiPreviewRaster', requestId: 'forged', png: 'data:image/png;base64,iVBORw0KGgo=', width: 1, height: 1 }, '*');
  parent.postMessage({ type: 'snapshot', requestId: 'forged', png: 'data:image/png;base64,iVBORw0KGgo=', width: 1, height: 1 }, '*');
  parent.postMessage({ type: 'compare' }, '*');
  done('finished', 'yes');
</script></body>`;
}

function navigationPage(origin: string): string {
  return `<body><a id="top" href="${origin}/exfil/top-link" target="_top">out</a>
<script>
  try { top.location.href = '${origin}/exfil/top'; document.body.dataset.top = 'no-error'; } catch { document.body.dataset.top = 'threw'; }
  document.getElementById('top').click();
  try { window.open('${origin}/exfil/popup'); } catch {}
  document.body.dataset.tried = 'yes';
</script></body>`;
}

function selfNavigationPage(origin: string): string {
  return `<body><script>setTimeout(() => { location.href = '${origin}/exfil/self'; }, 50);</script></body>`;
}

describe('preview webview in Chromium', () => {
  const current = startedForSuite(() => PreviewHarness.start());

  test('renders the fixture page inside a frame sandboxed to scripts only', async () => {
    const { frame } = await current().render(fixturePage);
    assert.equal(await frame.locator('#title').textContent(), 'Fixture heading');
    const sandbox = await current().page.locator('iframe.preview-frame').getAttribute('sandbox');
    assert.equal(sandbox, 'allow-scripts');
    assert.equal(await frame.evaluate(() => origin), 'null', 'the page has an opaque origin');
  });

  test('the CSP blocks fetch, XHR, WebSocket, beacons, remote images and forms; the page cannot reach the webview', async () => {
    const h = current();
    const { frame } = await h.render(escapePage(h.origin));
    await frame.waitForFunction(() => document.body.dataset.finished === 'yes' && document.body.dataset.fetch && document.body.dataset.img && document.body.dataset.xhr);
    const results = await frame.evaluate(() => ({ ...document.body.dataset }));
    assert.equal(results.fetch, 'blocked');
    assert.equal(results.xhr, 'blocked');
    assert.equal(results.img, 'blocked');
    assert.equal(results.parentDom, 'blocked');
    assert.equal(results.parentApi, 'blocked');
    assert.equal(results.ownApi, 'absent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(h.exfil, [], 'no request reached the server');
    const forwarded = (await h.posted()).filter((message: PreviewToHostMessage) => message.type === 'snapshot' || message.type === 'compare');
    assert.deepEqual(forwarded, [], 'forged messages from the page go nowhere');
  });

  test('the light/dark switch applies the page’s own prefers-color-scheme rules, and the viewport presets size the frame', async () => {
    const h = current();
    const { frame } = await h.render(fixturePage);
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    await h.page.locator('button[data-action="colorScheme"]').click();
    await h.waitForPost((message) => message.type === 'rendered' && message.revision === 2);
    await h.page.waitForTimeout(100);
    const dark = h.pageFrame();
    assert.equal(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(0, 0, 0)');
    await h.page.locator('button[data-action="colorScheme"]').click();
    await h.page.locator('button[data-viewport="mobile"]').click();
    await h.page.waitForTimeout(200);
    assert.equal(await h.pageFrame().evaluate(() => innerWidth), 390);
    await h.page.locator('button[data-viewport="desktop"]').click();
    await h.page.waitForTimeout(200);
    assert.equal(await h.pageFrame().evaluate(() => innerWidth), 1280);
  });

  test('the raster is a PNG of the page’s full size, with the page’s pixels in it', async () => {
    const h = current();
    const { frame } = await h.render(fixturePage);
    const size = await frame.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    await h.send({ type: 'rasterize', requestId: 'r1' });
    const snapshot = await h.waitForPost((message): message is Extract<PreviewToHostMessage, { type: 'snapshot' }> => message.type === 'snapshot' && message.requestId === 'r1');
    const info = readPngInfo(snapshot.png);
    assert.ok(info, 'a PNG');
    assert.deepEqual({ width: info.width, height: info.height }, size);
    assert.deepEqual({ width: snapshot.width, height: snapshot.height }, size);
    assert.ok(size.height > 1700, `the whole page, not just the viewport (${size.height})`);
    // Count the red box's pixels: 300 x 200 of them in the page.
    const red = await h.page.evaluate(async (png) => {
      const image = new Image();
      image.src = png;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > 240 && pixels[i + 1]! < 15 && pixels[i + 2]! < 15) count++;
      return count;
    }, snapshot.png);
    assert.ok(Math.abs(red - 300 * 200) < 300 * 4, `the red box is in the raster (${red} red pixels)`);
  });

  test('the comparison shows the target and the snapshot side by side', async () => {
    const h = current();
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    await h.send({ type: 'comparison', target: png, snapshot: png });
    await h.page.locator('img[data-image="snapshot"]').waitFor();
    const boxes = await Promise.all(['target', 'snapshot'].map((name) => h.page.locator(`img[data-image="${name}"]`).boundingBox()));
    assert.ok(boxes[0] && boxes[1] && boxes[0].x < boxes[1].x && Math.abs(boxes[0].y - boxes[1].y) < 2, 'side by side');
  });

  test('top-level navigation, link targets and popups are blocked', async () => {
    const h = current();
    const { frame } = await h.render(navigationPage(h.origin));
    await frame.waitForFunction(() => document.body.dataset.tried === 'yes');
    await h.page.waitForTimeout(800);
    assert.equal(h.page.url(), `${h.origin}/`, 'the webview itself was not navigated');
    assert.equal(h.page.context().pages().length, 1, 'no popup opened');
    assert.deepEqual(h.exfil, [], 'no navigation reached the server');
  });

  test('the frame cannot navigate itself anywhere either', async () => {
    const h = current();
    await h.render(selfNavigationPage(h.origin));
    await h.page.waitForTimeout(800);
    assert.deepEqual(h.exfil, [], 'the navigation never reached the server');
    assert.equal(h.page.url(), `${h.origin}/`);
    assert.ok(!h.pageFrame().url().includes('/exfil'), `the frame is not on the other page (${h.pageFrame().url()})`);
  });

  test('a new page without scripts replaces the document in place, and the CSP still blocks what it would load', async () => {
    const h = current();
    await h.render('<h1 id="title">first</h1>');
    await h.pageFrame().evaluate(() => ((window as unknown as { kept: number }).kept = 1));
    const remote = `<h1 id="title">second</h1><img src="${h.origin}/exfil/img"><link rel="stylesheet" href="${h.origin}/exfil/css"><div style="background: url(${h.origin}/exfil/bg); width: 10px; height: 10px"></div>`;
    const { frame } = await h.render(remote);
    assert.equal(await frame.locator('#title').textContent(), 'second');
    assert.equal(await frame.evaluate(() => (window as unknown as { kept?: number }).kept), 1, 'the same document took the page: no navigation');
    await h.page.waitForTimeout(500);
    assert.deepEqual(h.exfil, [], 'the swapped-in page loaded nothing from the network');
  });

  const dynamicPages: [string, string][] = [
    ['a script', '<h1 id="title">dynamic</h1><script>document.body.dataset.ran = "yes";</script>'],
    ['a handler attribute', '<h1 id="title">dynamic</h1><img src="data:," onerror="document.body.dataset.ran = \'yes\'">'],
    ['a javascript: link', '<h1 id="title">dynamic</h1><a href=" java\tscript:void 0">x</a>'],
    ['an http-equiv rule', '<meta http-equiv="refresh" content="3600"><h1 id="title">dynamic</h1>'],
  ];
  for (const [what, html] of dynamicPages) {
    test(`a page with ${what} gets a fresh document, and so does the next page`, async () => {
      const h = current();
      await h.render('<h1 id="title">static</h1>');
      await h.pageFrame().evaluate(() => ((window as unknown as { kept: number }).kept = 1));
      const { frame } = await h.render(html);
      assert.equal(await frame.locator('#title').textContent(), 'dynamic');
      assert.equal(await frame.evaluate(() => (window as unknown as { kept?: number }).kept), undefined, 'a new document');
      await frame.evaluate(() => ((window as unknown as { kept: number }).kept = 2));
      const next = await h.render('<h1 id="title">static again</h1>');
      assert.equal(await next.frame.locator('#title').textContent(), 'static again');
      assert.equal(await next.frame.evaluate(() => (window as unknown as { kept?: number }).kept), undefined, 'nothing of the page before carries over');
    });
  }
});
