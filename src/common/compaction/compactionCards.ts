// The compaction cards the chat view draws, from the conversation's stored compactions.
import type { StoredConversation } from '../conversations/model';
import type { CompactionCard, HostToWebviewMessageOf } from '../protocol';

export function compactionCardsMessage(conversation: StoredConversation | undefined): HostToWebviewMessageOf<'compactionCards'> {
  const cards: CompactionCard[] = (conversation?.compactions ?? []).map((compaction) => ({
    id: compaction.id,
    afterTurnId: compaction.afterTurnId,
    summary: compaction.summary,
    trigger: compaction.trigger,
    ...(compaction.instruction ? { instruction: compaction.instruction.slice(0, 500) } : {}),
    replacedTurns: compaction.replacedTurns,
    ...(compaction.usage ? { usage: compaction.usage } : {}),
    ...(compaction.cost ? { cost: compaction.cost } : {}),
  }));
  return { type: 'compactionCards', cards };
}
