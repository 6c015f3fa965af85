// `/` autocomplete at the start of the message: the host lists the commands (MCP servers' prompts, see
// common/mcp/promptCommands) with `slashQuery`; picking one writes `/name ` into the box, with `arg=` for its first
// required argument, and the host expands it when the message is sent. Drawn like the `@` list (same classes).
import type { SlashCommand } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { ComboboxWiring } from './combobox';

const queryDelayMs = 80;

/** The `/query` being typed, when the message so far is just that. */
export function slashQueryAt(text: string, caret: number): { query: string } | undefined {
  const match = /^\/(\S{0,200})$/.exec(text.slice(0, caret));
  return match ? { query: match[1] ?? '' } : undefined;
}

/** What the box holds after picking a command: its name, then the first required argument to fill in. */
export function slashCommandText(command: SlashCommand): string {
  const required = command.arguments.find((argument) => argument.required);
  return `/${command.name} ${required ? `${required.name}=` : ''}`;
}

export class SlashCommandPopup {
  readonly element = h('div', { className: 'mention-popup slash-popup' });
  private readonly combobox: ComboboxWiring;
  private items: SlashCommand[] = [];
  private activeIndex = 0;
  private query: string | undefined;
  private requestId = '';
  private requestCounter = 0;
  private queryTimer: number | undefined;
  private answered = false;

  constructor(
    private readonly context: ChatContext,
    input: HTMLElement,
    private readonly onPick: (command: SlashCommand) => void,
  ) {
    this.element.hidden = true;
    this.combobox = new ComboboxWiring(input, this.element, 'Commands');
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

  open(query: string): void {
    if (query === this.query && this.isOpen) return;
    this.query = query;
    window.clearTimeout(this.queryTimer);
    this.queryTimer = window.setTimeout(() => {
      this.requestCounter++;
      this.requestId = `slash-${this.requestCounter}`;
      this.context.host.post({ type: 'slashQuery', requestId: this.requestId, query });
    }, queryDelayMs);
    if (this.answered) this.render();
  }

  receive(requestId: string, items: readonly SlashCommand[]): void {
    if (requestId !== this.requestId || this.query === undefined) return;
    const activeName = this.items[this.activeIndex]?.name;
    this.items = [...items];
    this.answered = true;
    this.activeIndex = Math.max(0, this.items.findIndex((item) => item.name === activeName));
    this.render();
  }

  close(): void {
    window.clearTimeout(this.queryTimer);
    this.query = undefined;
    this.requestId = '';
    this.items = [];
    this.answered = false;
    this.element.hidden = true;
    this.element.replaceChildren();
    this.combobox.closed();
  }

  /** Handles navigation keys while open; true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.items.length === 0) return false;
        this.activeIndex = (this.activeIndex + (event.key === 'ArrowDown' ? 1 : -1) + this.items.length) % this.items.length;
        this.render();
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

  private pick(index: number): void {
    const command = this.items[index];
    if (!command) return;
    this.close();
    this.onPick(command);
  }

  private render(): void {
    // Nothing to offer (no server has prompts): no empty list in the way of a message that starts with `/`.
    this.element.hidden = this.items.length === 0;
    if (this.element.hidden) this.combobox.closed();
    this.element.replaceChildren(
      ...this.items.map((item, index) =>
        h(
          'div',
          {
            className: `mention-option${index === this.activeIndex ? ' active' : ''}`,
            attrs: { id: this.combobox.optionId(index), role: 'option', 'aria-selected': String(index === this.activeIndex), 'data-index': String(index) },
            testId: 'slash-option',
          },
          codicon('symbol-event'),
          h('span', { className: 'mention-label', text: `/${item.name}` }),
          h('span', { className: 'mention-detail', text: describe(item) }),
        ),
      ),
    );
    this.element.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
    if (!this.element.hidden) this.combobox.opened(this.activeIndex);
  }
}

function describe(command: SlashCommand): string {
  const args = command.arguments.map((argument) => (argument.required ? argument.name : `[${argument.name}]`)).join(' ');
  return [command.detail, args].filter(Boolean).join(' · ');
}
