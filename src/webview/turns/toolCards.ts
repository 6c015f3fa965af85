// Tool calls as compact cards: what the model asked for (tool and target), its status, a one-line outcome,
// and Approve / Reject while a call waits for the user.
import type { SubagentView, ToolCard, ToolCardStatus } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { button, codicon, h } from '../dom';
import { endedIcon, progressPresentation, spinningIcon, type Presentation } from './progressPresentation';
import { renderSubagentCards } from './subagentCards';

const toolPresentation: Record<string, { icon: string; verb: string }> = {
  read_file: { icon: 'file', verb: 'Read' },
  list_files: { icon: 'list-tree', verb: 'List' },
  search: { icon: 'search', verb: 'Search' },
  edit_file: { icon: 'edit', verb: 'Edit' },
  write_file: { icon: 'new-file', verb: 'Write' },
  get_diagnostics: { icon: 'warning', verb: 'Diagnostics' },
  run_command: { icon: 'terminal', verb: 'Run' },
  $web_search: { icon: 'globe', verb: 'Web search' },
  task: { icon: 'organization', verb: 'Task' },
};

const statusPresentation: Record<ToolCardStatus, Presentation> = {
  pending: progressPresentation.queued,
  running: { icon: spinningIcon, label: 'Running' },
  'awaiting-approval': { icon: 'shield', label: 'Waiting for approval' },
  done: progressPresentation.done,
  error: progressPresentation.failed,
  rejected: { icon: endedIcon, label: 'Rejected' },
};

function renderToolCard(card: ToolCard, context: ChatContext): HTMLElement {
  const presentation = toolPresentation[card.tool] ?? { icon: 'tools', verb: card.tool };
  const status = statusPresentation[card.status];
  // A group named by what it does and where, so a screen reader says "Edit src/a.ts, Waiting for approval" on entering it.
  const what = `${presentation.verb} ${card.target}`.trim();
  const element = h(
    'div',
    { className: 'tool-card', attrs: { 'data-status': card.status, role: 'group', 'aria-label': `${what}: ${status.label}` } },
    codicon(presentation.icon, 'tool-icon'),
    h('span', { className: 'tool-verb', text: presentation.verb }),
    h('span', { className: 'tool-target', text: card.target, title: card.target }),
    card.summary ? h('span', { className: 'tool-summary', text: card.summary, title: card.summary }) : null,
    h('span', { className: `tool-status codicon codicon-${status.icon}`, title: status.label, attrs: { role: 'img', 'aria-label': status.label } }),
  );
  if (card.status === 'awaiting-approval') {
    const decide = (approved: boolean) => () => context.host.post({ type: 'resolveToolApproval', toolCallId: card.id, approved });
    element.append(
      h(
        'div',
        { className: 'tool-approval' },
        button({ label: 'Approve', title: `Approve this tool call: ${what}`, className: 'primary', onClick: decide(true) }),
        button({ label: 'Reject', title: `Reject this tool call: ${what}`, className: 'secondary', onClick: decide(false) }),
      ),
    );
  }
  return element;
}

export class ToolCardList {
  readonly element = h('div', { className: 'tool-cards' });
  private shownKey = '';
  /** Subagent cards the user opened: kept open across redraws. */
  private readonly expandedSubagents = new Set<string>();

  constructor(private readonly context: ChatContext) {
    this.element.hidden = true;
  }

  /** `subagents`: the turn's, each drawn under the `task` call that started it. */
  update(cards: readonly ToolCard[], subagents: readonly SubagentView[] = []): void {
    const nested = subagents.filter((subagent) => cards.some((card) => card.id === subagent.callId));
    // Cards change rarely and are few: re-render them all when anything about them changed.
    const key = JSON.stringify([cards, nested]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const draw = (card: ToolCard) => renderToolCard(card, this.context);
    this.element.replaceChildren(
      ...cards.flatMap((card) => {
        const own = nested.filter((subagent) => subagent.callId === card.id);
        return own.length > 0 ? [draw(card), renderSubagentCards(own, this.context, this.expandedSubagents, draw)] : [draw(card)];
      }),
    );
    this.element.hidden = cards.length === 0;
  }
}
