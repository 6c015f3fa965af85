// The plan of a Plan-mode answer: recorded on the conversation when the answer ends, offered for "Approve and
// run" while it is the latest answer, and marked approved when the user runs it.
import type { StoredAssistantTurn, StoredConversation, StoredPlan } from '../conversations/model';

/** After an answer ends: an answer to a Plan-mode message that has text becomes the conversation's plan. */
export function recordPlan(conversation: StoredConversation, turn: StoredAssistantTurn): boolean {
  const index = conversation.turns.indexOf(turn);
  const question = conversation.turns[index - 1];
  if (question?.role !== 'user' || question.mode !== 'plan' || turn.status !== 'done' || !turn.text.trim()) return false;
  conversation.plan = { turnId: turn.id, text: turn.text.trim(), status: 'proposed' };
  return true;
}

/** The plan waiting for approval: only while its answer is the conversation's latest. */
export function proposedPlan(conversation: StoredConversation | undefined): StoredPlan | undefined {
  const plan = conversation?.plan;
  if (!conversation || plan?.status !== 'proposed') return undefined;
  const lastAnswer = conversation.turns.filter((turn) => turn.role === 'assistant').at(-1);
  return lastAnswer?.id === plan.turnId ? plan : undefined;
}
