// The chat webview's HTML shell with its strict, nonce-based Content Security Policy.
// Pure string building (no runtime vscode import) so the browser tests load exactly this page.

export interface ChatHtmlResources {
  /** `webview.cspSource`: the origin the webview may load scripts, styles, fonts and images from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
  /** Fonts the styles use, fetched with them instead of after them (the frame shows once they have loaded). */
  fontUris?: readonly string[];
}

/**
 * The webview's files, as paths inside the extension (the only folders it may load from: dist/ and media/).
 * The script is an ES module: what it imports (dist/webviewRuntime.js, then dist/webviewHighlight.js) loads under
 * the same nonce, which the browser hands on from a module to its imports, so scripts need no source but the nonce.
 */
export const chatScript = ['dist', 'webview.js'] as const;
export const chatStyleSheets = [['dist', 'webview.css']] as const;
/** As dist/webview.css names it (scripts/webviewBundle.mjs drops the package's `?hash` so the URLs match). */
export const chatFonts = [['dist', 'codicon.ttf']] as const;

const nonceAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 characters from a cryptographic source: a guessable nonce would make the CSP worthless. */
export function createNonce(randomValues: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = randomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => nonceAlphabet[byte % nonceAlphabet.length]).join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function renderChatHtml(resources: ChatHtmlResources): string {
  const csp = contentSecurityPolicy(resources.cspSource, resources.nonce);
  const styles = resources.styleUris
    .map((uri) => `    <link rel="stylesheet" href="${escapeAttribute(uri)}">`)
    .join('\n');
  const fonts = (resources.fontUris ?? [])
    .map((uri) => `    <link rel="preload" href="${escapeAttribute(uri)}" as="font" type="font/ttf" crossorigin>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
${fonts}
    <title>Kimi</title>
  </head>
  <body>
    <div id="app" class="app"></div>
    <script type="module" nonce="${escapeAttribute(resources.nonce)}" src="${escapeAttribute(resources.scriptUri)}"></script>
  </body>
</html>`;
}
