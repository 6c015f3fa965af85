// What the chat draws of a subagent (its card under the `task` call), and how a subagent cut off by a reload
// is shown after it: the stored record is the source, as for the answers themselves.
import type { StoredSubagent } from '../conversations/model';
import type { SubagentPhase, SubagentView } from '../protocol';

export function toSubagentView(subagent: StoredSubagent): SubagentView {
  return {
    id: subagent.id,
    callId: subagent.callId,
    description: subagent.description,
    phase: subagent.phase,
    ...(subagent.note ? { note: subagent.note } : {}),
    toolCalls: subagent.toolCards,
    ...(subagent.report !== undefined ? { report: subagent.report } : {}),
    ...(subagent.usage ? { usage: subagent.usage } : {}),
    ...(subagent.cost ? { cost: subagent.cost } : {}),
  };
}

const unsettledPhases: ReadonlySet<SubagentPhase> = new Set(['queued', 'running', 'backing-off']);

/** Nothing runs after a reload: a subagent left working is shown stopped, with its cards settled. */
export function recoverInterruptedSubagent(subagent: StoredSubagent): StoredSubagent {
  if (!unsettledPhases.has(subagent.phase)) return subagent;
  const settled: ReadonlySet<string> = new Set(['done', 'error', 'rejected']);
  return {
    ...subagent,
    phase: 'stopped',
    status: 'stopped',
    note: 'Interrupted (the window closed or reloaded).',
    toolCards: subagent.toolCards.map((card) => (settled.has(card.status) ? card : { ...card, status: 'rejected' as const })),
  };
}
