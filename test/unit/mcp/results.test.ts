// Tool results for the model: every content kind in order, images kept aside as data URIs, structured content
// shown when no text came with it, errors as tool errors, and long text cut in the middle with the count.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCallResult, toToolOutcome, truncateMiddle } from '../../../src/common/mcp/results';
import type { McpContentBlock } from '../../../src/common/mcp/types';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const result = (...content: McpContentBlock[]) => convertCallResult({ content });

describe('content blocks', () => {
  test('text, image, audio, resource and resource_link, in order', () => {
    const converted = result(
      { type: 'text', text: 'Before.' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'audio', data: 'UklGRiQAAABXQVZF', mimeType: 'audio/wav' },
      { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'inside a' } },
      { type: 'resource', resource: { uri: 'file:///b.bin', mimeType: 'application/octet-stream', blob: 'AAEC' } },
      { type: 'resource_link', uri: 'demo://x', name: 'X', mimeType: 'text/plain', description: 'the x resource' },
    );
    assert.deepEqual(converted.text.split('\n'), [
      'Before.',
      '[image 1 (image/png, 70 B) is attached]',
      '[audio (audio/wav, 12 B) not shown: audio is not supported]',
      'Resource file:///a.txt (text/plain):',
      'inside a',
      '[resource file:///b.bin (application/octet-stream, 3 B binary) not shown]',
      'Resource link: X <demo://x> (text/plain) — the x resource',
    ]);
    assert.deepEqual(converted.images, [{ mimeType: 'image/png', dataUri: `data:image/png;base64,${PNG}`, bytes: 70 }]);
    assert.equal(converted.isError, false);
  });

  test('an embedded image resource is an image too; unsupported formats and bad data are described', () => {
    assert.equal(result({ type: 'resource', resource: { uri: 'x://i', mimeType: 'image/png', blob: PNG } }).images.length, 1);
    assert.match(result({ type: 'image', data: PNG, mimeType: 'image/tiff' }).text, /not shown: the format is not supported/);
    assert.match(result({ type: 'image', data: 'not base64!', mimeType: 'image/png' }).text, /not shown: its data is not base64/);
    assert.match(result({ type: 'image', mimeType: 'image/png' }).text, /image without data/);
    assert.match(result({ type: 'image', data: 'A'.repeat(8 * 1024 * 1024), mimeType: 'image/png' }).text, /larger than 5\.0 MB/);
    const five = result(...Array.from({ length: 5 }, () => ({ type: 'image', data: PNG, mimeType: 'image/png' })));
    assert.equal(five.images.length, 4);
    assert.match(five.text, /at most 4 images per result/);
  });

  test('for a model that cannot read images they are described, not attached', () => {
    const converted = convertCallResult({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }, { acceptImages: false });
    assert.deepEqual(converted, { text: '[image (image/png, 70 B) not shown: this model does not read images]', images: [], isError: false });
  });

  test('structured content is shown only when no text came with it', () => {
    assert.equal(convertCallResult({ content: [], structuredContent: { temperature: 21 } }).text, '{\n  "temperature": 21\n}');
    assert.equal(convertCallResult({ content: [{ type: 'text', text: '{"temperature":21}' }], structuredContent: { temperature: 21 } }).text, '{"temperature":21}');
  });

  test('odd blocks are described, never thrown on', () => {
    const converted = convertCallResult({ content: [null as unknown as McpContentBlock, { type: 'text', text: 5 }, { type: 'video' }, { type: 'resource' }] });
    assert.deepEqual(converted.text.split('\n'), [
      '[a content block that is not an object was skipped]',
      '[a text block without text]',
      '[content of type "video" is not supported]',
      '[resource (no uri) without content]',
    ]);
    assert.equal(convertCallResult({}).text, '(no output)');
  });
});

describe('outcomes for the agent loop', () => {
  test('a result, a tool error, a failure and a stop', () => {
    assert.deepEqual(toToolOutcome('echo', { kind: 'result', result: { content: [{ type: 'text', text: 'hi' }] } }), { content: 'hi', status: 'done', summary: '2 characters' });
    const image = toToolOutcome('img', { kind: 'result', result: { content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] } });
    assert.equal(image.summary, '39 characters, 1 image');
    assert.equal(image.images?.length, 1);
    assert.deepEqual(toToolOutcome('t', { kind: 'result', result: { isError: true, content: [{ type: 'text', text: 'no such issue\nmore' }] } }), {
      content: 'Error: no such issue\nmore',
      status: 'error',
      summary: 'error: no such issue',
    });
    assert.deepEqual(toToolOutcome('t (MCP server "s")', { kind: 'failed', message: 'timed out' }), { content: 'Error: t (MCP server "s") failed: timed out', status: 'error', summary: 'failed' });
    assert.deepEqual(toToolOutcome('t', { kind: 'cancelled' }), { content: 'Not finished: the user stopped t.', status: 'rejected', summary: 'stopped' });
  });
});

describe('truncation', () => {
  test('short text is untouched', () => {
    assert.equal(truncateMiddle('abc', 10), 'abc');
  });

  test('long text keeps its head and tail, cut at lines, with the count of what was cut', () => {
    const lines = Array.from({ length: 2000 }, (_, index) => `line ${index} ${'x'.repeat(30)}`);
    const text = lines.join('\n');
    const cut = truncateMiddle(text, 30_000);
    assert.ok(cut.length <= 30_000, `${cut.length}`);
    assert.ok(cut.startsWith('line 0 '));
    assert.ok(cut.endsWith(lines.at(-1)!));
    const marker = /\n\[… ([\d,]+) characters \(([\d,]+) lines\) cut …\]\n/.exec(cut)!;
    assert.ok(marker, cut.slice(17_000, 18_500));
    const kept = cut.replace(marker[0], '\n');
    assert.equal(kept.length + Number(marker[1]!.replace(/,/g, '')), text.length, 'what is kept plus what is cut is the whole text');
    for (const line of kept.split('\n')) assert.ok(lines.includes(line), `a whole line: ${line.slice(0, 40)}`);
  });

  test('one huge line is cut too, never inside a surrogate pair', () => {
    const text = '😀'.repeat(40_000);
    const cut = truncateMiddle(text, 30_000);
    assert.ok(cut.length < 30_100);
    assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, 'no lone surrogate');
    assert.match(cut, /\[… [\d,]+ characters cut …\]/);
  });
});
