import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalMarkdown } from '../../../src/webview/markdown/incrementalMarkdown';
import { createMarkdownEngine, createMarkdownIt } from '../../../src/webview/markdown/markdownEngine';
import { markdownDocuments } from './markdownDocuments';

/** Applies updates the way the DOM layer does: frozen HTML accumulates, the tail is replaced. */
function streamToHtml(chunks: string[], checkEachStep: (html: string, sourceSoFar: string) => void): string {
  const incremental = new IncrementalMarkdown(createMarkdownEngine());
  let frozen = '';
  let tail = '';
  let sourceSoFar = '';
  for (const chunk of chunks) {
    incremental.append(chunk);
    sourceSoFar += chunk;
    const update = incremental.update();
    if (update) {
      if (update.reset) frozen = '';
      frozen += update.frozenHtml;
      tail = update.tailHtml;
    }
    checkEachStep(frozen + tail, sourceSoFar);
  }
  return frozen + tail;
}

function chunk(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}

const md = createMarkdownIt();

describe('incremental markdown', () => {
  for (const [name, document] of Object.entries(markdownDocuments)) {
    test(`${name}: every chunking renders like the whole text, at every step`, () => {
      const whole = md.render(document);
      for (const size of [1, 2, 3, 5, 8, 13, 64, document.length]) {
        const html = streamToHtml(chunk(document, size), (stepHtml, sourceSoFar) => {
          assert.equal(stepHtml, md.render(sourceSoFar), `chunk size ${size} after ${JSON.stringify(sourceSoFar.slice(-20))}`);
        });
        assert.equal(html, whole, `chunk size ${size}`);
      }
    });
  }

  test('freezes finished blocks instead of re-rendering them', () => {
    const incremental = new IncrementalMarkdown(createMarkdownEngine());
    incremental.append('# Heading\n\nfirst paragraph\n\n');
    const first = incremental.update();
    assert.equal(first?.frozenHtml, '<h1>Heading</h1>\n');
    assert.equal(first?.tailHtml, '<p>first paragraph</p>\n');
    incremental.append('second paragraph\n');
    const second = incremental.update();
    assert.equal(second?.frozenHtml, '<p>first paragraph</p>\n');
    assert.equal(second?.tailHtml, '<p>second paragraph</p>\n');
  });

  test('a chunk that does not change the output yields no update', () => {
    const incremental = new IncrementalMarkdown(createMarkdownEngine());
    incremental.append('para');
    assert.ok(incremental.update());
    assert.equal(incremental.update(), undefined);
    incremental.append('   ');
    assert.equal(incremental.update(), undefined);
  });

  test('setText with a different text restarts from scratch', () => {
    const incremental = new IncrementalMarkdown(createMarkdownEngine());
    incremental.append('# A\n\nbody\n\nmore\n');
    incremental.update();
    incremental.setText('# B\n');
    const update = incremental.update();
    assert.equal(update?.reset, true);
    assert.equal(update?.frozenHtml + (update?.tailHtml ?? ''), md.render('# B\n'));
  });

  test('a reference definition arriving late re-renders earlier links', () => {
    const early = 'Use [x][ref].\n\nMore text.\n\n';
    const html = streamToHtml([early, '[ref]: https://example.com\n', '\nEnd.\n'], () => undefined);
    assert.equal(html, md.render(`${early}[ref]: https://example.com\n\nEnd.\n`));
    assert.match(html, /<a href="https:\/\/example.com">x<\/a>/);
  });
});
