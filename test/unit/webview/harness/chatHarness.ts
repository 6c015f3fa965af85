// Runs the real chat webview bundle in headless Chromium: builds src/webview with esbuild into a temp dir,
// serves it on 127.0.0.1 behind the production HTML shell and CSP, and stands in for VS Code's side with a
// stub `acquireVsCodeApi` that records posted messages. Animation frames are driven by the test so every
// streamed chunk can be rendered on its own, deterministically.
import { mkdtemp, readFile, rm, cp, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import * as esbuild from 'esbuild';
import { chatWebviewBundles } from '../../../../scripts/webviewBundle.mjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebviewMessage } from '../../../../src/common/protocol';
import { pendingHighlightClass } from '../../../../src/webview/markdown/highlight';
import { chatRuntime, chatScript, createNonce, renderChatHtml } from '../../../../src/vscode/chat/chatHtml';
import { CHROMIUM_ARGS } from '../../../harness/browser';
import { isThemeName, themeStylesheet, webviewTheme, type ThemeName } from './themes';

const repoRoot = normalize(join(__dirname, '../../../..'));


const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};


/** Builds the webview bundle and lays out dist/ and media/ the way the extension ships them. */
export async function buildWebviewSite(options: { minify?: boolean } = {}): Promise<string> {
  const site = await mkdtemp(join(tmpdir(), 'kimi-webview-'));
  await mkdir(join(site, 'dist'), { recursive: true });
  await Promise.all(
    chatWebviewBundles.map((bundle) =>
      esbuild.build({ ...bundle, absWorkingDir: repoRoot, outdir: join(site, 'dist'), minify: options.minify ?? false, legalComments: 'none', logLevel: 'error' }),
    ),
  );
  await cp(join(repoRoot, 'media'), join(site, 'media'), { recursive: true });
  return site;
}

