// Where tool cards stand in an answer. A turn's text is one string across all its model calls; each card
// records how long the text was when the call was made. Cutting the text at those places gives the answer
// in the order it happened: what the model wrote, the calls it made there, what it wrote after the results.

export interface AnswerPiece<Card> {
  /** The cards made at `start` (first), then the text from `start` to `end`. */
  start: number;
  end: number;
  cards: Card[];
}

/** Cards without an offset (saved before cards had one) come first, as they were drawn then. */
export function answerPieces<Card extends { textOffset?: number }>(text: string, cards: readonly Card[]): AnswerPiece<Card>[] {
  const offsetOf = (card: Card) => Math.min(card.textOffset ?? 0, text.length);
  const starts = [...new Set([0, ...cards.map(offsetOf)])].sort((a, b) => a - b);
  return starts.map((start, index) => ({
    start,
    end: starts[index + 1] ?? text.length,
    cards: cards.filter((card) => offsetOf(card) === start),
  }));
}
