// The strip above the conversation: its title, what this session has cost, History and New Chat.
import type { CostView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, h } from './dom';
import { formatCost } from './format';

export class TopBar {
  readonly element: HTMLElement;
  private readonly title = h('span', { className: 'conversation-title' });
  private readonly cost = h('span', { className: 'session-cost', testId: 'session-cost' });

  constructor(context: ChatContext, onShowHistory: () => void) {
    this.element = h(
      'div',
      { className: 'top-bar' },
      this.title,
      this.cost,
      h(
        'div',
        { className: 'top-actions' },
        button({ icon: 'history', title: 'Chat History', testId: 'history', onClick: onShowHistory }),
        button({ icon: 'add', title: 'New Chat', testId: 'new-chat', onClick: () => context.host.post({ type: 'newChat' }) }),
      ),
    );
    this.setTitle('');
    this.setSessionCost(null);
  }

  setTitle(title: string): void {
    this.title.textContent = title || 'New chat';
    this.title.title = title;
  }

  setSessionCost(cost: CostView | null): void {
    this.cost.hidden = cost === null;
    if (!cost) return;
    this.cost.textContent = formatCost(cost);
    // The figure spans every chat since the window opened (New chat does not reset it): say so.
    const scope = 'Spent in this window since it opened, across all chats';
    this.cost.title = cost.estimated ? `${scope}; estimated from list prices` : `${scope}; as reported by the provider`;
  }
}
