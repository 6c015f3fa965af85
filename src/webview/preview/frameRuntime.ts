// Runs inside the sandboxed page (bundled to dist/previewFrame.js and inlined first in the frame's document):
// applies the chosen colour scheme, says when the page has painted, puts a new version of a page without scripts
// in place of the document, and rasterizes it with html-to-image when the preview asks. It shares the page's realm, so the page could tamper with it: the preview trusts nothing
// it sends beyond a validated, size-limited PNG.
import { toPng } from 'html-to-image';

interface FrameSettings {
  revision: number;
  colorScheme: 'light' | 'dark';
}

const settings = (window as unknown as { __kimiPreview: FrameSettings }).__kimiPreview;
const parentWindow = window.parent;
const maxSide = 8192;
const transparentPixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** `prefers-color-scheme` cannot be emulated in a frame: the page's media rules are switched to the chosen scheme. */
function applyColorScheme(): void {
  document.documentElement.classList.toggle('dark', settings.colorScheme === 'dark');
  document.documentElement.dataset.colorScheme = settings.colorScheme;
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSMediaRule)) continue;
      const text = rule.media.mediaText;
      const match = /prefers-color-scheme\s*:\s*(light|dark)/i.exec(text);
      if (match) rule.media.mediaText = match[1]?.toLowerCase() === settings.colorScheme ? 'all' : 'not all';
    }
  }
}

function pageSize(): { width: number; height: number } {
  const root = document.documentElement;
  const width = Math.max(root.scrollWidth, document.body?.scrollWidth ?? 0, 1);
  const height = Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0, 1);
  return { width: Math.min(width, maxSide), height: Math.min(height, maxSide) };
}

/** The page's own background, or the scheme's canvas colour when it has none (a transparent PNG looks empty). */
function pageBackground(): string {
  for (const element of [document.body, document.documentElement]) {
    const color = element ? getComputedStyle(element).backgroundColor : '';
    if (color && color !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return settings.colorScheme === 'dark' ? '#121212' : '#ffffff';
}

async function rasterize(requestId: string): Promise<void> {
  try {
    const { width, height } = pageSize();
    // Fonts and images come inline already; html-to-image's fetches would only be refused by the CSP.
    const png = await toPng(document.documentElement, {
      width,
      height,
      canvasWidth: width,
      canvasHeight: height,
      pixelRatio: 1,
      skipFonts: true,
      imagePlaceholder: transparentPixel,
      backgroundColor: pageBackground(),
    });
    parentWindow.postMessage({ type: 'kimiPreviewRaster', requestId, png, width, height }, '*');
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the page could not be rasterized';
    parentWindow.postMessage({ type: 'kimiPreviewRasterFailed', requestId, reason: reason.slice(0, 300) }, '*');
  }
}

/**
 * Tells the preview a revision has painted: an animation frame runs just before the paint, and a task queued from
 * it once the frame is painted. A hidden webview gets no animation frames: then the page counts as shown anyway.
 */
function tellPainted(revision: number): void {
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    parentWindow.postMessage({ type: 'kimiPreviewLoaded', revision, paintedAt: performance.timeOrigin + performance.now() }, '*');
  };
  requestAnimationFrame(() => setTimeout(tell, 0));
  setTimeout(tell, 500);
}

/** The page's images, decoded or failed (what the document's load event waits for). */
function imagesSettled(): Promise<unknown> {
  const pending = Array.from(document.images).filter((image) => !image.complete);
  return Promise.all(pending.map((image) => new Promise((resolve) => (image.addEventListener('load', resolve, { once: true }), image.addEventListener('error', resolve, { once: true })))));
}

/**
 * A new version of a page without scripts, put in place of this document's: no navigation, so no new document,
 * realm or runtime to set up. The CSP stays: a policy from a meta element holds for the document's life.
 */
function showInPlace(html: string, revision: number, colorScheme: FrameSettings['colorScheme']): void {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const scheme = next.createElement('meta');
  scheme.name = 'color-scheme';
  scheme.content = colorScheme;
  next.head.prepend(scheme);
  document.replaceChild(document.adoptNode(next.documentElement), document.documentElement);
  settings.revision = revision;
  settings.colorScheme = colorScheme;
  applyColorScheme();
  void imagesSettled().then(() => tellPainted(revision));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== parentWindow) return;
  const data = event.data as { type?: unknown; requestId?: unknown; html?: unknown; revision?: unknown; colorScheme?: unknown };
  if (data?.type === 'kimiPreviewRasterize' && typeof data.requestId === 'string') void rasterize(data.requestId.slice(0, 64));
  if (data?.type === 'kimiPreviewShow' && typeof data.html === 'string' && typeof data.revision === 'number' && (data.colorScheme === 'light' || data.colorScheme === 'dark')) {
    showInPlace(data.html, data.revision, data.colorScheme);
  }
});

window.addEventListener('DOMContentLoaded', applyColorScheme);
window.addEventListener('load', () => tellPainted(settings.revision));
