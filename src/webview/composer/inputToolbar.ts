// The controls under the prompt: model picker, thinking toggle and context meter (tokens used of the window).
import type { ContextUsage, ModelOption } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { formatCompactTokens, formatTokens } from '../format';

export class ModelPicker {
  readonly element: HTMLSelectElement;
  private models: ModelOption[] = [];

  constructor(private readonly context: ChatContext) {
    this.element = h('select', { className: 'model-picker', testId: 'model-picker', title: 'Model', attrs: { 'aria-label': 'Model' } });
    this.element.addEventListener('change', () => {
      this.context.host.post({ type: 'selectModel', id: this.element.value });
    });
  }

  get selected(): ModelOption | undefined {
    return this.models.find((model) => model.id === this.element.value);
  }

  set(models: readonly ModelOption[], selectedId: string): void {
    this.models = [...models];
    const options = models.map((model) => h('option', { text: model.label, attrs: { value: model.id } }));
    // A model set in the settings but missing from the catalog still shows as selected.
    if (selectedId && !models.some((model) => model.id === selectedId)) {
      options.push(h('option', { text: selectedId, attrs: { value: selectedId } }));
    }
    this.element.replaceChildren(...options);
    this.element.value = selectedId;
    this.element.disabled = options.length === 0;
  }

  select(selectedId: string): void {
    this.set(this.models, selectedId);
  }
}

export class ThinkingToggle {
  readonly element: HTMLButtonElement;
  private enabled = true;
  private unavailable: string | null = null;

  constructor(private readonly context: ChatContext) {
    this.element = h(
      'button',
      { className: 'toggle-button', testId: 'thinking-toggle', attrs: { type: 'button', 'aria-pressed': 'true' } },
      codicon('lightbulb'),
      h('span', { className: 'toggle-label', text: 'Thinking' }),
    );
    this.element.addEventListener('click', () => {
      if (this.unavailable) return;
      this.set(!this.enabled);
      this.context.host.post({ type: 'setThinking', enabled: this.enabled });
    });
    this.set(true);
  }

  set(enabled: boolean): void {
    this.enabled = enabled;
    this.element.setAttribute('aria-pressed', String(enabled));
    this.describe();
  }

  /** Where the provider cannot switch thinking, the toggle shows what happens and why, and does nothing. */
  setUnavailable(reason: string | null): void {
    this.unavailable = reason;
    this.element.setAttribute('aria-disabled', String(reason !== null));
    this.element.classList.toggle('unavailable', reason !== null);
    this.describe();
  }

  private describe(): void {
    if (this.unavailable) {
      this.element.title = this.unavailable;
      this.element.setAttribute('aria-label', `Thinking ${this.enabled ? 'always on' : 'off'}: ${this.unavailable}`);
      return;
    }
    this.element.removeAttribute('aria-label');
    this.element.title = this.enabled ? 'Thinking is on: Kimi reasons before answering. Click to turn off.' : 'Thinking is off. Click to let Kimi reason before answering.';
  }
}

export class ContextMeter {
  readonly element: HTMLElement;
  private readonly fill = h('span', { className: 'meter-fill' });
  private readonly label = h('span', { className: 'meter-label' });
  /** A narrow side bar has no room for "13k / 262k": it shows the share of the window instead. */
  private readonly shortLabel = h('span', { className: 'meter-label-short', attrs: { 'aria-hidden': 'true' } });

  constructor() {
    this.element = h('div', { className: 'context-meter', testId: 'context-meter' }, h('span', { className: 'meter-bar' }, this.fill), this.label, this.shortLabel);
    this.set(null);
  }

  set(usage: ContextUsage | null): void {
    this.element.hidden = usage === null || usage.window === 0;
    if (!usage || usage.window === 0) return;
    const ratio = Math.min(1, usage.used / usage.window);
    // CSSOM writes are allowed by the CSP (inline style attributes are not).
    this.fill.style.width = `${(ratio * 100).toFixed(1)}%`;
    this.element.dataset.level = ratio > 0.95 ? 'critical' : ratio > 0.8 ? 'high' : 'normal';
    this.label.textContent = `${formatCompactTokens(usage.used)} / ${formatCompactTokens(usage.window)}`;
    this.shortLabel.textContent = `${Math.round(ratio * 100)}%`;
    this.element.title = `Context: ${formatTokens(usage.used)} of ${formatTokens(usage.window)} tokens (${Math.round(ratio * 100)}%)`;
  }
}
