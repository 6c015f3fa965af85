// `/` autocomplete at the start of the message: the host lists the commands (MCP servers' prompts, see
// common/mcp/promptCommands) with `slashQuery`; picking one writes `/name ` into the box, with `arg=` for its first
// required argument, and the host expands it when the message is sent. Drawn like the `@` list (same classes).
import type { SlashCommand } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { HostQueriedPopup } from './suggestionList';

const queryDelayMs = 80;

/** The `/query` being typed, when the message so far is just that. */
export function slashQueryAt(text: string, caret: number): { query: string } | undefined {
  const match = /^\/(\S{0,200})$/.exec(text.slice(0, caret));
  return match ? { query: match[1] ?? '' } : undefined;
}

/** What the box holds after picking a command: its name, then the first required argument to fill in. */
export function slashCommandText(command: SlashCommand): string {
  const required = command.arguments.find((argument) => argument.required);
  return `/${command.name} ${required ? `${required.name}=` : ''}`;
}

export class SlashCommandPopup extends HostQueriedPopup<SlashCommand> {
  constructor(
    private readonly context: ChatContext,
    input: HTMLElement,
    onPick: (command: SlashCommand) => void,
  ) {
    // No emptyText: with nothing to offer (no server has prompts) no list stands in the way of a message that starts with `/`.
    super(input, {
      className: 'mention-popup slash-popup',
      label: 'Commands',
      optionTestId: 'slash-option',
      queryPrefix: 'slash',
      queryDelayMs,
      keyOf: (command) => command.name,
      renderOption: (command) => [codicon('symbol-event'), h('span', { className: 'mention-label', text: `/${command.name}` }), h('span', { className: 'mention-detail', text: describe(command) })],
      onPick,
    });
  }

  /** Asks the host for the commands matching `query`; what is listed stays until the answer arrives. */
  open(query: string): void {
    if (query === this.query && this.isOpen) return;
    this.query = query;
    this.hostQuery.schedule((requestId) => this.context.host.post({ type: 'slashQuery', requestId, query }));
  }

  receive(requestId: string, items: readonly SlashCommand[]): void {
    if (!this.hostQuery.isCurrent(requestId) || this.query === undefined) return;
    this.list.show(items, { keepHighlight: true });
  }
}

function describe(command: SlashCommand): string {
  const args = command.arguments.map((argument) => (argument.required ? argument.name : `[${argument.name}]`)).join(' ');
  return [command.detail, args].filter(Boolean).join(' · ');
}
