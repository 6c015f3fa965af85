// The mode switch in the input toolbar: Ask (no tools), Plan (reads and plans, changes nothing), Agent.
import { chatModeLabels, chatModes, type ChatMode } from '../../common/modes/modeNames';
import type { ChatContext } from '../chatContext';
import { h } from '../dom';

const modeTitles: Record<ChatMode, string> = {
  ask: 'Ask: Kimi answers without tools',
  plan: 'Plan: Kimi reads the workspace and writes a plan and a todo list for you to approve; nothing changes',
  agent: 'Agent: Kimi reads, proposes edits and runs commands, each as your approval settings say',
};

export class ModePicker {
  readonly element: HTMLSelectElement;

  constructor(private readonly context: ChatContext) {
    this.element = h(
      'select',
      { className: 'model-picker mode-picker', testId: 'mode-picker', attrs: { 'aria-label': 'Chat mode' } },
      ...chatModes.map((mode) => h('option', { text: chatModeLabels[mode], attrs: { value: mode } })),
    );
    this.element.addEventListener('change', () => {
      const mode = chatModes.find((candidate) => candidate === this.element.value);
      if (mode) {
        this.describe(mode);
        this.context.host.post({ type: 'setMode', mode });
      }
    });
    this.set('agent');
  }

  set(mode: ChatMode): void {
    this.element.value = mode;
    this.describe(mode);
  }

  private describe(mode: ChatMode): void {
    this.element.title = modeTitles[mode];
    this.element.dataset.mode = mode;
  }
}
