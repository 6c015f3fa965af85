// Moving through the conversation one message at a time from the keyboard, as in VS Code's own chat:
// Ctrl+Up / Ctrl+Down (Cmd on macOS) go to the previous / next message, from the input to the last one;
// past the last message, or with Escape, focus returns to the input. The host is told whether the chat has
// the focus and which answer has it: "Open Answer in Accessible View" opens that one rather than the last,
// and Ctrl+Alt+K I, pressed in the chat, returns to the editor.
import type { HostBridge } from './hostBridge';

export interface MessageNavigationParts {
  root: HTMLElement;
  /** The messages in order (each an article that can take the focus). */
  messages(): HTMLElement[];
  focusInput(): void;
  isInput(element: Element): boolean;
}

export class MessageNavigation {
  /** What the host was last told; it starts from what it assumes (the chat has no focus yet). */
  private reported = { chatHasFocus: false, answerId: null as string | null };
  private chatHasFocus = false;
  private answerId: string | null = null;

  constructor(
    private readonly parts: MessageNavigationParts,
    private readonly host: HostBridge,
  ) {
    parts.root.addEventListener('keydown', (event) => this.onKeyDown(event));
    parts.root.addEventListener('focusin', (event) => this.reportFocus(event.target as Element));
    window.addEventListener('focus', () => {
      this.chatHasFocus = true;
      this.report();
    });
    // Focus in the editor (or anywhere outside the chat): the accessible view then opens the last answer.
    window.addEventListener('blur', () => {
      this.chatHasFocus = false;
      this.answerId = null;
      this.report();
    });
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as Element;
    const current = target.closest<HTMLElement>('.turn');
    const commandKey = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (commandKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      // Inside a text field (a message being edited, a title) Ctrl+Arrow is the editing key it always was; not in the message input.
      if (isTextField(target) && !this.parts.isInput(target)) return;
      event.preventDefault();
      this.move(current, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'Escape' && current && !isTextField(target)) {
      event.preventDefault();
      this.parts.focusInput();
    }
  }

  private move(current: HTMLElement | null, step: -1 | 1): void {
    const messages = this.parts.messages();
    if (messages.length === 0) return;
    const index = current ? messages.indexOf(current) : messages.length;
    const next = index + step;
    if (next >= messages.length) {
      this.parts.focusInput();
      return;
    }
    const message = messages[Math.max(0, next)];
    message.focus();
    message.scrollIntoView({ block: 'nearest' });
  }

  /** A message itself took the focus (these keys, or a screen reader's), or the focus left the messages. */
  private reportFocus(target: Element): void {
    if (target.classList.contains('turn')) this.answerId = target.classList.contains('assistant-turn') ? ((target as HTMLElement).dataset.turnId ?? null) : null;
    else if (!target.closest('.turn')) this.answerId = null;
    this.report();
  }

  /** Posts only changes: focus moves often, the host needs to know little. */
  private report(): void {
    const now = { chatHasFocus: this.chatHasFocus, answerId: this.answerId };
    if (now.chatHasFocus === this.reported.chatHasFocus && now.answerId === this.reported.answerId) return;
    this.reported = now;
    this.host.post({ type: 'focusChanged', ...now });
  }
}

function isTextField(element: Element): boolean {
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && element.type === 'text');
}
