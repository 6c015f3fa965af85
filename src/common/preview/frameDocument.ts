// The document the sandboxed frame renders: the page's HTML behind our own CSP, colour scheme and rasterizer.
// The frame is an `<iframe sandbox="allow-scripts" srcdoc>`: an opaque origin, so its scripts cannot reach the
// preview webview (nor acquireVsCodeApi), and no host source is allowed, so it reaches no network either.
import type { ColorScheme } from './previewProtocol';

/**
 * No network: no fetch, XHR, WebSocket or beacon (connect-src), no form posts (form-action), no frames, objects
 * or workers, and no base URL. Assets are inline or data: URLs (the host inlines the workspace's own files).
 * Top-level navigation is blocked by the sandbox (no allow-top-navigation), and the frame's own navigation by the
 * preview's `frame-src 'none'` (a srcdoc frame inherits that policy too).
 */
export const frameContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  'media-src data: blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
].join('; ');

/** The sandbox tokens: scripts, and nothing else (no same-origin, forms, popups, top navigation, modals). */
export const frameSandbox = 'allow-scripts';

export interface FrameDocumentParts {
  /** The page as written: a whole document or a fragment. */
  html: string;
  /** The rasterizer's script (dist/previewFrame.js), run before the page's own scripts. */
  runtime: string;
  revision: number;
  colorScheme: ColorScheme;
}

/** `</script` inside inline code would end the element early; `<\/script` means the same to JavaScript. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * Our head comes first and the page follows: the HTML parser keeps our doctype (standards mode) and puts the
 * page's `<html>`/`<head>` contents into the same head, so whatever the page's shape, our CSP is its first rule.
 */
export function buildFrameDocument(parts: FrameDocumentParts): string {
  const settings = JSON.stringify({ revision: parts.revision, colorScheme: parts.colorScheme });
  return [
    '<!DOCTYPE html>',
    `<meta http-equiv="Content-Security-Policy" content="${frameContentSecurityPolicy}">`,
    `<meta name="color-scheme" content="${parts.colorScheme}">`,
    `<script>window.__kimiPreview=${inlineScript(settings)};${inlineScript(parts.runtime)}</script>`,
    parts.html,
  ].join('\n');
}
