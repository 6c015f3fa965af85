// What the host parses when the extension activates: the openai SDK and zod's locales stay out of the
// extension bundle (the SDK is a file beside it, loaded on the first request; the locales are never used).
// What the chat view parses when it opens: a first script without zod, markdown-it, DOMPurify or highlight.js.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

// Built into a folder of its own: other tests read dist/ at the same time.
const dist = mkdtempSync(join(tmpdir(), 'kimi-bundles-'));

describe('extension bundles', () => {
  let extension: string;
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${dist}`], { stdio: 'ignore' });
    extension = readFileSync(join(dist, 'extension.js'), 'utf8');
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  test('the openai SDK is not in the extension bundle, which requires it from beside itself on demand', () => {
    // Every request the SDK sends carries its X-Stainless-* headers: the string is in its code, not in ours.
    assert.equal(/x-stainless-/i.test(extension), false, 'the SDK was bundled into dist/extension.js');
    assert.match(extension, /require\("\.\/openai\.js"\)/);
    const sdk = createRequire(join(dist, 'extension.js'))('./openai.js') as Record<string, unknown>;
    assert.equal(typeof sdk.default, 'function', 'dist/openai.js exports the client class as default');
    assert.equal(typeof sdk.APIError, 'function', 'and the error classes the client classifies');
  });

  test("zod's error-message locales are left out (only English is used)", () => {
    assert.equal(extension.includes('Ongeldige invoer'), false, "zod's Dutch locale is in the bundle");
  });

  test("the chat webview's first script imports nothing statically and leaves zod, markdown and highlight.js to the files it loads", () => {
    const [entry, runtime, highlight] = ['webview.js', 'webviewRuntime.js', 'webviewHighlight.js'].map((file) => readFileSync(join(dist, file), 'utf8'));
    // The host inlines it as a classic script (chatHtml.ts): no import or export statement, nothing that would end
    // the element early, and the runtime imported from the URL the page names.
    assert.doesNotMatch(entry!, /\bfrom\s*["']|^export\b|import\.meta/m, 'dist/webview.js is not a classic script');
    assert.doesNotMatch(entry!, /<\/script|<!--/i);
    assert.match(entry!, /\bimport\([a-zA-Z_$][\w$]*\)/, 'dist/webview.js does not import the runtime by the URL the page names');
    assert.match(entry!, /dataset\.runtimeUri/);
    assert.match(runtime!, /import\(["']\.\/webviewHighlight\.js["']\)/);
    // Strings of each library's own code: zod's error class, DOMPurify's hook names, markdown-it's link check, highlight.js's API.
    const markers = { zod: 'ZodError', dompurify: 'uponSanitizeElement', 'markdown-it': 'validateLink', 'highlight.js': 'highlightAuto' };
    for (const [library, marker] of Object.entries(markers)) assert.equal(entry!.includes(marker), false, `${library} is in dist/webview.js`);
    for (const library of ['zod', 'dompurify', 'markdown-it'] as const) assert.ok(runtime!.includes(markers[library]), `${library} is not in dist/webviewRuntime.js`);
    assert.equal(runtime!.includes(markers['highlight.js']), false, 'highlight.js is in dist/webviewRuntime.js');
    assert.ok(highlight!.includes(markers['highlight.js']), 'highlight.js is not in dist/webviewHighlight.js');
  });
});
