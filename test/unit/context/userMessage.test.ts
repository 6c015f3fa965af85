// The user turn as sent: attached context first, then the words, then images; never an empty content.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUserMessage } from '../../../src/common/context/userMessage';

const png = 'data:image/png;base64,iVBORw0KGgo=';
const jpeg = 'data:image/jpeg;base64,/9j/4AAQ';

describe('buildUserMessage', () => {
  test('plain text stays a plain string', () => {
    assert.deepEqual(buildUserMessage({ text: 'Hello', context: [], imageDataUrls: [] }), { role: 'user', content: 'Hello' });
  });

  test('context blocks come before the text, in the given order, titles escaped', () => {
    const message = buildUserMessage({
      text: 'Explain this',
      context: [
        { title: 'src/app.ts:10-24 (typescript)', body: 'const a = 1;' },
        { title: 'Problems "quoted" & <tagged>', body: 'error: x' },
      ],
      imageDataUrls: [],
    });
    assert.equal(
      message.content,
      '<context title="src/app.ts:10-24 (typescript)">\nconst a = 1;\n</context>\n\n' +
        '<context title="Problems &quot;quoted&quot; &amp; &lt;tagged>">\nerror: x\n</context>\n\nExplain this',
    );
  });

  test('images become parts after the text part', () => {
    const message = buildUserMessage({ text: 'What is wrong here?', context: [{ title: 'a.ts', body: 'x' }], imageDataUrls: [png, jpeg] });
    assert.deepEqual(message.content, [
      { type: 'text', text: '<context title="a.ts">\nx\n</context>\n\nWhat is wrong here?' },
      { type: 'image_url', image_url: { url: png } },
      { type: 'image_url', image_url: { url: jpeg } },
    ]);
  });

  test('an image without text has no empty text part', () => {
    assert.deepEqual(buildUserMessage({ text: '  ', context: [], imageDataUrls: [png] }).content, [{ type: 'image_url', image_url: { url: png } }]);
  });

  test('context without text is still a message', () => {
    const message = buildUserMessage({ text: '', context: [{ title: 'a.ts', body: 'x' }], imageDataUrls: [] });
    assert.equal(typeof message.content, 'string');
    assert.ok((message.content as string).includes('<context title="a.ts">'));
  });

  test('nothing at all throws instead of sending an empty user message', () => {
    assert.throws(() => buildUserMessage({ text: '', context: [], imageDataUrls: [] }), /needs text or an image/);
    assert.throws(() => buildUserMessage({ text: ' \n\t', context: [], imageDataUrls: [] }), /needs text or an image/);
  });
});
