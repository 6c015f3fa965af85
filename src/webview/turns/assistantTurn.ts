// One answer from Kimi: reasoning, the streamed markdown with its tool cards in place, an error card and the usage footer.
// Deltas are buffered and rendered once per frame; `update` applies the host's full view of the turn.
import type { AssistantTurnView } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { button, codicon, h, setHidden } from '../dom';
import { AnswerBody } from './answerBody';
import { renderErrorCard } from './errorCard';
import { ReasoningBlock } from './reasoningBlock';
import { renderUsageFooter } from './usageFooter';

const endOfAnswer: Record<Exclude<AssistantTurnView['status'], 'streaming'>, string> = {
  done: 'Kimi finished answering.',
  stopped: 'Kimi stopped answering.',
  error: 'Kimi could not finish the answer.',
};

export class AssistantTurnElement {
  readonly element: HTMLElement;
  private readonly reasoning = new ReasoningBlock();
  private readonly answer: AnswerBody;
  private readonly errorSlot = h('div', { className: 'error-slot' });
  private readonly footerSlot = h('div', { className: 'footer-slot' });
  private readonly actions: HTMLElement;
  private readonly stoppedNote = h('div', { className: 'stopped-note', testId: 'stopped-note' }, codicon('debug-stop'), h('span', { text: 'Stopped. The answer so far is kept; Regenerate asks again.' }));
  private readonly progress = h('div', { className: 'progress' }, codicon('loading', 'codicon-modifier-spin'), h('span', { text: 'Working…' }));
  private turn: AssistantTurnView;
  private shownErrorKey = '';
  private readonly render = () => this.renderNow();

  constructor(
    turn: AssistantTurnView,
    private readonly context: ChatContext,
  ) {
    this.turn = turn;
    this.answer = new AnswerBody(context);
    this.actions = h(
      'div',
      { className: 'turn-actions' },
      button({
        icon: 'copy',
        title: 'Copy Answer',
        onClick: () => {
          this.context.host.post({ type: 'copyCode', code: this.answer.text });
          this.context.announce('Answer copied');
        },
      }),
      button({ icon: 'refresh', title: 'Regenerate', testId: 'regenerate', onClick: () => this.context.host.post({ type: 'regenerate' }) }),
    );
    this.element = h(
      'article',
      // Focusable (not in the Tab order) for message-by-message navigation; the heading lets a screen reader jump between messages.
      { className: 'turn assistant-turn', testId: 'assistant-turn', attrs: { 'aria-label': 'Kimi', tabindex: '-1', 'data-turn-id': turn.id } },
      h('header', { className: 'turn-header' }, codicon('sparkle', 'avatar'), h('h2', { className: 'turn-author', text: 'Kimi' })),
      this.reasoning.element,
      this.answer.element,
      this.progress,
      this.stoppedNote,
      this.errorSlot,
      this.footerSlot,
      this.actions,
    );
    this.applyTurn(turn);
    this.renderNow();
  }

  get id(): string {
    return this.turn.id;
  }

  get isStreaming(): boolean {
    return this.turn.status === 'streaming';
  }

  appendDelta(channel: 'reasoning' | 'text', text: string): void {
    if (channel === 'reasoning') {
      this.reasoning.append(text);
    } else {
      this.answer.append(text);
    }
    this.context.scheduler.schedule(this.render);
  }

  update(turn: AssistantTurnView): void {
    this.applyTurn(turn);
    this.context.scheduler.schedule(this.render);
  }

  /** Only the last answer offers Regenerate, and not while anything streams. */
  setActionsAvailable(available: boolean): void {
    setHidden(this.actions, !available);
  }

  dispose(): void {
    this.reasoning.dispose();
  }

  private applyTurn(turn: AssistantTurnView): void {
    // Said once when a streamed answer ends (not for answers restored from history): the log itself is busy while it streams.
    if (this.turn.status === 'streaming' && turn.status !== 'streaming') this.context.announce(endOfAnswer[turn.status]);
    this.turn = turn;
    this.reasoning.setText(turn.reasoning);
    this.answer.setContent(turn.text, turn.toolCalls, turn.subagents);
    this.element.dataset.status = turn.status;
    // Screen readers announce the answer once it is complete, not every streamed fragment.
    this.element.setAttribute('aria-busy', String(turn.status === 'streaming'));
    this.renderError();
    setHidden(this.stoppedNote, !(turn.status === 'stopped' && !turn.error));
    this.footerSlot.replaceChildren(...[renderUsageFooter(turn)].filter((footer) => footer !== null));
  }

  private renderNow(): void {
    this.answer.render(!this.isStreaming);
    // Thinking ends when the model starts answering, either in words or with a tool call.
    const answering = this.answer.hasText || this.turn.toolCalls.length > 0;
    this.reasoning.setThinking(this.isStreaming && !answering, this.turn.reasoningMs);
    this.reasoning.render();
    setHidden(this.progress, !(this.isStreaming && !answering && this.reasoning.text.length === 0));
  }

  private renderError(): void {
    const key = this.turn.error ? JSON.stringify(this.turn.error) : '';
    if (key === this.shownErrorKey) return;
    this.shownErrorKey = key;
    this.errorSlot.replaceChildren(...(this.turn.error ? [renderErrorCard(this.turn.error, this.turn.id, this.context)] : []));
  }
}
