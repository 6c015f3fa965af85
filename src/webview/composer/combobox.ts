// The ARIA combobox pattern (1.2) between the message input and a suggestion popup (`@` context, or any
// other list typed into the input): the input says whether a list is open, which list, and which option
// is active, so a screen reader reads the option the arrow keys moved to while the focus stays in the input.
export class ComboboxWiring {
  private static counter = 0;
  readonly listboxId: string;

  constructor(
    private readonly input: HTMLElement,
    listbox: HTMLElement,
    label: string,
  ) {
    this.listboxId = listbox.id || `listbox-${++ComboboxWiring.counter}`;
    listbox.id = this.listboxId;
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', label);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-haspopup', 'listbox');
    this.closed();
  }

  /** The id an option of this list carries. */
  optionId(index: number): string {
    return `${this.listboxId}-option-${index}`;
  }

  /** The list is shown; `activeIndex` is the highlighted option (undefined when the list is empty). */
  opened(activeIndex: number | undefined): void {
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-controls', this.listboxId);
    if (activeIndex === undefined) this.input.removeAttribute('aria-activedescendant');
    else this.input.setAttribute('aria-activedescendant', this.optionId(activeIndex));
  }

  closed(): void {
    // Only one list may own the input: a list closing while another is open leaves the input to that one.
    if (this.input.getAttribute('aria-controls') !== this.listboxId && this.input.getAttribute('aria-expanded') === 'true') return;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-controls', this.listboxId);
    this.input.removeAttribute('aria-activedescendant');
  }
}
