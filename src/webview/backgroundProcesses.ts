// The list above the input of the commands the agent keeps running (dev servers, watchers): each with its
// state and a Stop button while it runs. Shown while the host reports any; the host stops them with their
// conversation, so the list is the open conversation's (and any still stopping).
import type { BackgroundProcessView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, clearChildren, codicon, h, setHidden } from './dom';

export class BackgroundProcessesPanel {
  readonly element: HTMLElement;
  private readonly heading = h('span', { className: 'pending-changes-heading', testId: 'background-processes-heading' });
  private readonly list = h('ul', { className: 'pending-changes-list', attrs: { role: 'list' } });

  constructor(private readonly context: ChatContext) {
    this.element = h(
      'section',
      { className: 'pending-changes background-processes', testId: 'background-processes', attrs: { 'aria-label': 'Background processes' } },
      h('div', { className: 'pending-changes-header' }, this.heading),
      this.list,
    );
    this.element.hidden = true;
  }

  setProcesses(processes: readonly BackgroundProcessView[]): void {
    setHidden(this.element, processes.length === 0);
    if (processes.length === 0) {
      clearChildren(this.list);
      return;
    }
    const running = processes.filter((process) => process.state === 'running').length;
    this.heading.textContent = `${running} of ${processes.length} background ${processes.length === 1 ? 'process' : 'processes'} running`;
    this.list.replaceChildren(...processes.map((process) => this.row(process)));
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
