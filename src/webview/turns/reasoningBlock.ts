// The model's reasoning as a <details> block: open with a running clock while the model thinks, closed
// automatically once the answer starts (unless the user has toggled it), "Thought for 12s" afterwards.
import { codicon, h, setHidden } from '../dom';
import { formatDuration } from '../format';

export class ReasoningBlock {
  readonly element: HTMLDetailsElement;
  private readonly icon: HTMLSpanElement;
  private readonly label: HTMLSpanElement;
  private readonly body: HTMLDivElement;
  private shownText = '';
  private pendingText = '';
  private thinking = false;
  private startedAt: number | undefined;
  private finalMs: number | undefined;
  private clock: number | undefined;
  private userToggled = false;

  constructor() {
    this.icon = codicon('lightbulb');
    this.label = h('span', { className: 'reasoning-label', text: 'Reasoning' });
    const summary = h('summary', { className: 'reasoning-summary' }, codicon('chevron-right', 'reasoning-chevron'), this.icon, this.label);
    summary.addEventListener('click', () => {
      this.userToggled = true;
    });
    this.body = h('div', { className: 'reasoning-body' });
    this.element = h('details', { className: 'reasoning', testId: 'reasoning' }, summary, this.body);
    this.element.hidden = true;
  }

  get text(): string {
    return this.shownText + this.pendingText;
  }

  append(text: string): void {
    this.pendingText += text;
  }

  setText(text: string): void {
    const current = this.text;
    if (text === current) return;
    if (text.startsWith(current)) {
      this.pendingText += text.slice(current.length);
    } else {
      this.body.textContent = '';
      this.shownText = '';
      this.pendingText = text;
    }
  }

  /** Shows text that arrived since the last frame: one text node per frame, no re-rendering. */
  render(): void {
    if (this.pendingText) {
      this.body.append(this.pendingText);
      this.shownText += this.pendingText;
      this.pendingText = '';
    }
    setHidden(this.element, this.shownText.length === 0);
    if (this.thinking && this.startedAt === undefined && this.shownText) {
      this.startedAt = performance.now();
      if (!this.userToggled) this.element.open = true;
      this.startClock();
    }
    this.renderLabel();
  }

  /** `thinking`: reasoning is still streaming and no answer text has arrived yet. */
  setThinking(thinking: boolean, reasoningMs: number | undefined): void {
    if (reasoningMs !== undefined) this.finalMs = reasoningMs;
    if (thinking === this.thinking) return;
    this.thinking = thinking;
    if (!thinking) {
      if (this.startedAt !== undefined && this.finalMs === undefined) this.finalMs = performance.now() - this.startedAt;
      this.stopClock();
      if (!this.userToggled) this.element.open = false;
    }
    this.renderLabel();
  }

  dispose(): void {
    this.stopClock();
  }

  private renderLabel(): void {
    let label = 'Reasoning';
    if (this.thinking) {
      const elapsed = this.startedAt === undefined ? 0 : performance.now() - this.startedAt;
      label = `Thinking… ${formatDuration(elapsed)}`;
    } else if (this.finalMs !== undefined) {
      // A think under a second would read "Thought for 0s", as if nothing happened.
      label = this.finalMs < 1000 ? 'Thought for under a second' : `Thought for ${formatDuration(this.finalMs)}`;
    }
    if (this.label.textContent !== label) this.label.textContent = label;
    const iconClass = this.thinking ? 'codicon codicon-loading codicon-modifier-spin' : 'codicon codicon-lightbulb';
    if (this.icon.className !== iconClass) this.icon.className = iconClass;
  }

  private startClock(): void {
    this.stopClock();
    this.clock = window.setInterval(() => this.renderLabel(), 1000);
  }

  private stopClock(): void {
    if (this.clock !== undefined) window.clearInterval(this.clock);
    this.clock = undefined;
  }
}
