// One message from the user: its text (as typed, never interpreted as markdown), the context chips and
// images sent with it, and, on the last message, Edit to change it and ask again.
import type { UserTurnView } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { renderChip } from '../composer/chips';
import { button, codicon, h, setHidden } from '../dom';

export class UserTurnElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly actions: HTMLElement;
  /** Checkpoints: "Restore files to here" (when the files changed since) and "Restore conversation to here". */
  private readonly restoreActions: HTMLElement;
  private readonly restoreFilesButton: HTMLButtonElement;
  private turn: UserTurnView;

  constructor(
    turn: UserTurnView,
    private readonly context: ChatContext,
  ) {
    this.turn = turn;
    this.body = h('div', { className: 'user-message' });
    this.actions = h('div', { className: 'turn-actions' }, button({ icon: 'edit', title: 'Edit and Resend', testId: 'edit', onClick: () => this.startEditing() }));
    this.restoreFilesButton = button({
      icon: 'discard',
      title: 'Restore files to here: undo the file changes Kimi made from this message on (shows the diff first)',
      testId: 'restore-files',
      onClick: () => context.host.post({ type: 'restoreFiles', turnId: this.turn.id }),
    });
    this.restoreActions = h(
      'div',
      { className: 'turn-actions restore-actions' },
      this.restoreFilesButton,
      button({
        icon: 'history',
        title: 'Restore conversation to here: remove this message and everything after it (files stay as they are)',
        testId: 'restore-conversation',
        onClick: () => context.host.post({ type: 'restoreConversation', turnId: this.turn.id }),
      }),
    );
    this.element = h(
      'article',
      { className: 'turn user-turn', testId: 'user-turn', attrs: { 'aria-label': 'You', tabindex: '-1', 'data-turn-id': turn.id } },
      h('header', { className: 'turn-header' }, codicon('account', 'avatar'), h('h2', { className: 'turn-author', text: 'You' })),
      this.body,
      h('div', { className: 'user-turn-actions' }, this.actions, this.restoreActions),
    );
    this.renderBody();
  }

  get id(): string {
    return this.turn.id;
  }

  get text(): string {
    return this.turn.text;
  }

  update(turn: UserTurnView): void {
    this.turn = turn;
    this.renderBody();
  }

  setActionsAvailable(available: boolean): void {
    setHidden(this.actions, !available);
  }

  /** Restores are offered while nothing streams; files only when a restore would change some. */
  setRestoreAvailable(available: boolean, filesRestorable: boolean): void {
    setHidden(this.restoreActions, !available);
    setHidden(this.restoreFilesButton, !filesRestorable);
  }

  dispose(): void {}

  private renderBody(): void {
    const chips = this.turn.chips.length > 0 ? h('div', { className: 'chips' }, ...this.turn.chips.map((chip) => renderChip(chip))) : null;
    const images =
      this.turn.images.length > 0
        ? h('div', { className: 'thumbnails' }, ...this.turn.images.map((image) => h('img', { className: 'thumbnail', title: image.name, attrs: { src: image.dataUrl, alt: image.name } })))
        : null;
    this.body.replaceChildren(...[h('div', { className: 'user-text', text: this.turn.text }), chips, images].filter((part) => part !== null));
  }

  private startEditing(): void {
    const editor = h('textarea', { className: 'edit-input', attrs: { rows: '3', 'aria-label': 'Edit message' } });
    editor.value = this.turn.text;
    const submit = () => {
      const text = editor.value.trim();
      if (text && this.context.host.post({ type: 'editAndResend', turnId: this.turn.id, text })) this.renderBody();
    };
    editor.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') {
        this.renderBody();
      }
    });
    this.body.replaceChildren(
      editor,
      h(
        'div',
        { className: 'edit-actions' },
        button({ label: 'Send', title: 'Send the edited message', className: 'primary', onClick: submit }),
        button({ label: 'Cancel', title: 'Keep the original message', className: 'secondary', onClick: () => this.renderBody() }),
      ),
    );
    editor.focus();
    editor.setSelectionRange(editor.value.length, editor.value.length);
  }
}