function serve(site: string): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const origin = `http://${request.headers.host}`;
      let body: string | Buffer;
      let type = contentTypes[extname(url.pathname)] ?? 'application/octet-stream';
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        const requested = url.searchParams.get('theme') ?? 'dark';
        const theme: ThemeName = isThemeName(requested) ? requested : 'dark';
        body = renderChatHtml({
          cspSource: origin,
          nonce: createNonce(),
          script: await readFile(join(site, ...chatScript), 'utf8'),
          runtimeUri: `${origin}/${chatRuntime.join('/')}`,
          styleUris: [`${origin}/theme/${theme}.css`],
        });
        type = contentTypes['.html'];
      } else if (url.pathname.startsWith('/theme/')) {
        const requested = url.pathname.slice('/theme/'.length).replace(/\.css$/, '');
        body = themeStylesheet(isThemeName(requested) ? requested : 'dark');
        type = contentTypes['.css'];
      } else {
        const path = normalize(join(site, url.pathname));
        if (!path.startsWith(site)) throw new Error('outside the site');
        body = await readFile(path);
      }
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    })().catch(() => {
      response.writeHead(404);
      response.end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Installed before the page's scripts: the VS Code API stub, manual frames, and security tripwires. */
function installStubs(): void {
  const state = window as unknown as Record<string, unknown>;
  const posted: unknown[] = [];
  const violations: string[] = [];
  const frames: FrameRequestCallback[] = [];
  let savedState: unknown;
  state.__posted = posted;
  state.__violations = violations;
  state.__xssCanary = 0;
  state.acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => savedState,
    setState: (value: unknown) => {
      savedState = value;
    },
  });
  window.requestAnimationFrame = (callback) => frames.push(callback);
  state.__runFrames = () => {
    for (let round = 0; round < 50 && frames.length > 0; round++) {
      for (const callback of frames.splice(0)) callback(performance.now());
    }
  };
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

export class ChatPage {
  readonly dialogs: string[] = [];

  /** Page errors and console errors or warnings, for tests that expect none. */
  constructor(
    readonly page: Page,
    readonly errors: string[],
  ) {
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  /** Delivers host messages the way VS Code does (window `message` events), then renders, highlighting included. */
  async host(...messages: HostToWebviewMessage[]): Promise<void> {
    await this.page.evaluate((batch) => {
      for (const data of batch) window.dispatchEvent(new MessageEvent('message', { data }));
      (window as unknown as { __runFrames(): void }).__runFrames();
    }, messages);
    await this.highlighted();
  }

  /** Waits for highlight.js, which the chat loads on its first code block, to have coloured every block shown. */
  async highlighted(): Promise<void> {
    await this.page.waitForFunction((pending) => !document.querySelector(`pre.${pending}`), pendingHighlightClass, { timeout: 10_000, polling: 20 });
  }

  /** Streams answer text one chunk per frame. */
  async streamText(turnId: string, chunks: string[], channel: 'text' | 'reasoning' = 'text'): Promise<void> {
    await this.page.evaluate(
      ({ turnId, chunks, channel }) => {
        const run = (window as unknown as { __runFrames(): void }).__runFrames;
        for (const text of chunks) {
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'assistantDelta', turnId, channel, text } }));
          run();
        }
      },
      { turnId, chunks, channel },
    );
  }

  async runFrames(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { __runFrames(): void }).__runFrames());
  }

  async posted(): Promise<Array<Record<string, unknown>>> {
    return this.page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted.slice());
  }

  /** The first posted message of this type, waiting briefly for it (debounced messages arrive later). */
  async waitForPosted(type: string): Promise<Record<string, unknown>> {
    const find = async () => (await this.posted()).find((message) => message.type === type);
    for (let attempt = 0; attempt < 50; attempt++) {
      const message = await find();
      if (message) return message;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${type} was posted; posted: ${JSON.stringify(await this.posted())}; errors: ${this.errors.join(' | ')}`);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
  }

  /** The class names of icons drawn without a mask: a codicon the build did not see the chat use (scripts/webviewStyles.mjs). */
  async iconsWithoutMask(): Promise<string[]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('.codicon'))
        .filter((icon) => getComputedStyle(icon, '::before').maskImage === 'none')
        .map((icon) => icon.className),
    );
  }

  async violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice());
  }

  async canary(): Promise<number> {
    return this.page.evaluate(() => Number((window as unknown as { __xssCanary: number }).__xssCanary));
  }
}

export class ChatHarness {
  private constructor(
    readonly browser: Browser,
    private readonly server: Server,
    private readonly site: string,
  ) {}

  static async start(options: { minify?: boolean } = {}): Promise<ChatHarness> {
    const site = await buildWebviewSite(options);
    const server = await serve(site);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return new ChatHarness(browser, server, site);
  }

  /** Where the built site (dist/ and media/) lives while the harness runs. */
  get siteDir(): string {
    return this.site;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A fresh page with the chat loaded and its `ready` posted. */
  async open(theme: ThemeName = 'dark', viewport = { width: 420, height: 760 }): Promise<ChatPage> {
    const page = await this.browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    // tsx compiles with keepNames, so functions sent to the page may call esbuild's `__name` helper.
    await page.addInitScript(`globalThis.__name = (target) => target; (${installStubs.toString()})();`);
    await page.goto(`${this.origin}/index.html?theme=${theme}`);
    const { bodyClasses, bodyAttributes } = webviewTheme(theme);
    await page.evaluate(
      ({ bodyClasses, bodyAttributes }) => {
        document.body.classList.add(...bodyClasses);
        for (const [name, value] of Object.entries(bodyAttributes)) document.body.setAttribute(name, value);
      },
      { bodyClasses, bodyAttributes },
    );
    await page
      // Polled on a timer: the page's animation frames run only when a test runs them. `ready` follows the
      // chat's second chunk (the validators), so it comes a moment after the page has loaded.
      .waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((message) => message.type === 'ready'), undefined, { timeout: 5_000, polling: 20 })
      .catch((error: Error) => {
        throw new Error(`the chat did not start: ${errors.join(' | ') || error.message}`);
      });
    return new ChatPage(page, errors);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.site, { recursive: true, force: true });
  }
}

/**
 * Something started before the enclosing `describe`'s cases and closed after them (a browser, a server). Cases get
 * it through the returned function, which fails plainly if it did not start.
 */
export function startedForSuite<T extends { close(): Promise<void> }>(start: () => Promise<T>, what = 'the browser'): () => T {
  let started: T | undefined;
  before(async () => {
    started = await start();
  });
  after(async () => {
    await started?.close();
  });
  return () => {
    if (!started) throw new Error(`${what} did not start`);
    return started;
  };
}

/** One chat browser for the enclosing `describe`. */
export function chatHarnessForSuite(): () => ChatHarness {
  return startedForSuite(() => ChatHarness.start());
}

/**
 * One chat page for the enclosing `describe`, opened before its cases. The cases hold the returned object from
 * the start; it forwards to the page once `before` has opened it (and says so plainly if it has not).
 */
export function chatPageForSuite(harness: () => ChatHarness): ChatPage {
  let opened: ChatPage | undefined;
  before(async () => {
    opened = await harness().open();
  });
  return new Proxy({} as ChatPage, {
    get(_target, key) {
      if (!opened) throw new Error('the chat page is not open yet (used outside a test?)');
      const value: unknown = Reflect.get(opened, key, opened);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(opened) : value;
    },
  });
}
