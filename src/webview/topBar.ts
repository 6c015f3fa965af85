// The strip above the conversation: its title, what this conversation has cost, History and New Chat. The
// session total (every chat since the window opened) is in the status bar and in this cost's tooltip.
import type { CostView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, h } from './dom';
import { formatCompactCost, formatCost } from './format';

export class TopBar {
  readonly element: HTMLElement;
  private readonly title = h('h1', { className: 'conversation-title', testId: 'conversation-title' });
  private readonly cost = h('span', { className: 'session-cost conversation-cost', testId: 'session-cost' });
  private conversationCost: CostView | null = null;
  private sessionCost: CostView | null = null;

  constructor(context: ChatContext, onShowHistory: () => void) {
    this.element = h(
      // A banner landmark: the title (the page's one h1) and the cost are inside a landmark like everything else.
      'header',
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
    this.render();
  }

  setTitle(title: string): void {
    this.title.textContent = title || 'New chat';
    this.title.title = title;
  }

  /** The open conversation's cost: the figure beside the title. */
  setConversationCost(cost: CostView | null): void {
    this.conversationCost = cost;
    this.render();
  }

  /** The session total: only in the tooltip here (the status bar shows it). */
  setSessionCost(cost: CostView | null): void {
    this.sessionCost = cost;
    this.render();
  }

  private render(): void {
    const cost = this.conversationCost;
    this.cost.hidden = cost === null;
    if (!cost) return;
    // Compact, so a long title keeps its room; the full figures are in the tooltip.
    this.cost.textContent = formatCompactCost(cost);
    const lines = [`This conversation: ${formatCost(cost)}${cost.estimated ? ', from list prices' : ', as reported by the provider'}`];
    if (this.sessionCost) lines.push(`This window since it opened, all chats: ${formatCost(this.sessionCost)}`);
    this.cost.title = lines.join('\n');
  }
}
