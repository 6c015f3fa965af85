// The chat webview's HTML shell with its strict, nonce-based Content Security Policy.
// Pure string building (no runtime vscode import) so the browser tests load exactly this page.

export interface ChatHtmlResources {
  /** `webview.cspSource`: the origin the webview may load scripts, styles and images from. */
  cspSource: string;
  nonce: string;
  /**
   * The text of the first script (dist/webview.js), inlined under the nonce: the page then fetches nothing before
   * it is drawn (VS Code shows the frame at its load event, which waits for every script and stylesheet). A classic
   * script, not a module: it runs while the page is written, so the load event follows at once, as for static HTML.
   */
  script: string;
  /** dist/webviewRuntime.js, which the script imports at once (an inline script's relative imports would resolve against the page). */
  runtimeUri: string;
  /** Style sheets to link besides the script's own styles (the webview tests' theme). */
  styleUris?: readonly string[];
}

/**
 * The webview's files, as paths inside the extension (the only folders it may load from: dist/ and media/).
 * What the script imports (dist/webviewRuntime.js, then dist/webviewHighlight.js) loads under the same nonce, which
 * the browser hands on from a script to its imports, so scripts need no source but the nonce.
 */
export const chatScript = ['dist', 'webview.js'] as const;
export const chatRuntime = ['dist', 'webviewRuntime.js'] as const;

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
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Inline script text ends at the first `</script`, and `<!--` can change where the parser ends it: esbuild escapes
 * the first in strings; a bundle with either is refused rather than cut.
 */
function assertInlineable(script: string): string {
  if (/<\/script|<!--/i.test(script)) throw new Error('the chat script holds "</script" or "<!--" and cannot be inlined');
  return script;
}

export function renderChatHtml(resources: ChatHtmlResources): string {
  const csp = contentSecurityPolicy(resources.cspSource, resources.nonce);
  const styles = (resources.styleUris ?? [])
    .map((uri) => `    <link rel="stylesheet" href="${escapeAttribute(uri)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>Kimi</title>
  </head>
  <body>
    <div id="app" class="app" data-runtime-uri="${escapeAttribute(resources.runtimeUri)}"></div>
    <script nonce="${escapeAttribute(resources.nonce)}">${assertInlineable(resources.script)}</script>
  </body>
</html>`;
}
