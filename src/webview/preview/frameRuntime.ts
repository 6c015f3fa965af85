// Runs inside the sandboxed page (bundled to dist/previewFrame.js and inlined first in the frame's document):
// applies the chosen colour scheme, says when the page has painted, and rasterizes it with html-to-image when
// the preview asks. It shares the page's realm, so the page could tamper with it: the preview trusts nothing
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

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== parentWindow) return;
  const data = event.data as { type?: unknown; requestId?: unknown };
  if (data?.type === 'kimiPreviewRasterize' && typeof data.requestId === 'string') void rasterize(data.requestId.slice(0, 64));
});

window.addEventListener('DOMContentLoaded', applyColorScheme);
window.addEventListener('load', () => {
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    parentWindow.postMessage({ type: 'kimiPreviewLoaded', revision: settings.revision }, '*');
  };
  // An animation frame runs just before the paint; a task queued from it runs once the frame is painted. A
  // hidden webview gets no animation frames: then the page counts as shown once loaded.
  requestAnimationFrame(() => setTimeout(tell, 0));
  setTimeout(tell, 500);
});
