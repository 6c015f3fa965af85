// The prompt box: a growing textarea (Enter sends, Shift+Enter breaks the line, Up in an empty box recalls
// the last message), context chips, image attachments, `@` mentions, and Send / Stop.
import type { ContextChip, ContextUsage, ImageAttachment, ModelOption, SlashCommand } from '../../common/protocol';
import { protocolLimits } from '../../common/protocolLimits';
import type { ChatMode } from '../../common/modes/modeNames';
import type { ChatContext } from '../chatContext';
import { button, h, setHidden } from '../dom';
import { renderChip } from './chips';
import { prepareImage } from './images';
import { ContextMeter, ModelPicker, ThinkingToggle } from './inputToolbar';
import { MentionPopup, mentionQueryAt } from './mentions';
import { ModePicker } from './modePicker';
import { SlashCommandPopup, slashCommandText, slashQueryAt } from './slashCommands';

export interface ComposerOptions {
  /** The text of the last user message in the conversation, for Up-arrow recall. */
  lastUserText(): string | undefined;
}

export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly chipsRow = h('div', { className: 'chips composer-chips' });
  private readonly thumbnails = h('div', { className: 'thumbnails composer-thumbnails' });
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly fileInput: HTMLInputElement;
  private readonly mentions: MentionPopup;
  private readonly slashCommands: SlashCommandPopup;
  private readonly modelPicker: ModelPicker;
  private readonly modePicker: ModePicker;
  private readonly thinkingToggle: ThinkingToggle;
  private readonly contextMeter = new ContextMeter();
  private chips: ContextChip[] = [];
  private images: ImageAttachment[] = [];
  private busy = false;
  private lastSentText: string | undefined;
  private draftTimer: number | undefined;

  constructor(
    private readonly context: ChatContext,
    private readonly options: ComposerOptions,
  ) {
    this.textarea = h('textarea', {
      className: 'prompt-input',
      testId: 'prompt-input',
      attrs: { rows: '1', placeholder: 'Ask Kimi, @ to add context', 'aria-label': 'Message Kimi' },
    });
    this.mentions = new MentionPopup(context, this.textarea, (chip) => this.pickMention(chip));
    this.slashCommands = new SlashCommandPopup(context, this.textarea, (command) => this.setText(slashCommandText(command)));
    this.modelPicker = new ModelPicker(context);
    this.modePicker = new ModePicker(context);
    this.thinkingToggle = new ThinkingToggle(context);
    this.sendButton = button({ icon: 'send', title: 'Send (Enter)', testId: 'send', className: 'send-button', onClick: () => this.send() });
    this.stopButton = button({ icon: 'debug-stop', title: 'Stop', testId: 'stop', className: 'stop-button', onClick: () => this.context.host.post({ type: 'stop' }) });
    this.fileInput = h('input', { attrs: { type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', multiple: '' } });
    this.fileInput.hidden = true;
    this.fileInput.addEventListener('change', () => {
      void this.addFiles(Array.from(this.fileInput.files ?? []));
      this.fileInput.value = '';
    });

    const toolbar = h(
      'div',
      { className: 'input-toolbar' },
      button({ icon: 'mention', title: 'Add Context (@)', onClick: () => this.startMention() }),
      button({ icon: 'file-media', title: 'Attach Image', onClick: () => this.fileInput.click() }),
      this.modePicker.element,
      this.modelPicker.element,
      this.thinkingToggle.element,
      h('span', { className: 'spacer' }),
      this.contextMeter.element,
      this.sendButton,
      this.stopButton,
    );
    const inputBox = h('div', { className: 'input-box' }, this.chipsRow, this.thumbnails, this.textarea, toolbar);
    // A named region: the input is a landmark of its own, as the conversation is.
    this.element = h('section', { className: 'composer', attrs: { 'aria-label': 'Message input' } }, this.mentions.element, this.slashCommands.element, inputBox, this.fileInput);

    this.textarea.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.textarea.addEventListener('input', () => this.onInput());
    this.textarea.addEventListener('blur', () => {
      this.mentions.close();
      this.slashCommands.close();
    });
    this.textarea.addEventListener('paste', (event) => {
      const files = Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
      if (files.length === 0) return;
      event.preventDefault();
      void this.addFiles(files);
    });
    this.renderChips();
    this.setBusy(false);
  }

  get selectedModelId(): string {
    return this.modelPicker.element.value;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    setHidden(this.sendButton, busy);
    setHidden(this.stopButton, !busy);
  }

  setChips(chips: readonly ContextChip[]): void {
    this.chips = [...chips];
    this.renderChips();
  }

  setModels(models: readonly ModelOption[], selectedId: string): void {
    this.modelPicker.set(models, selectedId);
  }

  selectModel(selectedId: string): void {
    this.modelPicker.select(selectedId);
  }

  setMode(mode: ChatMode): void {
    this.modePicker.set(mode);
  }

  setThinking(enabled: boolean): void {
    this.thinkingToggle.set(enabled);
  }

  setThinkingUnavailable(reason: string | null): void {
    this.thinkingToggle.setUnavailable(reason);
  }

  setContextUsage(usage: ContextUsage | null): void {
    this.contextMeter.set(usage);
  }

  /** The draft VS Code kept, unless the user has started typing in the moment before it could be read. */
  restoreDraft(draft: string): void {
    if (this.textarea.value === '') this.textarea.value = draft;
  }

  setText(text: string): void {
    this.textarea.value = text;
    this.saveDraftSoon();
    this.focus();
  }

  focus(): void {
    this.textarea.focus();
    this.textarea.setSelectionRange(this.textarea.value.length, this.textarea.value.length);
  }

  receiveMentions(requestId: string, items: readonly ContextChip[]): void {
    this.mentions.receive(requestId, items);
  }

  receiveSlashCommands(requestId: string, items: readonly SlashCommand[]): void {
    this.slashCommands.receive(requestId, items);
  }

  async addFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const model = this.modelPicker.selected;
    if (model && !model.supportsImages) {
      this.context.notify('warning', `${model.label} does not accept images. Choose a model that does, or describe the image in text.`);
      return;
    }
    for (const file of files) {
      if (this.images.length >= protocolLimits.imagesPerMessage) {
        this.context.notify('warning', `At most ${protocolLimits.imagesPerMessage} images can go with one message.`);
        break;
      }
      const prepared = await prepareImage(file);
      if (prepared.ok) {
        this.images.push(prepared.image);
      } else {
        this.context.notify('warning', prepared.reason);
      }
    }
    this.renderThumbnails();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.mentions.handleKey(event) || this.slashCommands.handleKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'ArrowUp' && !event.ctrlKey && !event.metaKey && !event.altKey && this.textarea.value === '') {
      const recalled = this.options.lastUserText() ?? this.lastSentText;
      if (!recalled) return;
      event.preventDefault();
      this.setText(recalled);
    }
  }

  private onInput(): void {
    this.saveDraftSoon();
    const mention = mentionQueryAt(this.textarea.value, this.textarea.selectionStart);
    if (mention) {
      this.mentions.open(mention.query);
    } else {
      this.mentions.close();
    }
    const slash = slashQueryAt(this.textarea.value, this.textarea.selectionStart);
    if (slash) this.slashCommands.open(slash.query);
    else this.slashCommands.close();
  }

  private send(): void {
    if (this.busy) return;
    const text = this.textarea.value;
    if (!text.trim() && this.images.length === 0) return;
    const model = this.modelPicker.selected;
    if (this.images.length > 0 && model && !model.supportsImages) {
      this.context.notify('warning', `${model.label} does not accept images. Remove them or choose another model.`);
      return;
    }
    if (!this.context.host.post({ type: 'send', text, chips: this.chips, images: this.images })) {
      this.context.notify('error', 'This message is too large to send. Shorten it or remove attachments.');
      return;
    }
    this.lastSentText = text;
    this.textarea.value = '';
    this.images = [];
    this.renderThumbnails();
    this.mentions.close();
    this.slashCommands.close();
    this.context.host.saveDraft('');
  }

  private startMention(): void {
    const caret = this.textarea.selectionStart;
    const before = this.textarea.value.slice(0, caret);
    const insert = before === '' || /\s$/.test(before) ? '@' : ' @';
    this.textarea.setRangeText(insert, caret, this.textarea.selectionEnd, 'end');
    this.textarea.focus();
    this.onInput();
  }

  private pickMention(chip: ContextChip): void {
    const caret = this.textarea.selectionStart;
    const mention = mentionQueryAt(this.textarea.value, caret);
    if (mention) this.textarea.setRangeText('', mention.start, caret, 'end');
    this.saveDraftSoon();
    if (!this.chips.some((existing) => existing.id === chip.id)) {
      // Shown at once; the host confirms (with its token estimate) through `chipsChanged`.
      this.chips.push(chip);
      this.renderChips();
      this.context.host.post({ type: 'addChip', chip });
    }
  }

  private removeChip(chip: ContextChip): void {
    this.chips = this.chips.filter((existing) => existing.id !== chip.id);
    this.renderChips();
    this.context.host.post({ type: 'removeChip', id: chip.id });
    this.textarea.focus();
  }

  private renderChips(): void {
    this.chipsRow.replaceChildren(...this.chips.map((chip) => renderChip(chip, (removed) => this.removeChip(removed))));
    this.chipsRow.hidden = this.chips.length === 0;
  }

  private renderThumbnails(): void {
    this.thumbnails.replaceChildren(
      ...this.images.map((image) => {
        const remove = button({
          icon: 'close',
          title: `Remove ${image.name}`,
          className: 'thumbnail-remove',
          onClick: () => {
            this.images = this.images.filter((kept) => kept.id !== image.id);
            this.renderThumbnails();
          },
        });
        // Build UI from Image, with this image as the target (the host runs it in a new chat).
        const buildUi = button({
          icon: 'wand',
          title: `Build UI from ${image.name}`,
          className: 'thumbnail-build-ui',
          onClick: () => void this.context.host.post({ type: 'buildUiFromImage', image }),
        });
        return h('span', { className: 'thumbnail-frame', title: image.name }, h('img', { className: 'thumbnail', attrs: { src: image.dataUrl, alt: image.name } }), remove, buildUi);
      }),
    );
    this.thumbnails.hidden = this.images.length === 0;
  }

  private saveDraftSoon(): void {
    window.clearTimeout(this.draftTimer);
    this.draftTimer = window.setTimeout(() => this.context.host.saveDraft(this.textarea.value), 300);
  }
}
