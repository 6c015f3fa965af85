// The list above the input of the commands the agent keeps running (dev servers, watchers): each with its
// state and a Stop button while it runs. Shown while the host reports any; the host stops them with their
// conversation, so the list is the open conversation's (and any still stopping).
import type { BackgroundProcessView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, codicon, h } from './dom';
import { PinnedListPanel } from './pinnedListPanel';

export class BackgroundProcessesPanel {
  private readonly panel = new PinnedListPanel({ testId: 'background-processes', label: 'Background processes', extraClass: 'background-processes' });
  readonly element = this.panel.element;

  constructor(private readonly context: ChatContext) {}

  setProcesses(processes: readonly BackgroundProcessView[]): void {
    const running = processes.filter((process) => process.state === 'running').length;
    const heading = processes.length === 0 ? undefined : `${running} of ${processes.length} background ${processes.length === 1 ? 'process' : 'processes'} running`;
    this.panel.show(heading, () => processes.map((process) => this.row(process)));
  }

  private row(process: BackgroundProcessView): HTMLElement {
    const state = process.state === 'running' ? 'running' : process.state === 'stopped' ? 'stopped' : `exited (${process.exitCode ?? '?'})`;
    const item = h(
      'li',
      { className: 'pending-change-open background-process', testId: 'background-process', attrs: { 'data-state': process.state, 'data-id': process.id } },
      codicon(process.state === 'running' ? 'server-process' : 'circle-slash', 'pending-change-icon'),
      h('span', { className: 'pending-change-name', text: process.id }),
      h('span', { className: 'pending-change-path', text: process.command, title: process.command }),
      h('span', { className: 'pending-change-status', text: state }),
    );
    if (process.state === 'running') {
      item.append(button({ icon: 'debug-stop', title: `Stop ${process.id}: ${process.command}`, testId: 'background-process-stop', onClick: () => this.context.host.post({ type: 'stopBackgroundProcess', id: process.id, owner: process.owner }) }));
    }
    return item;
  }
}
