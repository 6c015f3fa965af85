// The scrolling list of turns: applies snapshots, appended turns, deltas and updates from the host, shows
// a welcome when empty, and stays pinned to the bottom while an answer streams unless the user scrolls up.
import type { CompactionCard, ConversationView as ConversationSnapshot, TurnView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, codicon, h } from './dom';
import { AssistantTurnElement } from './turns/assistantTurn';
import { renderCompactionCard } from './turns/compactionCard';
import { UserTurnElement } from './turns/userTurn';

type TurnElement = AssistantTurnElement | UserTurnElement;

/** How close to the bottom (px) still counts as "at the bottom" for auto-scrolling. */
const stickyThreshold = 48;

export class ConversationView {
  readonly element = h('div', { className: 'conversation', attrs: { role: 'log', 'aria-label': 'Conversation' } });
  private readonly turnList = h('div', { className: 'turns' });
  private readonly welcome: HTMLElement;
  private readonly keyPrompt: HTMLElement;
  private turns: TurnElement[] = [];
  private stickToBottom = true;
  /** Where the view was scrolled to last, by the reader or by following the answer. */
  private lastScrollTop = 0;
  /** User messages whose "Restore files to here" would change a file (the host says which). */
  private restorable = new Set<string>();
  private compactionCards: CompactionCard[] = [];

  constructor(private readonly context: ChatContext) {
    this.keyPrompt = h(
      'div',
      { className: 'key-prompt', testId: 'key-prompt' },
      codicon('key'),
      h('span', { text: 'Set an API key to start chatting with Kimi.' }),
      button({ label: 'Set API Key', title: 'Set API Key', className: 'primary', onClick: () => context.host.post({ type: 'runAction', action: 'setKey' }) }),
    );
    this.welcome = h(
      'div',
      { className: 'welcome', testId: 'welcome' },
      codicon('sparkle', 'welcome-icon'),
      h('h2', { text: 'Ask Kimi about your code' }),
      h('p', { text: 'Kimi K2.6 reads your workspace, explains, and proposes changes you review before they apply.' }),
      h(
        'ul',
        { className: 'welcome-tips' },
        h('li', {}, h('kbd', { text: '@' }), ' adds context: files, the selection, problems, open editors, the git diff'),
        h('li', {}, 'Paste or drop images to ask about a screenshot'),
        h('li', {}, h('kbd', { text: 'Shift+Enter' }), ' inserts a new line'),
      ),
    );
    this.element.append(this.keyPrompt, this.welcome, this.turnList);
    this.element.addEventListener('scroll', () => {
      const top = this.element.scrollTop;
      const atBottom = this.element.scrollHeight - top - this.element.clientHeight < stickyThreshold;
      // Only the reader moves the view up. A scroll event arrives a frame late, after more of the answer may
      // have been added below: that alone does not mean the reader left the bottom.
      this.stickToBottom = atBottom || (this.stickToBottom && top >= this.lastScrollTop);
      this.lastScrollTop = top;
    });
    // Following a streaming answer is done here, after the browser's own layout of the frame, and not after
    // each render: reading scrollHeight right after the frame's DOM writes forced a layout inside the frame's
    // script on every streamed chunk. Any growth of the turns (new text, a notice above, a wrapping toolbar,
    // a new error card) resizes the list, so a reader who was at the bottom stays there (an answer after a
    // retry, the "stopped" note after Stop).
    new ResizeObserver(() => {
      if (this.stickToBottom) this.scrollToBottom();
    }).observe(this.element);
    new ResizeObserver(() => {
      if (this.stickToBottom) this.scrollToBottom();
    }).observe(this.turnList);
    this.refreshChrome();
  }

  get isStreaming(): boolean {
    const last = this.turns.at(-1);
    return last instanceof AssistantTurnElement && last.isStreaming;
  }

  get lastUserText(): string | undefined {
    return this.turns.filter((turn): turn is UserTurnElement => turn instanceof UserTurnElement).at(-1)?.text;
  }

