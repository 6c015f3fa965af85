// The preview webview: a toolbar (viewport, colour scheme, Compare with target), the page in its sandboxed frame,
// and the target beside the page's snapshot. It relays only validated messages: from the host to the frame a
// rasterize request, from the frame to the host a PNG of bounded size (anything else the page posts is dropped).
import { buildFrameDocument, frameSandbox } from '../../common/preview/frameDocument';
import {
  parseFrameToPreview,
  parseHostToPreview,
  parsePreviewToHost,
  viewportPresetNames,
  viewportPresets,
  type ColorScheme,
  type HostToPreviewMessage,
  type PreviewToFrameMessage,
  type PreviewToHostMessage,
  type ViewportPreset,
} from '../../common/preview/previewProtocol';
import { isStaticPage } from './staticPage';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

const rasterTimeoutMs = 20_000;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

export class PreviewApp {
  private runtime: string | undefined;
  private page: { revision: number; html: string; title: string } | undefined;
  private viewport: ViewportPreset = 'desktop';
  private colorScheme: ColorScheme = 'light';
  /**
   * The frame's document was loaded for a page without scripts, and its runtime said so: the next page without
   * scripts can replace it in place. Any load of the frame (ours, or a link the user followed) resets it.
   */
  private frameTakesPages = false;
  /** The revision whose frame document was last loaded, and whether that page was static. */
  private loaded: { revision: number; static: boolean } | undefined;
  private readonly rasterRequests = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly frame = element('iframe', 'preview-frame');
  private readonly stage = element('div', 'preview-stage');
  private readonly title = element('span', 'preview-title', 'Nothing to preview yet');
  private readonly status = element('div', 'preview-status');
  private readonly comparison = element('div', 'preview-comparison');
  private readonly viewportButtons = new Map<ViewportPreset, HTMLButtonElement>();
  private readonly schemeButton = element('button', 'preview-button', 'Dark');

  constructor(
    private readonly root: HTMLElement,
    private readonly host: VsCodeApi,
  ) {}

  start(): void {
    this.frame.setAttribute('sandbox', frameSandbox);
    this.frame.setAttribute('title', 'Page preview');
    this.frame.setAttribute('referrerpolicy', 'no-referrer');
    const toolbar = element('div', 'preview-toolbar');
    for (const preset of viewportPresetNames) {
      const button = element('button', 'preview-button', preset[0]!.toUpperCase() + preset.slice(1));
      button.dataset.viewport = preset;
      button.addEventListener('click', () => this.setViewport(preset));
      this.viewportButtons.set(preset, button);
      toolbar.append(button);
    }
    this.schemeButton.dataset.action = 'colorScheme';
    this.schemeButton.addEventListener('click', () => this.setColorScheme(this.colorScheme === 'light' ? 'dark' : 'light'));
    const compare = element('button', 'preview-button primary', 'Compare with target');
    compare.dataset.action = 'compare';
    compare.addEventListener('click', () => this.post({ type: 'compare' }));
    toolbar.append(this.schemeButton, compare, this.title);
    this.frame.addEventListener('load', () => (this.frameTakesPages = false));
    this.stage.append(this.frame);
    this.comparison.hidden = true;
    this.root.append(toolbar, this.status, this.stage, this.comparison);
    window.addEventListener('message', (event) => this.receive(event));
    window.addEventListener('resize', () => this.layout());
    this.setViewport('desktop');
    this.post({ type: 'ready' });
  }

  private post(message: PreviewToHostMessage): void {
    const parsed = parsePreviewToHost(message);
    if (parsed.ok) this.host.postMessage(parsed.message);
    else console.warn(`Kimi Preview: not sending an invalid message (${parsed.error})`);
  }

  private receive(event: MessageEvent<unknown>): void {
    if (event.source === this.frame.contentWindow && event.source !== null) {
      this.fromFrame(event.data);
      return;
    }
    // The host's messages come from the webview's parent, never from the page's frame (checked above).
    const parsed = parseHostToPreview(event.data);
    if (parsed.ok) this.fromHost(parsed.message);
  }

