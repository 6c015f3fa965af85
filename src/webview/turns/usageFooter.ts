// The per-answer footer: model, tokens (prompt / cached / completion) and cost, marked when estimated.
import type { AssistantTurnView } from '../../common/protocol';
import { h } from '../dom';
import { formatCost, formatTokens } from '../format';

export function renderUsageFooter(turn: AssistantTurnView): HTMLElement | null {
  if (!turn.usage && !turn.cost) return null;
  const parts: string[] = [];
  if (turn.model) parts.push(turn.model);
  if (turn.usage) {
    parts.push(`${formatTokens(turn.usage.promptTokens)} in`);
    if (turn.usage.cachedTokens > 0) parts.push(`${formatTokens(turn.usage.cachedTokens)} cached`);
    parts.push(`${formatTokens(turn.usage.completionTokens)} out`);
  }
  if (turn.cost) parts.push(formatCost(turn.cost));
  const title = turn.usage
    ? `Prompt ${formatTokens(turn.usage.promptTokens)} tokens (${formatTokens(turn.usage.cachedTokens)} cached), completion ${formatTokens(turn.usage.completionTokens)} tokens`
    : '';
  return h('div', { className: 'usage', testId: 'usage', title }, ...parts.flatMap((part, index) => (index === 0 ? [part] : [h('span', { className: 'separator', text: '·' }), part])));
}
