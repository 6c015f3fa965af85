// Applies IncrementalMarkdown's updates to one element: frozen blocks are inserted once and never touched
// again; the trailing open block's nodes are replaced on each update.
import { clearChildren } from '../dom';
import { IncrementalMarkdown } from './incrementalMarkdown';
import type { MarkdownRenderer } from './renderer';

export class StreamingMarkdown {
  private readonly incremental: IncrementalMarkdown;
  private tailNodes: ChildNode[] = [];

  constructor(
    readonly element: HTMLElement,
    private readonly renderer: MarkdownRenderer,
  ) {
    this.incremental = new IncrementalMarkdown(renderer);
  }

  get text(): string {
    return this.incremental.text;
  }

  append(text: string): void {
    this.incremental.append(text);
  }

  setText(text: string): void {
    this.incremental.setText(text);
  }

  /** Brings the DOM up to date with the text; cheap when nothing arrived since the last call. */
  render(): void {
    const update = this.incremental.update();
    if (!update) return;
    if (update.reset) {
      clearChildren(this.element);
      this.tailNodes = [];
    }
    if (update.frozenHtml) this.element.insertBefore(this.renderer.toFragment(update.frozenHtml), this.tailNodes[0] ?? null);
    for (const node of this.tailNodes) node.remove();
    const tail = this.renderer.toFragment(update.tailHtml);
    this.tailNodes = Array.from(tail.childNodes);
    this.element.append(tail);
  }
}
