// Applies IncrementalMarkdown's updates to one element: frozen blocks are inserted once and never touched
// again; the trailing open block's nodes are replaced on each update.
//
// Frozen nodes are grouped into segments of a fixed size (a plain block <div>, invisible to margins and
// layout) because the browser re-lays out every child of a container whose content changed: one flat
// container with thousands of blocks would make each frame cost time proportional to the whole answer.
// Grouping is by node index, so streaming and rendering at once give the same DOM.
import { clearChildren, h } from '../dom';
import { IncrementalMarkdown } from './incrementalMarkdown';
import type { MarkdownRenderer } from './renderer';

const nodesPerSegment = 64;

export class StreamingMarkdown {
  private readonly incremental: IncrementalMarkdown;
  private readonly tailSegment = h('div', { className: 'md-segment' });
  private frozenSegment: HTMLElement | undefined;
  private frozenNodeCount = 0;
  /** The text node of an open fenced block shown as the tail, and the code it shows. */
  private openCode: { text: Text; code: string } | undefined;

  constructor(
    readonly element: HTMLElement,
    private readonly renderer: MarkdownRenderer,
  ) {
    this.incremental = new IncrementalMarkdown(renderer);
    this.element.append(this.tailSegment);
  }

  get text(): string {
    return this.incremental.text;
  }

  get isBlank(): boolean {
    return this.incremental.isBlank;
  }

  append(text: string): void {
    this.incremental.append(text);
  }

  setText(text: string): void {
    this.incremental.setText(text);
  }

  /** Brings the DOM up to date with the text; `final` once the stream has ended. Cheap when nothing changed. */
  render(final: boolean): void {
    const update = this.incremental.update(final);
    if (!update) return;
    if (update.reset) {
      clearChildren(this.element);
      this.element.append(this.tailSegment);
      this.frozenSegment = undefined;
      this.frozenNodeCount = 0;
    }
    if (update.frozenHtml) this.freeze(this.renderer.toFragment(update.frozenHtml));
    const code = update.openCode;
    if (code !== undefined && this.openCode && !update.frozenHtml && !update.reset && code.startsWith(this.openCode.code)) {
      // A code block being written: add the new text instead of rebuilding the block on every chunk.
      this.openCode.text.appendData(code.slice(this.openCode.code.length));
      this.openCode.code = code;
      return;
    }
    this.tailSegment.replaceChildren(this.renderer.toFragment(update.tailHtml));
    const codeElement = code === undefined ? null : this.tailSegment.querySelector('pre > code');
    if (codeElement && code !== undefined) {
      const text = document.createTextNode(code);
      codeElement.replaceChildren(text);
      this.openCode = { text, code };
    } else {
      this.openCode = undefined;
    }
  }

  private freeze(fragment: DocumentFragment): void {
    for (const node of Array.from(fragment.childNodes)) {
      if (!this.frozenSegment || this.frozenNodeCount % nodesPerSegment === 0) {
        this.frozenSegment = h('div', { className: 'md-segment' });
        this.element.insertBefore(this.frozenSegment, this.tailSegment);
      }
      this.frozenSegment.append(node);
      this.frozenNodeCount++;
    }
  }
}
