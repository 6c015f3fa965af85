// A compaction in the conversation: a collapsed card after the last turn it summarizes ("Earlier turns
// compacted", with its cost), whose summary the user can expand. The summary is model text: rendered as markdown.
import type { CompactionCard } from '../../common/protocol';
import type { ChatContext } from '../chatContext';
import { codicon, h } from '../dom';
import { formatCost, formatTokens } from '../format';

export function renderCompactionCard(card: CompactionCard, context: ChatContext): HTMLElement {
  const cost = card.cost ? ` · ${formatCost(card.cost)}` : '';
  const tokens = card.usage ? ` · ${formatTokens(card.usage.promptTokens)} in (${formatTokens(card.usage.cachedTokens)} cached), ${formatTokens(card.usage.completionTokens)} out` : '';
  const what = `${card.replacedTurns} earlier ${card.replacedTurns === 1 ? 'turn' : 'turns'} compacted ${card.trigger === 'auto' ? 'near the context limit' : 'on request'}`;
  const body = h('div', { className: 'compaction-summary markdown-body' });
  const { renderer } = context;
  body.append(renderer.toFragment(renderer.renderTokens(renderer.parse(card.summary, {}), {}, true)));
  const details = h(
    'details',
    { className: 'compaction-card', testId: 'compaction-card', attrs: { 'data-compaction-id': card.id } },
    h('summary', { className: 'compaction-title' }, codicon('fold'), h('span', { text: `${what}${cost}` }), h('span', { className: 'compaction-usage', text: tokens })),
    card.instruction ? h('p', { className: 'compaction-instruction', text: `Focus: ${card.instruction}` }) : null,
    body,
  );
  return details;
}
