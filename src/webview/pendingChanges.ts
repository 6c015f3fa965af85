// The panel above the input that lists the turn's proposed changes while any of them awaits an answer: each
// file with its +/− and status (a click opens its diff), and Accept All / Reject All for every open review.
import type { PendingChangeStatus, PendingChangeView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, codicon, h } from './dom';
import { PinnedListPanel } from './pinnedListPanel';

const statusText: Record<PendingChangeStatus, string> = {
  'awaiting-review': 'awaiting review',
  'partly-accepted': 'partly accepted',
  accepted: 'accepted',
  rejected: 'rejected',
  conflict: 'conflict',
};

const statusIcon: Record<PendingChangeStatus, string> = {
  'awaiting-review': 'circle-outline',
  'partly-accepted': 'pass',
  accepted: 'check',
  rejected: 'close',
  conflict: 'warning',
};

export class PendingChangesPanel {
  private readonly panel: PinnedListPanel;
  readonly element: HTMLElement;

  constructor(private readonly context: ChatContext) {
    this.panel = new PinnedListPanel({
      testId: 'pending-changes',
      label: 'Pending changes',
      actions: [
        button({ icon: 'check-all', label: 'Accept All', title: 'Accept every pending change of this turn', testId: 'pending-accept-all', onClick: () => context.host.post({ type: 'acceptAllPending' }) }),
        button({ icon: 'close-all', label: 'Reject All', title: 'Reject every pending change of this turn', testId: 'pending-reject-all', onClick: () => context.host.post({ type: 'rejectAllPending' }) }),
      ],
    });
    this.element = this.panel.element;
  }

  /** Shows the list while any change is awaiting an answer; once all are answered it goes away. */
  setChanges(changes: readonly PendingChangeView[]): void {
    const open = new Set(changes.filter((change) => change.open).map((change) => change.reviewId));
    const heading = open.size === 0 ? undefined : `${open.size} of ${changes.length} ${changes.length === 1 ? 'change' : 'changes'} pending`;
    this.panel.show(heading, () => changes.map((change) => this.row(change, open.has(change.reviewId))));
  }

  private row(change: PendingChangeView, open: boolean): HTMLElement {
    const name = change.relativePath.split('/').pop() || change.relativePath;
    const label = `${change.relativePath}: +${change.added} −${change.removed}, ${statusText[change.status]}`;
    const content = [
      codicon(statusIcon[change.status], 'pending-change-icon'),
      h('span', { className: 'pending-change-name', text: name }),
      h('span', { className: 'pending-change-path', text: change.relativePath === name ? '' : change.relativePath }),
      h('span', { className: 'pending-change-added', text: `+${change.added}` }),
      h('span', { className: 'pending-change-removed', text: `−${change.removed}` }),
      h('span', { className: 'pending-change-status', text: statusText[change.status] }),
    ];
    const item = h('li', { className: 'pending-change', testId: 'pending-change', attrs: { 'data-status': change.status, 'data-review-id': change.reviewId } });
    if (open) {
      const opener = h('button', { className: 'pending-change-open', title: `Open the diff: ${label}`, attrs: { type: 'button', 'aria-label': `Open ${label}` } }, ...content);
      opener.addEventListener('click', () => this.context.host.post({ type: 'openPendingChange', reviewId: change.reviewId }));
      item.append(opener);
    } else {
      item.append(h('div', { className: 'pending-change-open', title: label }, ...content));
    }
    return item;
  }
}
