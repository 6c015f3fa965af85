// The preview webview's HTML shell. Its script and styles are inline and it loads nothing: the page's frame is a
// srcdoc iframe, which inherits this policy, so a host source here would be one the page could use too.
import { frameSandbox } from './frameDocument';

/**
 * Why 'unsafe-inline' and no nonce: a srcdoc frame inherits this policy, and a nonce would block the page's own
 * inline scripts. This document never inserts markup it did not build (text only), and it allows no source.
 */
export const previewContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  'media-src data: blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function inlineContent(code: string, element: 'script' | 'style'): string {
  return code.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}

export function renderPreviewHtml(resources: { script: string; styles: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${previewContentSecurityPolicy}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <style>${inlineContent(resources.styles, 'style')}</style>
    <title>Kimi Preview</title>
  </head>
  <body data-frame-sandbox="${frameSandbox}">
    <div id="app" class="preview-app"></div>
    <script>${inlineContent(resources.script, 'script')}</script>
  </body>
</html>`;
}
