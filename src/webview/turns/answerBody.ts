// The answer in the order the model gave it: what it wrote, the tool calls it made there, what it wrote
// after the results came back (see answerPieces). Only the last piece still streams.
import { answerPieces } from '../../common/conversations/answerPieces';
import type { SubagentView, ToolCard } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { h, setHidden } from '../dom';
import { StreamingMarkdown } from '../markdown/streamingMarkdown';
import { ToolCardList } from './toolCards';

/** The cards made at `start`, then the text from `start` to the next piece. */
interface Piece {
  start: number;
  cards: ToolCardList;
  markdown: StreamingMarkdown;
}

export class AnswerBody {
  readonly element = h('div', { className: 'answer', testId: 'answer' });
  private pieces: Piece[] = [];

  constructor(private readonly context: ChatContext) {
    this.addPiece(0);
  }

  /** The whole text, as the host has it (pieces joined). */
  get text(): string {
    return this.pieces.map((piece) => piece.markdown.text).join('');
  }

  /** Whether any piece has text; cheap, unlike `text`, which joins the pieces. */
  get hasText(): boolean {
    return this.pieces.some((piece) => piece.markdown.text.length > 0);
  }

  /** Streamed text always extends the last piece: a card only ever starts a new one at the current end. */
  append(text: string): void {
    this.lastPiece.markdown.append(text);
  }

  /** The host's full view of the text and the cards. */
  setContent(text: string, cards: readonly ToolCard[], subagents: readonly SubagentView[] = []): void {
    const wanted = answerPieces(text, cards);
    // Pieces only grow at the end while a turn streams; anything else (a regenerated or restored turn) redraws.
    if (!this.pieces.every((piece, index) => piece.start === wanted[index]?.start)) this.clear();
    for (const piece of wanted.slice(this.pieces.length)) this.addPiece(piece.start);
    wanted.forEach((piece, index) => {
      const shown = this.pieces[index] as Piece;
      shown.cards.update(piece.cards, subagents);
      shown.markdown.setText(text.slice(piece.start, piece.end));
    });
  }

  /** `final` once the stream has ended; a piece followed by another one is final already. */
  render(final: boolean): void {
    this.pieces.forEach((piece, index) => {
      piece.markdown.render(final || index < this.pieces.length - 1);
      setHidden(piece.markdown.element, piece.markdown.isBlank);
    });
  }

  private get lastPiece(): Piece {
    return this.pieces[this.pieces.length - 1] as Piece;
  }

  private addPiece(start: number): void {
    const cards = new ToolCardList(this.context);
    const markdown = new StreamingMarkdown(h('div', { className: 'markdown' }), this.context.renderer);
    this.pieces.push({ start, cards, markdown });
    this.element.append(cards.element, markdown.element);
  }

  private clear(): void {
    this.pieces = [];
    this.element.replaceChildren();
    this.addPiece(0);
  }
}
