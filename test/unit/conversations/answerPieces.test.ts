// Cutting an answer's text at its tool cards: the order the view draws and the export writes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerPieces } from '../../../src/common/conversations/answerPieces';

const card = (id: string, textOffset?: number) => ({ id, ...(textOffset === undefined ? {} : { textOffset }) });
const shown = (text: string, pieces: ReturnType<typeof answerPieces<{ id: string; textOffset?: number }>>) =>
  pieces.map((piece) => `[${piece.cards.map((c) => c.id).join(',')}]${text.slice(piece.start, piece.end)}`);

describe('answerPieces', () => {
  test('text only: one piece, no cards', () => {
    assert.deepEqual(answerPieces('Hello.', []), [{ start: 0, end: 6, cards: [] }]);
  });

  test('cards at the same place form one group; text before and after them keeps its order', () => {
    const text = 'Read.\n\nSearch.\n\nDone.';
    const pieces = answerPieces(text, [card('a', 5), card('b', 5), card('c', 14)]);
    assert.deepEqual(shown(text, pieces), ['[]Read.', '[a,b]\n\nSearch.', '[c]\n\nDone.']);
  });

  test('a call before any text, and cards without an offset (older saves), come first', () => {
    const text = 'After.';
    assert.deepEqual(shown(text, answerPieces(text, [card('a', 0), card('b')])), ['[a,b]After.']);
  });

  test('an offset past the end (text cut by a stop) puts the card at the end', () => {
    const text = 'Short';
    assert.deepEqual(shown(text, answerPieces(text, [card('a', 99)])), ['[]Short', '[a]']);
  });
});
