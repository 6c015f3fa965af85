// The popup list both autocompletes of the input share (`@` context, `/` commands): the options, the highlighted
// one, arrow keys, Enter or Tab to pick, a mouse pick that leaves the focus in the input, and the combobox wiring
// that lets a screen reader follow the highlight. What is listed and what a pick does belong to each popup.
import { h } from '../dom';
import { ComboboxWiring } from './combobox';

export interface SuggestionListOptions<T> {
  className: string;
  testId?: string;
  /** The listbox's accessible name. */
  label: string;
  optionTestId: string;
  /** Identifies an item across refreshes, so the highlight stays on it when new results arrive. */
  keyOf(item: T): string;
  renderOption(item: T): Array<Node | null>;
  /** Shown as a disabled option when nothing matches; without it an empty list is hidden. */
  emptyText?: string;
  onPick(item: T): void;
}

export class SuggestionList<T> {
  readonly element: HTMLElement;
  private readonly combobox: ComboboxWiring;
  private items: T[] = [];
  private activeIndex = 0;

  constructor(
    input: HTMLElement,
    private readonly options: SuggestionListOptions<T>,
  ) {
    this.element = h('div', { className: options.className, ...(options.testId ? { testId: options.testId } : {}) });
    this.element.hidden = true;
    this.combobox = new ComboboxWiring(input, this.element, options.label);
    // mousedown, not click: the textarea must keep focus.
    this.element.addEventListener('mousedown', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[data-index]');
      if (!option) return;
      event.preventDefault();
      this.pick(Number(option.dataset.index));
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows these items; with `keepHighlight` the highlighted item stays highlighted if it is still listed. */
  show(items: readonly T[], { keepHighlight }: { keepHighlight: boolean }): void {
    const highlighted = keepHighlight ? this.items[this.activeIndex] : undefined;
    this.items = [...items];
    const key = highlighted === undefined ? undefined : this.options.keyOf(highlighted);
    this.activeIndex = Math.max(0, key === undefined ? 0 : this.items.findIndex((item) => this.options.keyOf(item) === key));
    this.render();
  }

  hide(): void {
    this.items = [];
    this.element.hidden = true;
    this.element.replaceChildren();
    this.combobox.closed();
  }

  /** Arrow keys, Enter and Tab while open; true when the key was used. Escape is the popup's own. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.items.length > 0) {
          this.activeIndex = (this.activeIndex + (event.key === 'ArrowDown' ? 1 : -1) + this.items.length) % this.items.length;
          this.render();
        }
        return true;
      case 'Enter':
      case 'Tab':
        if (this.items.length === 0) return false;
        this.pick(this.activeIndex);
        return true;
      default:
        return false;
    }
  }

  private pick(index: number): void {
    const item = this.items[index];
    if (item !== undefined) this.options.onPick(item);
  }

  private render(): void {
    if (this.items.length === 0) {
      const { emptyText } = this.options;
      this.element.hidden = emptyText === undefined;
      this.element.replaceChildren(...(emptyText === undefined ? [] : [h('div', { className: 'mention-empty', text: emptyText, attrs: { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' } })]));
      if (emptyText === undefined) this.combobox.closed();
      else this.combobox.opened(undefined);
      return;
    }
    this.element.hidden = false;
    this.element.replaceChildren(
      ...this.items.map((item, index) =>
        h(
          'div',
          {
            className: `mention-option${index === this.activeIndex ? ' active' : ''}`,
            attrs: { id: this.combobox.optionId(index), role: 'option', 'aria-selected': String(index === this.activeIndex), 'data-index': String(index) },
            testId: this.options.optionTestId,
          },
          ...this.options.renderOption(item),
        ),
      ),
    );
    this.combobox.opened(this.activeIndex);
    this.element.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }
}

/** A host query sent once typing pauses; only the answer to the latest one counts. */
export class DelayedQuery {
  private timer: number | undefined;
  private counter = 0;
  private current = '';

  constructor(
    private readonly prefix: string,
    private readonly delayMs: number,
  ) {}

  schedule(post: (requestId: string) => void): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.current = `${this.prefix}-${++this.counter}`;
      post(this.current);
    }, this.delayMs);
  }

  isCurrent(requestId: string): boolean {
    return this.current !== '' && requestId === this.current;
  }

  cancel(): void {
    window.clearTimeout(this.timer);
    this.current = '';
  }
}

/**
 * A popup of the input whose items come from the host: the list, the host query of the latest `open`, and the
 * keys. Subclasses say what `open` shows at once and how an answer becomes the list.
 */
export abstract class HostQueriedPopup<T> {
  protected readonly list: SuggestionList<T>;
  protected readonly hostQuery: DelayedQuery;
  protected query: string | undefined;

  constructor(input: HTMLElement, options: Omit<SuggestionListOptions<T>, 'onPick'> & { queryPrefix: string; queryDelayMs: number; onPick(item: T): void }) {
    this.hostQuery = new DelayedQuery(options.queryPrefix, options.queryDelayMs);
    this.list = new SuggestionList<T>(input, {
      ...options,
      onPick: (item) => {
        this.close();
        options.onPick(item);
      },
    });
  }

  get element(): HTMLElement {
    return this.list.element;
  }

  get isOpen(): boolean {
    return this.list.isOpen;
  }

  close(): void {
    this.hostQuery.cancel();
    this.query = undefined;
    this.list.hide();
  }

  /** Handles navigation keys while open; true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.key === 'Escape' && this.isOpen) {
      this.close();
      return true;
    }
    return this.list.handleKey(event);
  }
}
