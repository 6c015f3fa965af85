// Turns a growing markdown text into HTML updates without re-rendering what is already final: top-level
// blocks that can no longer change are frozen, and only the trailing open block is rendered again.
//
// A block is frozen once the *next* top-level block has a complete first line: until that line ends it could
// still join the block before it ("10. a\n\n1" becomes a second list item when ". b" arrives). Reference
// definitions (`[x]: url`) change links anywhere in the document, so their presence switches to rendering
// the whole text each time, which is correct and rare. While the stream is open the tail is rendered without
// syntax highlighting (re-highlighting a growing code block on every chunk is the one quadratic cost left);
// frozen blocks and the final render are highlighted. Inside an open code block, text without a line that
// could close it cannot change the structure, so it skips parsing altogether (code is most of a coding
// answer). Pure (no DOM), so Node tests can fuzz it.
import type { Env, Token } from 'markdown-it';

export type MarkdownEnv = Env;

export interface MarkdownEngine {
  parse(source: string, env: MarkdownEnv): Token[];
  renderTokens(tokens: Token[], env: MarkdownEnv, highlight: boolean): string;
}

/** What to do to the DOM: optionally clear it, append newly frozen HTML, then show `tailHtml` after it. */
export interface MarkdownUpdate {
  reset: boolean;
  frozenHtml: string;
  /** Computed on first read: a view that can append `openCode` never needs it. */
  readonly tailHtml: string;
  /**
   * Set while the whole tail is one fenced code block still being written: its code. When it extends the
   * code shown before, the view may append the difference instead of replacing the tail.
   */
  openCode?: string;
}

const lineBreak = /\r\n|\r|\n/g;

/** Offsets where each line of `text` starts; the last line is the one without a break after it. */
function lineStarts(text: string): number[] {
  const starts = [0];
  lineBreak.lastIndex = 0;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    starts.push(match.index + match[0].length);
  }
  return starts;
}

interface FreezePoint {
  tokenCount: number;
  charCount: number;
}

/** The last top-level block whose first line is complete; everything before it is final. */
function findFreezePoint(tail: string, tokens: Token[]): FreezePoint | undefined {
  const starts = lineStarts(tail);
  const completeLines = starts.length - 1;
  for (let index = tokens.length - 1; index > 0; index--) {
    const token = tokens[index];
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const firstLine = token.map[0];
    if (firstLine >= completeLines || firstLine === 0) continue;
    return { tokenCount: index, charCount: starts[firstLine] };
  }
  return undefined;
}

