// `@` autocomplete: built-in mentions (@problems, @selection, @openEditors, @gitDiff, one list shared with the
// host) answered locally, files and folders asked of the host with `mentionQuery`; arrow keys move, Enter or Tab picks, Esc closes.
import { matchingBuiltInMentions } from '../../common/context/builtinMentions';
import type { ContextChip } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { formatCompactTokens } from '../format';
import { chipIcons } from './chips';
import { HostQueriedPopup } from './suggestionList';

const queryDelayMs = 80;

/** The `@query` being typed just before the caret, if any. */
export function mentionQueryAt(text: string, caret: number): { query: string; start: number } | undefined {
  const match = /(^|\s)@([^\s@]{0,200})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { query: match[2], start: caret - match[2].length - 1 };
}

export class MentionPopup extends HostQueriedPopup<ContextChip> {
  constructor(
    private readonly context: ChatContext,
    input: HTMLElement,
    onPick: (chip: ContextChip) => void,
  ) {
    super(input, {
      className: 'mention-popup',
      testId: 'mention-popup',
      label: 'Add context',
      optionTestId: 'mention-option',
      queryPrefix: 'mention',
      queryDelayMs,
      keyOf: (chip) => chip.id,
      renderOption: (chip) => [
        codicon(chipIcons[chip.kind]),
        h('span', { className: 'mention-label', text: chip.label }),
        chip.detail ? h('span', { className: 'mention-detail', text: chip.detail }) : null,
        chip.tokens > 0 ? h('span', { className: 'mention-tokens', text: `~${formatCompactTokens(chip.tokens)}` }) : null,
      ],
      emptyText: 'No matching files',
      onPick,
    });
  }

  /** Shows (or refines) the list for `query`: built-ins at once, host results when they arrive. */
  open(query: string): void {
    if (query === this.query && this.isOpen) return;
    this.query = query;
    this.list.show(matchingBuiltInMentions(query), { keepHighlight: false });
    this.hostQuery.schedule((requestId) => this.context.host.post({ type: 'mentionQuery', requestId, query }));
  }

  receive(requestId: string, items: readonly ContextChip[]): void {
    if (!this.hostQuery.isCurrent(requestId) || this.query === undefined) return;
    const builtIns = matchingBuiltInMentions(this.query);
    // The host answers with files and folders; a built-in it might echo is shown once.
    this.list.show([...builtIns, ...items.filter((item) => !builtIns.some((builtIn) => builtIn.id === item.id))], { keepHighlight: true });
  }
}
