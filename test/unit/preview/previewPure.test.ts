// The preview's pure parts: the frame document, the PNG header check, asset inlining, code blocks, the stack.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pageFromCodeBlocks } from '../../../src/common/preview/codeBlockPage';
import { buildFrameDocument, frameContentSecurityPolicy } from '../../../src/common/preview/frameDocument';
import { inlineLocalAssets, localReference } from '../../../src/common/preview/pageAssets';
import { readPngInfo } from '../../../src/common/preview/png';
import { parseFrameToPreview, parsePreviewToHost } from '../../../src/common/preview/previewProtocol';
import { detectProjectStack } from '../../../src/common/preview/projectStack';
import { buildUiPrompt, previewFileFor } from '../../../src/common/preview/uiPrompts';

const onePixelPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('frame document', () => {
  test('our CSP comes before anything of the page, and a </script> in the runtime cannot end its element', () => {
    const page = '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body>hi</body></html>';
    const documentText = buildFrameDocument({ html: page, runtime: 'const s = "</script><b>";', revision: 3, colorScheme: 'dark' });
    assert.ok(documentText.indexOf(frameContentSecurityPolicy) < documentText.indexOf('default-src *'));
    assert.ok(documentText.startsWith('<!DOCTYPE html>'));
    assert.ok(!documentText.includes('"</script><b>"'));
    assert.match(documentText, /"revision":3,"colorScheme":"dark"/);
  });

  test('the policy allows no network source', () => {
    assert.match(frameContentSecurityPolicy, /connect-src 'none'/);
    assert.match(frameContentSecurityPolicy, /form-action 'none'/);
    assert.doesNotMatch(frameContentSecurityPolicy, /https?:|\*/);
  });
});

describe('snapshot checks', () => {
  test('reads the size of a real PNG; anything else is not one', () => {
    assert.deepEqual(readPngInfo(onePixelPng), { width: 1, height: 1, bytes: 68 });
    assert.equal(readPngInfo('data:image/png;base64,R0lGODlhAQABAAAAACw='), undefined);
    assert.equal(readPngInfo('data:image/jpeg;base64,iVBORw0KGgo='), undefined);
  });

  test('a page may only send rasters and the load signal; the host takes no oversized or non-PNG snapshot', () => {
    assert.equal(parseFrameToPreview({ type: 'kimiPreviewRaster', requestId: 'a', png: onePixelPng, width: 1, height: 1 }).ok, true);
    assert.equal(parseFrameToPreview({ type: 'snapshot', requestId: 'a', png: onePixelPng, width: 1, height: 1 }).ok, false);
    assert.equal(parseFrameToPreview({ type: 'kimiPreviewRaster', requestId: 'a', png: onePixelPng, width: 1, height: 1, extra: 1 }).ok, false);
    assert.equal(parsePreviewToHost({ type: 'snapshot', requestId: 'a', png: 'data:image/svg+xml;base64,PHN2Zz4=', width: 1, height: 1 }).ok, false);
    assert.equal(parsePreviewToHost({ type: 'snapshot', requestId: 'a', png: onePixelPng, width: 100_000, height: 1 }).ok, false);
    assert.equal(parsePreviewToHost({ type: 'snapshot', requestId: 'a', png: `${onePixelPng}${'A'.repeat(9 * 1024 * 1024)}`, width: 1, height: 1 }).ok, false);
  });
});

describe('local assets', () => {
  test('stylesheets, scripts and images become inline; remote and absolute references stay as written', async () => {
    const loads: string[] = [];
    const page = await inlineLocalAssets(
      '<link rel="stylesheet" href="css/site.css"><link rel="stylesheet" href="https://cdn.example/x.css"><script src="app.js"></script><img src="logo.png" alt="x"><img src="/etc/passwd">',
      async (reference, as) => {
        loads.push(reference);
        if (reference === 'logo.png' && as === 'dataUrl') return { kind: 'dataUrl', dataUrl: onePixelPng };
        if (reference === 'css/site.css') return { kind: 'text', text: 'body { color: red }</style>' };
        if (reference === 'app.js') return { kind: 'text', text: 'let a = "</script>";' };
        return undefined;
      },
    );
    assert.deepEqual(loads.sort(), ['app.js', 'css/site.css', 'logo.png']);
    assert.match(page, /<style data-kimi-source="css\/site.css">body \{ color: red \}<\\\/style><\/style>/);
    assert.match(page, /href="https:\/\/cdn.example\/x.css"/);
    assert.match(page, /<script data-kimi-source="app.js">let a = "<\\\/script>";<\/script>/);
    assert.ok(page.includes(`src="${onePixelPng}"`));
    assert.ok(page.includes('src="/etc/passwd"'));
  });

  test('only plain relative paths are local references', () => {
    assert.equal(localReference('img/a%20b.png?v=2'), 'img/a b.png');
    for (const value of ['http://x/a.png', '//host/a.png', '/abs.png', 'data:image/png;base64,AA', 'javascript:alert(1)', '#top', '']) {
      assert.equal(localReference(value), undefined, value);
    }
  });
});

describe('code blocks of an answer', () => {
  test('the last HTML block with the CSS blocks and only closed script blocks', () => {
    const answer = 'Here:\n```html\n<p>old</p>\n```\n```css\np { color: red }\n```\n```html\n<p id="x">new</p>\n```\n```js\nconsole.log(1)\n```\n```js\nhalf(';
    const page = pageFromCodeBlocks(answer);
    assert.ok(page);
    assert.ok(page.includes('<p id="x">new</p>') && !page.includes('old'));
    assert.ok(page.includes('<style>p { color: red }</style>'));
    assert.ok(page.includes('<script>console.log(1)</script>') && !page.includes('half('));
  });

  test('a streaming HTML block shows what has arrived; no HTML, no page', () => {
    assert.equal(pageFromCodeBlocks('```html\n<h1>Hel'), '<h1>Hel');
    assert.equal(pageFromCodeBlocks('```ts\nlet a = 1;\n```'), undefined);
  });
});

describe('project stack', () => {
  test('the framework and styling from package.json, plain HTML without one', () => {
    assert.deepEqual(detectProjectStack(JSON.stringify({ dependencies: { react: '19', next: '15' }, devDependencies: { tailwindcss: '4', typescript: '5' } })), { framework: 'react', styling: 'tailwind', typescript: true });
    assert.deepEqual(detectProjectStack(JSON.stringify({ dependencies: { vue: '3', sass: '1' } })), { framework: 'vue', styling: 'sass', typescript: false });
    assert.deepEqual(detectProjectStack(JSON.stringify({ devDependencies: { '@sveltejs/kit': '2' } })), { framework: 'svelte', styling: 'css', typescript: false });
    assert.deepEqual(detectProjectStack(undefined), { framework: 'html', styling: 'css', typescript: false });
    assert.deepEqual(detectProjectStack('{ not json'), { framework: 'html', styling: 'css', typescript: false });
  });

  test('the prompt names the stack and the file the preview shows', () => {
    const react = detectProjectStack(JSON.stringify({ dependencies: { react: '19' } }));
    assert.equal(previewFileFor(react, true), 'ui-from-image.preview.html');
    assert.match(buildUiPrompt(react, 'ui-from-image.preview.html'), /React components[\s\S]*ui-from-image\.preview\.html[\s\S]*no network/);
    assert.equal(previewFileFor(detectProjectStack(undefined), false), 'index.html');
  });
});
