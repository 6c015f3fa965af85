// Tells screen-reader users what changed without moving their focus (an answer finished, code was copied):
// one visually hidden polite live region, so a message is read once, after what the reader is saying now.
import { h } from './dom';

export class Announcer {
  readonly element = h('div', { className: 'visually-hidden', testId: 'announcer', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
  private timer: number | undefined;

  announce(message: string): void {
    // Emptied first, then filled a moment later: the same sentence twice in a row is still read twice.
    window.clearTimeout(this.timer);
    this.element.textContent = '';
    this.timer = window.setTimeout(() => {
      this.element.textContent = message;
    }, 50);
  }
}