  setHasKey(hasKey: boolean): void {
    this.keyPrompt.hidden = hasKey;
  }

  show(conversation: ConversationSnapshot | null): void {
    this.context.scheduler.flush();
    for (const turn of this.turns) turn.dispose();
    this.turns = [];
    this.turnList.replaceChildren();
    for (const turn of conversation?.turns ?? []) this.appendTurnElement(turn);
    this.placeCompactionCards();
    this.refreshChrome();
    this.stickToBottom = true;
    this.scrollToBottom();
  }

  /** The compaction cards, each after the last turn it summarizes (placed again whenever the turns are redrawn or cut). */
  setCompactionCards(cards: readonly CompactionCard[]): void {
    this.compactionCards = [...cards];
    this.placeCompactionCards();
  }

  private placeCompactionCards(): void {
    for (const card of Array.from(this.turnList.querySelectorAll('.compaction-card'))) card.remove();
    for (const card of this.compactionCards) {
      const after = this.turns.find((turn) => turn.id === card.afterTurnId);
      after?.element.after(renderCompactionCard(card, this.context));
    }
  }

  appendTurn(turn: TurnView): void {
    if (this.turns.some((existing) => existing.id === turn.id)) {
      this.updateTurn(turn);
      return;
    }
    this.appendTurnElement(turn);
    if (turn.role === 'user') this.stickToBottom = true;
    this.refreshChrome();
    if (this.stickToBottom) this.scrollToBottom();
  }

  applyDelta(turnId: string, channel: 'reasoning' | 'text', text: string): void {
    const turn = this.findTurn(turnId);
    if (turn instanceof AssistantTurnElement) turn.appendDelta(channel, text);
  }

  updateTurn(turn: TurnView): void {
    const existing = this.findTurn(turn.id);
    if (turn.role === 'assistant' && existing instanceof AssistantTurnElement) {
      existing.update(turn);
    } else if (turn.role === 'user' && existing instanceof UserTurnElement) {
      existing.update(turn);
    } else {
      return;
    }
    this.refreshChrome();
    if (this.stickToBottom) this.scrollToBottom();
  }

  setRestorable(turnIds: readonly string[]): void {
    this.restorable = new Set(turnIds);
    this.refreshChrome();
  }

  /** Removes the turn with this id and everything after it. */
  truncateFrom(turnId: string): void {
    const index = this.turns.findIndex((turn) => turn.id === turnId);
    if (index < 0) return;
    this.context.scheduler.flush();
    for (const turn of this.turns.splice(index)) {
      turn.dispose();
      turn.element.remove();
    }
    this.placeCompactionCards();
    this.refreshChrome();
  }

  private findTurn(turnId: string): TurnElement | undefined {
    // Updates almost always concern the last turn: search from the end.
    for (let index = this.turns.length - 1; index >= 0; index--) {
      if (this.turns[index].id === turnId) return this.turns[index];
    }
    return undefined;
  }

  private appendTurnElement(turn: TurnView): void {
    const element = turn.role === 'user' ? new UserTurnElement(turn, this.context) : new AssistantTurnElement(turn, this.context);
    this.turns.push(element);
    this.turnList.append(element.element);
  }

  /** Welcome visibility and which turns offer Edit / Regenerate. */
  private refreshChrome(): void {
    this.welcome.hidden = this.turns.length > 0;
    const streaming = this.isStreaming;
    const lastUser = this.turns.filter((turn) => turn instanceof UserTurnElement).at(-1);
    const last = this.turns.at(-1);
    for (const turn of this.turns) {
      const available = !streaming && (turn === lastUser || (turn === last && turn instanceof AssistantTurnElement));
      turn.setActionsAvailable(available);
      if (turn instanceof UserTurnElement) turn.setRestoreAvailable(!streaming, this.restorable.has(turn.id));
    }
  }

  private scrollToBottom(): void {
    this.element.scrollTop = this.element.scrollHeight;
    this.lastScrollTop = this.element.scrollTop;
  }
}
