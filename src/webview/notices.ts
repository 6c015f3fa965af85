// Short messages to the user (from the host's `notice` or the webview itself): a dismissible bar that
// clears itself after a while, announced to screen readers.
import type { NoticeLevel } from './chatContext';
import { button, codicon, h } from './dom';

const levelIcons: Record<NoticeLevel, string> = { info: 'info', warning: 'warning', error: 'error' };
const visibleMs: Record<NoticeLevel, number> = { info: 6_000, warning: 10_000, error: 15_000 };
const maxNotices = 3;

export class NoticeArea {
  readonly element = h('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });

  /** A notice of a group replaces the one before it. */
  show(level: NoticeLevel, message: string, group?: string): void {
    if (group) this.clear(group);
    const notice = h('div', { className: 'notice', testId: 'notice', attrs: { 'data-level': level, ...(group ? { 'data-group': group } : {}) } }, codicon(levelIcons[level]), h('span', { className: 'notice-text', text: message }));
    const timer = window.setTimeout(() => notice.remove(), visibleMs[level]);
    notice.append(
      button({
        icon: 'close',
        title: 'Dismiss',
        onClick: () => {
          window.clearTimeout(timer);
          notice.remove();
        },
      }),
    );
    this.element.append(notice);
    while (this.element.childElementCount > maxNotices) this.element.firstElementChild?.remove();
  }

  /** Removes the notices of a group (the retry notices once the turn has ended). */
  clear(group: string): void {
    for (const notice of this.element.querySelectorAll(`[data-group="${group}"]`)) notice.remove();
  }
}
