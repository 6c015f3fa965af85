import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalMarkdown, type MarkdownEngine } from '../../../src/webview/markdown/incrementalMarkdown';
import { loadHighlighter } from '../../../src/webview/markdown/highlight';
import { createMarkdownEngine, createMarkdownIt } from '../../../src/webview/markdown/markdownEngine';
import { markdownDocuments } from './markdownDocuments';

const md = createMarkdownIt();
const plainMd = createMarkdownIt().set({ highlight: null });
const realEngine = createMarkdownEngine();
/** The real engine with highlighting always off, so every intermediate step has a simple expected value. */
const plainEngine: MarkdownEngine = { parse: realEngine.parse, renderTokens: (tokens, env) => realEngine.renderTokens(tokens, env, false) };

// highlight.js is a chunk the chat loads on its first code block; these cases compare highlighted output.
before(() => loadHighlighter());

function unescapeHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Applies updates the way the DOM layer does: frozen HTML accumulates, the tail is replaced. */
function stream(engine: MarkdownEngine, chunks: string[], afterEachChunk: (html: string, sourceSoFar: string) => void = () => undefined): string {
  const incremental = new IncrementalMarkdown(engine);
  let frozen = '';
  let tail = '';
  let sourceSoFar = '';
  const apply = (final: boolean) => {
    const update = incremental.update(final);
    if (!update) return;
    if (update.reset) frozen = '';
    frozen += update.frozenHtml;
    tail = update.tailHtml;
    if (update.openCode !== undefined) {
      // The view appends to the code it shows, so `openCode` must be exactly the tail's code.
      const code = /^<pre><code[^>]*>([\s\S]*)<\/code><\/pre>\n$/.exec(tail)?.[1];
      assert.equal(code === undefined ? undefined : unescapeHtml(code), update.openCode, `open code after ${JSON.stringify(chunks.join('').slice(-30))}`);
    }
  };
  for (const chunk of chunks) {
    incremental.append(chunk);
    sourceSoFar += chunk;
    apply(false);
    afterEachChunk(frozen + tail, sourceSoFar);
  }
  apply(true);
  return frozen + tail;
}

function chunk(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}

describe('incremental markdown', () => {
  for (const [name, document] of Object.entries(markdownDocuments)) {
    test(`${name}: every chunking renders like the whole text, at every step`, () => {
      for (const size of [1, 2, 3, 5, 8, 13, 64, document.length]) {
        stream(plainEngine, chunk(document, size), (html, sourceSoFar) => {
          assert.equal(html, plainMd.render(sourceSoFar), `chunk size ${size} after ${JSON.stringify(sourceSoFar.slice(-20))}`);
        });
        assert.equal(stream(realEngine, chunk(document, size)), md.render(document), `chunk size ${size}, final render`);
      }
    });
  }

  test('freezes finished blocks instead of re-rendering them', () => {
    const incremental = new IncrementalMarkdown(realEngine);
    incremental.append('# Heading\n\nfirst paragraph\n\n');
    const first = incremental.update(false);
    assert.equal(first?.frozenHtml, '<h1>Heading</h1>\n');
    assert.equal(first?.tailHtml, '<p>first paragraph</p>\n');
    incremental.append('second paragraph\n');
    const second = incremental.update(false);
    assert.equal(second?.frozenHtml, '<p>first paragraph</p>\n');
    assert.equal(second?.tailHtml, '<p>second paragraph</p>\n');
  });

  test('an open code block is highlighted once it is frozen or the stream ends, not on every chunk', () => {
    const incremental = new IncrementalMarkdown(realEngine);
    incremental.append('```ts\nconst answer = 42;\n');
    assert.doesNotMatch(incremental.update(false)?.tailHtml ?? '', /hljs-/);
    const final = incremental.update(true);
    assert.match(final?.tailHtml ?? '', /<span class="hljs-keyword">const<\/span>/);
    incremental.append('```\n\nAfter.\n');
    assert.match(incremental.update(false)?.frozenHtml ?? '', /hljs-keyword/);
  });

  test('a chunk that does not change the output yields no update', () => {
    const incremental = new IncrementalMarkdown(realEngine);
    incremental.append('para');
    assert.ok(incremental.update(false));
    assert.equal(incremental.update(false), undefined);
    incremental.append('   ');
    assert.equal(incremental.update(false), undefined);
  });

  test('setText with a different text restarts from scratch', () => {
    const incremental = new IncrementalMarkdown(realEngine);
    incremental.append('# A\n\nbody\n\nmore\n');
    incremental.update(false);
    incremental.setText('# B\n');
    const update = incremental.update(true);
    assert.equal(update?.reset, true);
    assert.equal(`${update?.frozenHtml}${update?.tailHtml}`, md.render('# B\n'));
  });

  test('a reference definition arriving late re-renders earlier links', () => {
    const early = 'Use [x][ref].\n\nMore text.\n\n';
    const html = stream(realEngine, [early, '[ref]: https://example.com\n', '\nEnd.\n']);
    assert.equal(html, md.render(`${early}[ref]: https://example.com\n\nEnd.\n`));
    assert.match(html, /<a href="https:\/\/example.com">x<\/a>/);
  });
});
