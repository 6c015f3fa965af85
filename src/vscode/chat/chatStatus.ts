// The chat view's header (models, thinking switch, key, session cost, context meter), built in one place
// for both the full `state` snapshot and the partial `statusChanged` refresh, so the two cannot disagree.
import type { TurnOrchestrator } from '../../common/chat/turnOrchestrator';
import type { ConversationStore } from '../../common/conversations/store';
import { toConversationView } from '../../common/conversations/viewModel';
import type { ContextUsage, CostView, HostToWebviewMessage } from '../../common/protocol';
import type { ContextChips } from '../context/contextChips';
import type { ModelChoice, ModelStatus } from './modelChoice';

export interface StatusFields extends ModelStatus {
  sessionCost: CostView | null;
  conversationCost: CostView | null;
  contextUsage: ContextUsage;
}

export interface ChatStatusDeps {
  post(message: HostToWebviewMessage): void;
  models: ModelChoice;
  turns: TurnOrchestrator;
  store: ConversationStore;
  chips: ContextChips;
}

export class ChatStatus {
  constructor(private readonly deps: ChatStatusDeps) {}

  /** Everything the view shows: the open conversation, the history list, the header and the waiting chips. */
  async postState(): Promise<void> {
    const fields = await this.fields();
    const conversation = this.deps.turns.conversation;
    const view = conversation ? toConversationView(conversation) : null;
    this.deps.post({ type: 'state', conversation: view, history: await this.deps.store.list(), ...fields, chips: this.deps.chips.current() });
  }

  /** Only the header, so a cost or key change does not resend the conversation. */
  async postStatus(): Promise<void> {
    this.deps.post({ type: 'statusChanged', ...(await this.fields()) });
  }

  private async fields(): Promise<StatusFields> {
    const status = await this.deps.models.status();
    const meters = this.deps.turns.meters();
    return { ...status, sessionCost: meters.sessionCost, conversationCost: meters.conversationCost, contextUsage: { used: meters.contextTokens, window: this.deps.models.current().contextWindow } };
  }
}
