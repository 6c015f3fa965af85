// The subagents of a `task` call, as cards nested under its card: each shows its task, its live status, its
// tokens and cost, and a Stop while it works; expanded, its own tool cards and its report.
import type { SubagentPhase, SubagentView, ToolCard } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { button, codicon, h } from '../dom';
import { endedIcon, progressPresentation, spinningIcon, type Presentation } from './progressPresentation';
import { formatCompactCost, formatCompactTokens, formatCost } from '../format';

const phasePresentation: Record<SubagentPhase, Presentation> = {
  queued: progressPresentation.queued,
  running: { icon: spinningIcon, label: 'Working' },
  'backing-off': { icon: 'watch', label: 'Waiting out a rate limit' },
  done: progressPresentation.done,
  error: progressPresentation.failed,
  stopped: { icon: endedIcon, label: 'Stopped' },
};

const workingPhases: ReadonlySet<SubagentPhase> = new Set(['queued', 'running', 'backing-off']);

export type ToolCardRenderer = (card: ToolCard) => HTMLElement;

/** `expanded` holds the ids of the cards the user opened, so a redraw keeps them open. */
export function renderSubagentCards(subagents: readonly SubagentView[], context: ChatContext, expanded: Set<string>, renderToolCard: ToolCardRenderer): HTMLElement {
  return h('div', { className: 'subagent-cards', attrs: { role: 'list' } }, ...subagents.map((subagent) => renderSubagentCard(subagent, context, expanded, renderToolCard)));
}

function renderSubagentCard(subagent: SubagentView, context: ChatContext, expanded: Set<string>, renderToolCard: ToolCardRenderer): HTMLElement {
  const phase = phasePresentation[subagent.phase];
  const open = expanded.has(subagent.id);
  const bodyId = `subagent-body-${subagent.id}`;
  const body = h('div', { className: 'subagent-body', attrs: { id: bodyId } });
  body.hidden = !open;
  // A button whose visible text is its name (the task, what it does now, its phase), so a screen reader says
  // the same as the card shows; Stop is a button of its own beside it, never inside it.
  const toggle = h(
    'button',
    { className: 'subagent-toggle', testId: 'subagent-toggle', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': bodyId } },
    codicon(open ? 'chevron-down' : 'chevron-right', 'subagent-chevron'),
    codicon('hubot', 'tool-icon'),
    h('span', { className: 'subagent-description', text: subagent.description, title: subagent.description }),
    subagent.note ? h('span', { className: 'subagent-note', text: subagent.note, title: subagent.note }) : null,
    usageLine(subagent),
    h('span', { className: `subagent-phase codicon codicon-${phase.icon}`, title: phase.label, attrs: { role: 'img', 'aria-label': phase.label } }),
  );
  toggle.addEventListener('click', () => {
    const nowOpen = body.hidden;
    body.hidden = !nowOpen;
    toggle.setAttribute('aria-expanded', String(nowOpen));
    toggle.firstElementChild?.classList.replace(nowOpen ? 'codicon-chevron-right' : 'codicon-chevron-down', nowOpen ? 'codicon-chevron-down' : 'codicon-chevron-right');
    toggle.closest('.subagent-card')?.setAttribute('data-expanded', String(nowOpen));
    if (nowOpen) expanded.add(subagent.id);
    else expanded.delete(subagent.id);
  });
  const header = h('div', { className: 'subagent-header' }, toggle);
  if (workingPhases.has(subagent.phase)) {
    header.append(
      button({
        icon: 'debug-stop',
        title: `Stop the subagent "${subagent.description}" (the others go on)`,
        testId: 'stop-subagent',
        className: 'subagent-stop',
        onClick: () => context.host.post({ type: 'stopSubagent', subagentId: subagent.id }),
      }),
    );
  }
  if (subagent.toolCalls.length > 0) body.append(h('div', { className: 'tool-cards' }, ...subagent.toolCalls.map(renderToolCard)));
  if (subagent.report) body.append(h('div', { className: 'subagent-report', testId: 'subagent-report', text: subagent.report }));
  if (body.childElementCount === 0) body.append(h('div', { className: 'subagent-empty', text: workingPhases.has(subagent.phase) ? 'No tool calls yet.' : 'No tool calls and no report.' }));
  return h('div', { className: 'subagent-card', testId: 'subagent-card', attrs: { 'data-phase': subagent.phase, 'data-subagent-id': subagent.id, 'data-expanded': String(open), role: 'listitem' } }, header, body);
}

function usageLine(subagent: SubagentView): HTMLElement | null {
  if (!subagent.usage && !subagent.cost) return null;
  const tokens = subagent.usage ? `${formatCompactTokens(subagent.usage.promptTokens + subagent.usage.completionTokens)} tokens` : '';
  const cost = subagent.cost ? formatCompactCost(subagent.cost) : '';
  const title = [
    subagent.usage ? `Prompt ${subagent.usage.promptTokens} tokens (${subagent.usage.cachedTokens} cached), completion ${subagent.usage.completionTokens} tokens` : '',
    subagent.cost ? formatCost(subagent.cost) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return h('span', { className: 'subagent-usage', testId: 'subagent-usage', text: [tokens, cost].filter(Boolean).join(' · '), title });
}
