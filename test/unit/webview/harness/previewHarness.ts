// The real preview webview bundle (and the frame runtime) in headless Chromium, behind the production HTML shell
// and CSP, with a stub `acquireVsCodeApi` that records posts. The same local server counts every request a page
// makes to /exfil, so a test sees whether anything reached the network.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { dropZodLocales } from '../../../../scripts/esbuildPlugins.mjs';
import { renderPreviewHtml } from '../../../../src/common/preview/previewHtml';
import type { HostToPreviewMessage, PreviewToHostMessage } from '../../../../src/common/preview/previewProtocol';
import { CHROMIUM_ARGS } from '../../../harness/browser';

const repoRoot = normalize(join(__dirname, '../../../..'));

/** Builds dist/preview.js, preview.css and previewFrame.js as esbuild.mjs does, into a temporary folder. */
export async function buildPreviewBundles(): Promise<{ script: string; styles: string; runtime: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kimi-preview-'));
  await esbuild.build({
    entryPoints: { preview: join(repoRoot, 'src/webview/preview/main.ts'), previewFrame: join(repoRoot, 'src/webview/preview/frameRuntime.ts') },
    outdir: dir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'error',
    plugins: [dropZodLocales],
  });
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  return { script: await read('preview.js'), styles: await read('preview.css'), runtime: await read('previewFrame.js'), dir };
}

export class PreviewHarness {
  private revision = 0;

  private constructor(
    /** Paths of every request that reached /exfil (a page's escape attempts). */
    readonly exfil: string[],
    private readonly browser: Browser,
    private readonly server: Server,
    readonly page: Page,
    readonly origin: string,
    private readonly runtime: string,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PreviewHarness> {
    const bundles = await buildPreviewBundles();
    const html = renderPreviewHtml({ script: bundles.script, styles: bundles.styles });
    const exfil: string[] = [];
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url.startsWith('/exfil')) {
        exfil.push(url);
        response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
        response.end('<h1>escaped</h1>');
        return;
      }
      response.writeHead(url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(url === '/' ? html : '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // A string, not a function: the test's compiled functions may call helpers that do not exist in the page.
    // Only the webview's own document gets the stub, as in VS Code (an init script would otherwise run in the page's frame too).
    await page.addInitScript(`if (window === window.top) {
      const posted = [];
      window.__posted = posted;
      window.acquireVsCodeApi = () => ({ postMessage: (message) => posted.push(message), getState: () => undefined, setState: () => undefined });
    }`);
    const harness = new PreviewHarness(exfil, browser, server, page, origin, bundles.runtime, bundles.dir);
    await page.goto(origin);
    await harness.waitForPost((message) => message.type === 'ready');
    await harness.send({ type: 'runtime', source: bundles.runtime });
    return harness;
  }

  get runtimeSource(): string {
    return this.runtime;
  }

  /** A message as the host would post it (it arrives from outside the page's frame). */
  send(message: HostToPreviewMessage): Promise<void> {
    return this.page.evaluate((data) => window.postMessage(data, '*'), message);
  }

  posted(): Promise<PreviewToHostMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: PreviewToHostMessage[] }).__posted.slice());
  }

  async waitForPost<T extends PreviewToHostMessage>(match: (message: PreviewToHostMessage) => message is T): Promise<T>;
  async waitForPost(match: (message: PreviewToHostMessage) => boolean): Promise<PreviewToHostMessage>;
  async waitForPost(match: (message: PreviewToHostMessage) => boolean): Promise<PreviewToHostMessage> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = (await this.posted()).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the preview webview did not post the expected message');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Renders a page and resolves with its frame once it has painted. */
  async render(html: string): Promise<{ revision: number; frame: Frame }> {
    const revision = ++this.revision;
    await this.send({ type: 'render', revision, html, title: `fixture ${revision}` });
    await this.waitForPost((message) => message.type === 'rendered' && message.revision === revision);
    return { revision, frame: this.pageFrame() };
  }

  pageFrame(): Frame {
    const frame = this.page.frames().find((candidate) => candidate !== this.page.mainFrame());
    if (!frame) throw new Error('the preview shows no frame');
    return frame;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
