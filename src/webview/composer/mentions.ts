// `@` autocomplete: built-in mentions (@problems, @selection, @openEditors, @gitDiff, one list shared with the
// host) answered locally, files and folders asked of the host with `mentionQuery`; arrow keys move, Enter or Tab picks, Esc closes.
import { matchingBuiltInMentions } from '../../common/context/builtinMentions';
import type { ContextChip } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { formatCompactTokens } from '../format';
import { chipIcons } from './chips';
import { ComboboxWiring } from './combobox';

const queryDelayMs = 80;

/** The `@query` being typed just before the caret, if any. */
export function mentionQueryAt(text: string, caret: number): { query: string; start: number } | undefined {
  const match = /(^|\s)@([^\s@]{0,200})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { query: match[2], start: caret - match[2].length - 1 };
}

export class MentionPopup {
  readonly element = h('div', { className: 'mention-popup', testId: 'mention-popup' });
  private readonly combobox: ComboboxWiring;
  private items: ContextChip[] = [];
  private activeIndex = 0;
  private query: string | undefined;
  private requestId = '';
  private requestCounter = 0;
  private queryTimer: number | undefined;

  constructor(
    private readonly context: ChatContext,
    input: HTMLElement,
    private readonly onPick: (chip: ContextChip) => void,
  ) {
    this.element.hidden = true;
    this.combobox = new ComboboxWiring(input, this.element, 'Add context');
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

  /** Shows (or refines) the list for `query`: built-ins at once, host results when they arrive. */
  open(query: string): void {
    if (query === this.query && this.isOpen) return;
    this.query = query;
    this.items = matchingBuiltInMentions(query);
    this.activeIndex = 0;
    this.render();
    window.clearTimeout(this.queryTimer);
    this.queryTimer = window.setTimeout(() => {
      this.requestCounter++;
      this.requestId = `mention-${this.requestCounter}`;
      this.context.host.post({ type: 'mentionQuery', requestId: this.requestId, query });
    }, queryDelayMs);
  }

  receive(requestId: string, items: readonly ContextChip[]): void {
    if (requestId !== this.requestId || this.query === undefined) return;
    const activeId = this.items[this.activeIndex]?.id;
    const builtIns = matchingBuiltInMentions(this.query);
    // The host answers with files and folders; a built-in it might echo is shown once.
    this.items = [...builtIns, ...items.filter((item) => !builtIns.some((builtIn) => builtIn.id === item.id))];
    this.activeIndex = Math.max(0, this.items.findIndex((item) => item.id === activeId));
    this.render();
  }

  close(): void {
    window.clearTimeout(this.queryTimer);
    this.query = undefined;
    this.requestId = '';
    this.items = [];
    this.element.hidden = true;
    this.combobox.closed();
  }

  /** Handles navigation keys while open; true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (event.key) {
      case 'ArrowDown':
        this.move(1);
        return true;
      case 'ArrowUp':
        this.move(-1);
        return true;
      case 'Enter':
      case 'Tab':
        if (this.items.length === 0) return false;
        this.pick(this.activeIndex);
        return true;
      case 'Escape':
        this.close();
        return true;
      default:
        return false;
    }
  }

  private move(step: number): void {
    if (this.items.length === 0) return;
    this.activeIndex = (this.activeIndex + step + this.items.length) % this.items.length;
    this.render();
  }

  private pick(index: number): void {
    const chip = this.items[index];
    if (!chip) return;
    this.close();
    this.onPick(chip);
  }

  private render(): void {
    this.element.hidden = false;
    if (this.items.length === 0) {
      this.element.replaceChildren(h('div', { className: 'mention-empty', text: 'No matching files', attrs: { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' } }));
      this.combobox.opened(undefined);
      return;
    }
    this.element.replaceChildren(
      ...this.items.map((item, index) =>
        h(
          'div',
          {
            className: `mention-option${index === this.activeIndex ? ' active' : ''}`,
            attrs: { id: this.combobox.optionId(index), role: 'option', 'aria-selected': String(index === this.activeIndex), 'data-index': String(index) },
            testId: 'mention-option',
          },
          codicon(chipIcons[item.kind]),
          h('span', { className: 'mention-label', text: item.label }),
          item.detail ? h('span', { className: 'mention-detail', text: item.detail }) : null,
          item.tokens > 0 ? h('span', { className: 'mention-tokens', text: `~${formatCompactTokens(item.tokens)}` }) : null,
        ),
      ),
    );
    this.combobox.opened(this.activeIndex);
    this.element.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }
}
