// Past conversations: open, rename in place, export, and delete (with a second click to confirm).
import type { ConversationSummary } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, h } from './dom';
import { formatRelativeTime } from './format';

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { className: 'history-list', attrs: { 'aria-label': 'Conversations' } });
  private items: ConversationSummary[] = [];
  private pendingDeleteId: string | undefined;

  constructor(
    private readonly context: ChatContext,
    private readonly onClose: () => void,
  ) {
    this.element = h(
      'section',
      { className: 'history-panel', testId: 'history-panel', attrs: { 'aria-label': 'Chat history' } },
      h('div', { className: 'panel-header' }, h('h2', { text: 'History' }), button({ icon: 'close', title: 'Close History', onClick: () => this.onClose() })),
      this.list,
    );
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) this.onClose();
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    this.pendingDeleteId = undefined;
    if (open) {
      this.render();
      this.context.host.post({ type: 'showHistory' });
    }
  }

  setItems(items: readonly ConversationSummary[]): void {
    this.items = [...items].sort((a, b) => b.updatedAt - a.updatedAt);
    if (this.isOpen) this.render();
  }

  private render(): void {
    if (this.items.length === 0) {
      this.list.replaceChildren(h('li', { className: 'history-empty', text: 'No conversations yet.' }));
      return;
    }
    this.list.replaceChildren(...this.items.map((item) => this.renderItem(item)));
  }

  private renderItem(item: ConversationSummary): HTMLElement {
    const open = h(
      'button',
      { className: 'history-open', title: item.title, attrs: { type: 'button' } },
      h('span', { className: 'history-title', text: item.title || 'Untitled' }),
      h('span', { className: 'history-meta', text: `${formatRelativeTime(item.updatedAt)} · ${item.turnCount} ${item.turnCount === 1 ? 'turn' : 'turns'}` }),
    );
    open.addEventListener('click', () => {
      this.context.host.post({ type: 'openConversation', id: item.id });
      this.onClose();
    });
    const confirming = this.pendingDeleteId === item.id;
    const row = h(
      'li',
      { className: 'history-item', testId: 'history-item', attrs: { 'data-conversation-id': item.id } },
      open,
      h(
        'div',
        { className: 'history-actions' },
        button({ icon: 'edit', title: `Rename ${item.title || 'Untitled'}`, className: 'history-rename', onClick: () => this.startRename(row, item) }),
        button({ icon: 'export', title: 'Export as Markdown', onClick: () => this.context.host.post({ type: 'exportConversation', id: item.id }) }),
        button({
          icon: confirming ? 'check' : 'trash',
          title: confirming ? 'Click again to delete' : 'Delete',
          className: confirming ? 'danger' : '',
          onClick: () => this.requestDelete(item),
        }),
      ),
    );
    return row;
  }

  private requestDelete(item: ConversationSummary): void {
    if (this.pendingDeleteId !== item.id) {
      this.pendingDeleteId = item.id;
      this.render();
      return;
    }
    this.pendingDeleteId = undefined;
    this.items = this.items.filter((kept) => kept.id !== item.id);
    this.context.host.post({ type: 'deleteConversation', id: item.id });
    this.render();
  }

  private startRename(row: HTMLElement, item: ConversationSummary): void {
    const input = h('input', { className: 'rename-input', attrs: { type: 'text', 'aria-label': 'Conversation title', maxlength: '200' } });
    input.value = item.title;
    let done = false;
    let focusLeft = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const title = input.value.trim();
      if (save && title && title !== item.title) {
        item.title = title;
        this.context.host.post({ type: 'renameConversation', id: item.id, title });
      }
      this.render();
      // The list was drawn anew: focus goes back to this conversation (its actions show only once the row has it), not to the page.
      if (!focusLeft) this.list.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(item.id)}"] .history-open`)?.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        // Handled here: the same key must not go on to press (and open) the conversation the focus returns to.
        event.preventDefault();
        finish(true);
      }
      if (event.key === 'Escape') {
        event.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener('blur', (event) => {
      // Tabbing or clicking elsewhere saves the title and leaves the focus where the user put it.
      focusLeft = event.relatedTarget !== null;
      finish(true);
    });
    row.replaceChildren(input);
    input.focus();
    input.select();
  }
}
