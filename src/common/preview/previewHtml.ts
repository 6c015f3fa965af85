// The preview webview's HTML shell. Its script and styles are inline and it loads nothing: the page's frame is a
// srcdoc iframe, which inherits this policy, so a host source here would be one the page could use too.
import { frameContentSecurityPolicy, frameSandbox } from './frameDocument';

/**
 * The page's own policy: the srcdoc frame inherits this document's anyway, so one policy serves both. Hence
 * 'unsafe-inline' and no nonce (a nonce would block the page's own inline scripts); this document never inserts
 * markup it did not build (text only), and the policy allows no source.
 */
export const previewContentSecurityPolicy = frameContentSecurityPolicy;

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
