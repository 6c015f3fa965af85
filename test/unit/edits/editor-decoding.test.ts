// A file's bytes are taken as text without the editor only when the editor would show exactly that text;
// every case where VS Code reads them differently (another encoding, a byte-order mark, binary, mixed line
// endings, a guessed encoding) is left to the editor.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { textAsEditorWouldRead } from '../../../src/common/edits/editorDecoding';

const defaults = { encoding: 'utf8', autoGuessEncoding: false };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('textAsEditorWouldRead', () => {
  test('plain UTF-8 with LF, with CRLF, with no line end, and with non-ASCII text is read as it is', () => {
    for (const text of ['const a = 1;\nconst b = 2;\n', 'line one\r\nline two\r\n', 'one line', 'const greeting = "héllo, 世界 🙂";\n', '']) {
      assert.equal(textAsEditorWouldRead(bytes(text), defaults), text);
    }
  });

  test('a byte-order mark, which the editor hides, leaves the reading to the editor', () => {
    assert.equal(textAsEditorWouldRead(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('x = 1\n')]), defaults), undefined);
    assert.equal(textAsEditorWouldRead(new Uint8Array([0xff, 0xfe, 0x78, 0x00]), defaults), undefined);
  });

  test('invalid UTF-8 (Latin-1 bytes) and NUL bytes leave it to the editor', () => {
    assert.equal(textAsEditorWouldRead(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), defaults), undefined);
    assert.equal(textAsEditorWouldRead(new Uint8Array([0x61, 0x00, 0x62]), defaults), undefined);
  });

  test('mixed line endings and a lone CR, which the editor normalises, leave it to the editor', () => {
    assert.equal(textAsEditorWouldRead(bytes('one\r\ntwo\nthree\r\n'), defaults), undefined);
    assert.equal(textAsEditorWouldRead(bytes('one\ntwo\r\n'), defaults), undefined);
    assert.equal(textAsEditorWouldRead(bytes('one\rtwo\r'), defaults), undefined);
    assert.equal(textAsEditorWouldRead(bytes('one\r'), defaults), undefined);
  });

  test('another files.encoding leaves it to the editor; a guessed encoding only matters for non-ASCII bytes', () => {
    assert.equal(textAsEditorWouldRead(bytes('x = 1\n'), { encoding: 'utf8bom', autoGuessEncoding: false }), undefined);
    assert.equal(textAsEditorWouldRead(bytes('x = 1\n'), { encoding: 'windows1252', autoGuessEncoding: false }), undefined);
    assert.equal(textAsEditorWouldRead(bytes('x = 1\n'), { encoding: 'utf8', autoGuessEncoding: true }), 'x = 1\n');
    assert.equal(textAsEditorWouldRead(bytes('x = "é"\n'), { encoding: 'utf8', autoGuessEncoding: true }), undefined);
  });
});
