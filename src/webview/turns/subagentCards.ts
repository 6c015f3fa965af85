// The subagents of a `task` call, as cards nested under its card: each shows its task, its live status, its
// tokens and cost, and a Stop while it works; expanded, its own tool cards and its report.
import type { SubagentPhase, SubagentView, ToolCard } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { button, codicon, h } from '../dom';
import { formatCompactCost, formatCompactTokens, formatCost } from '../format';

const phasePresentation: Record<SubagentPhase, { icon: string; label: string }> = {
  queued: { icon: 'clock', label: 'Queued' },
  running: { icon: 'loading codicon-modifier-spin', label: 'Working' },
  'backing-off': { icon: 'watch', label: 'Waiting out a rate limit' },
  done: { icon: 'check', label: 'Done' },
  error: { icon: 'error', label: 'Failed' },
  stopped: { icon: 'circle-slash', label: 'Stopped' },
};

const workingPhases: ReadonlySet<SubagentPhase> = new Set(['queued', 'running', 'backing-off']);

export type ToolCardRenderer = (card: ToolCard) => HTMLElement;

/** `expanded` holds the ids of the cards the user opened, so a redraw keeps them open. */
export function renderSubagentCards(subagents: readonly SubagentView[], context: ChatContext, expanded: Set<string>, renderToolCard: ToolCardRenderer): HTMLElement {
  return h('div', { className: 'subagent-cards', attrs: { role: 'list' } }, ...subagents.map((subagent) => renderSubagentCard(subagent, context, expanded, renderToolCard)));
}

function renderSubagentCard(subagent: SubagentView, context: ChatContext, expanded: Set<string>, renderToolCard: ToolCardRenderer): HTMLElement {
  const phase = phasePresentation[subagent.phase];
  const details = h('details', { className: 'subagent-card', testId: 'subagent-card', attrs: { 'data-phase': subagent.phase, 'data-subagent-id': subagent.id, role: 'listitem' } });
  details.open = expanded.has(subagent.id);
  details.addEventListener('toggle', () => {
    if (details.open) expanded.add(subagent.id);
    else expanded.delete(subagent.id);
  });
  const summary = h(
    'summary',
    { className: 'subagent-summary', attrs: { 'aria-label': `Subagent ${subagent.description}: ${phase.label}${subagent.note ? `, ${subagent.note}` : ''}` } },
    codicon('hubot', 'tool-icon'),
    h('span', { className: 'subagent-description', text: subagent.description, title: subagent.description }),
    subagent.note ? h('span', { className: 'subagent-note', text: subagent.note, title: subagent.note }) : null,
    usageLine(subagent),
    h('span', { className: `subagent-phase codicon codicon-${phase.icon}`, title: phase.label, attrs: { role: 'img', 'aria-label': phase.label } }),
  );
  if (workingPhases.has(subagent.phase)) {
    summary.append(
      button({
        icon: 'debug-stop',
        title: `Stop the subagent "${subagent.description}" (the others go on)`,
        testId: 'stop-subagent',
        className: 'subagent-stop',
        onClick: (event) => {
          // The button sits in the summary: stopping must not also open or close the card.
          event.preventDefault();
          context.host.post({ type: 'stopSubagent', subagentId: subagent.id });
        },
      }),
    );
  }
  const body = h('div', { className: 'subagent-body' });
  if (subagent.toolCalls.length > 0) body.append(h('div', { className: 'tool-cards' }, ...subagent.toolCalls.map(renderToolCard)));
  if (subagent.report) body.append(h('div', { className: 'subagent-report', testId: 'subagent-report', text: subagent.report }));
  if (body.childElementCount === 0) body.append(h('div', { className: 'subagent-empty', text: workingPhases.has(subagent.phase) ? 'No tool calls yet.' : 'No tool calls and no report.' }));
  details.append(summary, body);
  return details;
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