/** A line that might close a fence (or become one once more of it arrives). */
const possibleFenceLine = /(?:^|[\r\n]) {0,3}[`~]/;

/** The code of a tail that is a single fenced block whose opening line is complete (so its language is known). */
function openCodeOf(tailTokens: Token[], tail: string): string | undefined {
  if (tailTokens.length !== 1 || tailTokens[0].type !== 'fence' || tailTokens[0].map?.[0] !== 0) return undefined;
  return lineStarts(tail).length > 1 ? tailTokens[0].content : undefined;
}

export class IncrementalMarkdown {
  /** All text so far (only read when someone asks for it: reading a long streamed string flattens it). */
  private source = '';
  /** The not-yet-frozen end of `source`; every offset below is relative to it. */
  private tail = '';
  private renderedTail: string | undefined;
  /** Undefined after a parse-free update, whose HTML was never computed. */
  private renderedTailHtml: string | undefined = '';
  private renderedFinal = false;
  private wholeDocumentMode = false;
  private pendingReset = false;
  /** Where the code of an open, unindented fence starts, while the tail is just that fence. */
  private openFenceCodeStart: number | undefined;
  /** Start of the last (possibly unfinished) line at the previous update. */
  private lastLineStart = 0;
  /** Whether the text has anything but white space, kept up as it grows (testing `source` would flatten it). */
  private hasVisibleText = false;

  constructor(private readonly engine: MarkdownEngine) {}

  get text(): string {
    return this.source;
  }

  /** Only white space so far (nothing to show). */
  get isBlank(): boolean {
    return !this.hasVisibleText;
  }

  append(text: string): void {
    this.source += text;
    this.tail += text;
    if (!this.hasVisibleText) this.hasVisibleText = /\S/.test(text);
  }

  /** Sets the full text; when it only extends what was there, just the difference is rendered later. */
  setText(text: string): void {
    if (text.startsWith(this.source)) {
      this.append(text.slice(this.source.length));
      return;
    }
    this.restart(text, false);
  }

  /**
   * The DOM change that brings the view up to date, or undefined when nothing changed. `final` means the
   * stream has ended: the result then equals rendering the whole text at once.
   */
  update(final: boolean): MarkdownUpdate | undefined {
    const tail = this.tail;
    if (tail === this.renderedTail && final === this.renderedFinal && !this.pendingReset) return undefined;
    const fastUpdate = final ? undefined : this.updateOpenFence(tail);
    if (fastUpdate) return fastUpdate;
    const env: MarkdownEnv = {};
    const tokens = this.engine.parse(tail, env);
    if (!this.wholeDocumentMode && env.references && Object.keys(env.references).length > 0) {
      if (tail.length < this.source.length) {
        this.restart(this.source, true);
        return this.update(final);
      }
      this.wholeDocumentMode = true;
    }
    const freezePoint = this.wholeDocumentMode ? undefined : findFreezePoint(tail, tokens);
    const frozenHtml = freezePoint ? this.engine.renderTokens(tokens.slice(0, freezePoint.tokenCount), env, true) : '';
    const tailTokens = freezePoint ? tokens.slice(freezePoint.tokenCount) : tokens;
    const tailHtml = this.engine.renderTokens(tailTokens, env, final);
    if (freezePoint) this.tail = tail.slice(freezePoint.charCount);
    const openCode = final ? undefined : openCodeOf(tailTokens, this.tail);
    this.renderedTail = this.tail;
    this.renderedFinal = final;
    this.trackOpenFence(openCode);
    const reset = this.pendingReset;
    this.pendingReset = false;
    if (!reset && !freezePoint && tailHtml === this.renderedTailHtml) return undefined;
    this.renderedTailHtml = tailHtml;
    return openCode === undefined ? { reset, frozenHtml, tailHtml } : { reset, frozenHtml, tailHtml, openCode };
  }

  /** Parse-free update for text added inside an open fence, or undefined when a full update is needed. */
  private updateOpenFence(tail: string): MarkdownUpdate | undefined {
    if (this.openFenceCodeStart === undefined || this.pendingReset) return undefined;
    const added = tail.slice(this.lastLineStart);
    if (possibleFenceLine.test(added) || added.includes('\r') || added.includes('\0')) return undefined;
    const lastLineStart = tail.lastIndexOf('\n') + 1;
    // markdown-it leaves out a trailing line of only spaces; let the full update handle that moment.
    if (/^[ \t]+$/.test(tail.slice(lastLineStart))) return undefined;
    this.renderedTail = tail;
    this.renderedFinal = false;
    this.renderedTailHtml = undefined;
    this.lastLineStart = lastLineStart;
    const engine = this.engine;
    return {
      reset: false,
      frozenHtml: '',
      get tailHtml() {
        return engine.renderTokens(engine.parse(tail, {}), {}, false);
      },
      openCode: tail.slice(this.openFenceCodeStart),
    };
  }

  private trackOpenFence(openCode: string | undefined): void {
    const starts = lineStarts(this.tail);
    this.lastLineStart = starts.at(-1)!;
    // Unindented, and still unclosed: its code is everything after the opening line.
    const unindentedFence = /^(?:`{3,}|~{3,})/.test(this.tail) && !this.tail.includes('\r') && !this.tail.includes('\0');
    const unclosed = openCode !== undefined && openCode === this.tail.slice(starts[1]);
    this.openFenceCodeStart = unindentedFence && unclosed ? starts[1] : undefined;
  }

  private restart(text: string, wholeDocumentMode: boolean): void {
    this.source = text;
    this.hasVisibleText = /\S/.test(text);
    this.tail = text;
    this.renderedTail = undefined;
    this.renderedTailHtml = '';
    this.renderedFinal = false;
    this.wholeDocumentMode = wholeDocumentMode;
    this.pendingReset = true;
    this.openFenceCodeStart = undefined;
    this.lastLineStart = 0;
  }
}
