// The chat's side of checkpoints and rewind: which user messages can restore files (sent to the webview after
// every state and status), "Restore files to here" (the editor's preview and confirmation) and "Restore
// conversation to here" (the conversation cut back to before the message, its text back in the input).
import type { ConversationSaves } from '../../common/chat/conversationSaves';
import type { TurnCheckpoints, TurnOrchestrator } from '../../common/chat/turnOrchestrator';
import type { StoredConversation } from '../../common/conversations/model';
import type { HostToWebviewMessage } from '../../common/protocol';
import type { RestoreNotice } from '../checkpoints/editorCheckpoints';

/** What the chat needs from the checkpoints (EditorCheckpoints in VS Code). */
export interface ChatCheckpoints {
  readonly checkpoints: TurnCheckpoints;
  restorableTurns(conversation: StoredConversation): Promise<string[]>;
  restoreFiles(conversation: StoredConversation, userTurnId: string): Promise<RestoreNotice>;
  /** The conversation was deleted: its journal and copies go too. */
  forget(conversationId: string): Promise<void>;
}

export interface ChatRewindDeps {
  turns: TurnOrchestrator;
  saves: ConversationSaves;
  post(message: HostToWebviewMessage): void;
  checkpoints: ChatCheckpoints | undefined;
  warn(line: string): void;
}

export class ChatRewind {
  private restoring = false;

  constructor(private readonly deps: ChatRewindDeps) {}

  /** Tells the webview which messages offer "Restore files to here". */
  async refresh(): Promise<void> {
    const conversation = this.deps.turns.conversation;
    const restorableTurnIds = conversation && this.deps.checkpoints ? await this.deps.checkpoints.restorableTurns(conversation).catch((error: unknown) => {
      this.deps.warn(`Checkpoints could not be read: ${String(error)}`);
      return [];
    }) : [];
    this.deps.post({ type: 'checkpoints', restorableTurnIds });
  }

  async restoreFiles(userTurnId: string): Promise<void> {
    const conversation = this.deps.turns.conversation;
    if (!conversation || !this.deps.checkpoints || this.deps.turns.refuseWhileRunning()) return;
    if (this.restoring) {
      this.deps.post({ type: 'notice', level: 'warning', message: 'A restore is already waiting for your answer.' });
      return;
    }
    this.restoring = true;
    try {
      const notice = await this.deps.checkpoints.restoreFiles(conversation, userTurnId);
      this.deps.post({ type: 'notice', level: notice.level, message: notice.message });
    } finally {
      this.restoring = false;
      await this.refresh();
    }
  }

  async restoreConversation(userTurnId: string): Promise<void> {
    const conversation = this.deps.turns.conversation;
    const original = conversation?.turns.find((turn) => turn.id === userTurnId && turn.role === 'user');
    if (!conversation || original?.role !== 'user' || this.deps.turns.refuseWhileRunning()) return;
    if (!this.deps.turns.rewindTo(userTurnId, original.text)) return;
    await this.deps.saves.now(conversation);
    this.deps.post({ type: 'setInput', text: original.text });
    const files = this.deps.checkpoints ? ' Files were not changed: "Restore files to here" does that.' : '';
    this.deps.post({ type: 'notice', level: 'info', message: `The conversation is back to before that message; its text is in the input.${files}` });
    await this.refresh();
  }
}
