// Turns a growing markdown text into HTML updates without re-rendering what is already final: top-level
// blocks that can no longer change are frozen, and only the trailing open block is rendered again.
//
// A block is frozen once the *next* top-level block has a complete first line: until that line ends it could
// still join the block before it ("10. a\n\n1" becomes a second list item when ". b" arrives). Reference
// definitions (`[x]: url`) change links anywhere in the document, so their presence switches to rendering
// the whole text each time, which is correct and rare. Pure (no DOM), so Node tests can fuzz it.
import type { Env, Token } from 'markdown-it';

export type MarkdownEnv = Env;

export interface MarkdownEngine {
  parse(source: string, env: MarkdownEnv): Token[];
  renderTokens(tokens: Token[], env: MarkdownEnv): string;
}

/** What to do to the DOM: optionally clear it, append newly frozen HTML, then show `tailHtml` after it. */
export interface MarkdownUpdate {
  reset: boolean;
  frozenHtml: string;
  tailHtml: string;
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

export class IncrementalMarkdown {
  private source = '';
  /** Where in `source` the not-yet-frozen tail begins. */
  private tailStart = 0;
  private renderedTail: string | undefined;
  private renderedTailHtml = '';
  private wholeDocumentMode = false;
  private pendingReset = false;

  constructor(private readonly engine: MarkdownEngine) {}

  get text(): string {
    return this.source;
  }

  append(text: string): void {
    this.source += text;
  }

  /** Sets the full text; when it only extends what was there, just the difference is rendered later. */
  setText(text: string): void {
    if (text.startsWith(this.source)) {
      this.source = text;
      return;
    }
    this.restart(text, false);
  }

  /** The DOM change that brings the view up to date, or undefined when nothing changed. */
  update(): MarkdownUpdate | undefined {
    const tail = this.source.slice(this.tailStart);
    if (tail === this.renderedTail && !this.pendingReset) return undefined;
    const env: MarkdownEnv = {};
    const tokens = this.engine.parse(tail, env);
    if (!this.wholeDocumentMode && env.references && Object.keys(env.references).length > 0) {
      if (this.tailStart > 0) {
        this.restart(this.source, true);
        return this.update();
      }
      this.wholeDocumentMode = true;
    }
    const freezePoint = this.wholeDocumentMode ? undefined : findFreezePoint(tail, tokens);
    const frozenHtml = freezePoint ? this.engine.renderTokens(tokens.slice(0, freezePoint.tokenCount), env) : '';
    const tailHtml = this.engine.renderTokens(freezePoint ? tokens.slice(freezePoint.tokenCount) : tokens, env);
    if (freezePoint) this.tailStart += freezePoint.charCount;
    this.renderedTail = this.source.slice(this.tailStart);
    const reset = this.pendingReset;
    this.pendingReset = false;
    if (!reset && !freezePoint && tailHtml === this.renderedTailHtml) return undefined;
    this.renderedTailHtml = tailHtml;
    return { reset, frozenHtml, tailHtml };
  }

  private restart(text: string, wholeDocumentMode: boolean): void {
    this.source = text;
    this.tailStart = 0;
    this.renderedTail = undefined;
    this.renderedTailHtml = '';
    this.wholeDocumentMode = wholeDocumentMode;
    this.pendingReset = true;
  }
}