  private fromHost(message: HostToPreviewMessage): void {
    switch (message.type) {
      case 'runtime':
        this.runtime = message.source;
        this.renderPage();
        return;
      case 'render':
        this.page = { revision: message.revision, html: message.html, title: message.title };
        this.renderPage();
        return;
      case 'rasterize':
        this.rasterize(message.requestId);
        return;
      case 'comparison':
        this.showComparison(message.target, message.snapshot);
        return;
      case 'status':
        this.status.textContent = message.text;
        return;
    }
  }

  /** The page's messages are hostile input: only a raster it was asked for, or the load signal, goes further. */
  private fromFrame(raw: unknown): void {
    const parsed = parseFrameToPreview(raw);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === 'kimiPreviewLoaded') {
      // A page with scripts can forge this message: only a static page's load lets pages in (it cannot send any).
      if (this.loaded?.static && this.loaded.revision === message.revision) this.frameTakesPages = true;
      if (message.revision === this.page?.revision) this.post({ type: 'rendered', revision: message.revision, paintedAt: message.paintedAt });
      return;
    }
    const timer = this.rasterRequests.get(message.requestId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.rasterRequests.delete(message.requestId);
    if (message.type === 'kimiPreviewRaster') {
      this.post({ type: 'snapshot', requestId: message.requestId, png: message.png, width: message.width, height: message.height });
    } else {
      this.post({ type: 'snapshotFailed', requestId: message.requestId, reason: message.reason });
    }
  }

  private renderPage(): void {
    if (!this.page || this.runtime === undefined) return;
    this.title.textContent = this.page.title;
    const { html, revision } = this.page;
    const isStatic = isStaticPage(html);
    const target = this.frame.contentWindow;
    if (isStatic && this.frameTakesPages && target) {
      this.postToFrame(target, { type: 'kimiPreviewShow', revision, html, colorScheme: this.colorScheme });
      return;
    }
    this.frameTakesPages = false;
    this.loaded = { revision, static: isStatic };
    this.frame.srcdoc = buildFrameDocument({ html, runtime: this.runtime, revision, colorScheme: this.colorScheme });
  }

  private postToFrame(target: Window, message: PreviewToFrameMessage): void {
    // The frame has an opaque origin: no origin to name, and it gets only what the page may see anyway.
    target.postMessage(message, '*');
  }

  private rasterize(requestId: string): void {
    const target = this.frame.contentWindow;
    if (!target || !this.page) {
      this.post({ type: 'snapshotFailed', requestId, reason: 'Nothing is shown in the preview yet.' });
      return;
    }
    this.rasterRequests.set(
      requestId,
      setTimeout(() => {
        this.rasterRequests.delete(requestId);
        this.post({ type: 'snapshotFailed', requestId, reason: 'The page did not answer the rasterize request in time.' });
      }, rasterTimeoutMs),
    );
    this.postToFrame(target, { type: 'kimiPreviewRasterize', requestId });
  }

  private showComparison(target: string, snapshot: string): void {
    const figure = (label: string, source: string, name: string) => {
      const wrapper = element('figure', 'preview-figure');
      const image = element('img', 'preview-image');
      image.src = source;
      image.alt = label;
      image.dataset.image = name;
      wrapper.append(element('figcaption', '', label), image);
      return wrapper;
    };
    this.comparison.replaceChildren(figure('Target', target, 'target'), figure('This page', snapshot, 'snapshot'));
    this.comparison.hidden = false;
  }

  private setViewport(preset: ViewportPreset): void {
    this.viewport = preset;
    for (const [name, button] of this.viewportButtons) button.setAttribute('aria-pressed', String(name === preset));
    this.layout();
  }

  private setColorScheme(scheme: ColorScheme): void {
    this.colorScheme = scheme;
    this.schemeButton.textContent = scheme === 'light' ? 'Dark' : 'Light';
    this.schemeButton.setAttribute('aria-pressed', String(scheme === 'dark'));
    this.renderPage();
  }

  /** The frame keeps the preset's CSS size (media queries see it) and is scaled down to fit the panel. */
  private layout(): void {
    const { width, height } = viewportPresets[this.viewport];
    const available = Math.max(1, this.stage.clientWidth - 16);
    const scale = Math.min(1, available / width);
    this.frame.style.width = `${width}px`;
    this.frame.style.height = `${height}px`;
    this.frame.style.transform = `scale(${scale})`;
    this.stage.style.height = `${Math.ceil(height * scale) + 16}px`;
    this.root.dataset.viewport = this.viewport;
  }
}
