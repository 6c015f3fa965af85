// The frame both lists pinned above the input share (pending changes, background processes): a labelled
// section with a heading line, optional header actions and a list whose rows the owner builds. Hidden
// until the owner has rows to show, so an empty list takes no room above the input.
import { clearChildren, h, setHidden } from './dom';

export interface PinnedListOptions {
  testId: string;
  label: string;
  /** Added to `pending-changes`, the class whose styles the lists share. */
  extraClass?: string;
  actions?: HTMLElement[];
}

export class PinnedListPanel {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list = h('ul', { className: 'pending-changes-list', attrs: { role: 'list' } });

  constructor(options: PinnedListOptions) {
    this.heading = h('span', { className: 'pending-changes-heading', testId: `${options.testId}-heading` });
    this.element = h(
      'section',
      { className: ['pending-changes', options.extraClass].filter(Boolean).join(' '), testId: options.testId, attrs: { 'aria-label': options.label } },
      h('div', { className: 'pending-changes-header' }, this.heading, ...(options.actions ?? [])),
      this.list,
    );
    this.element.hidden = true;
  }

  /** Shows `rows` under `heading`, or hides the panel when `heading` is undefined. */
  show(heading: string | undefined, rows: () => HTMLElement[]): void {
    setHidden(this.element, heading === undefined);
    if (heading === undefined) {
      clearChildren(this.list);
      return;
    }
    this.heading.textContent = heading;
    this.list.replaceChildren(...rows());
  }
}
