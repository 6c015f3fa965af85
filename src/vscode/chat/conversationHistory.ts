// The saved conversations as the chat offers them: open one, start over, rename, delete, export as Markdown,
// and reopen the previous session's conversation after a reload. Turns themselves belong to TurnOrchestrator.
import * as vscode from 'vscode';
import type { ConversationSaves } from '../../common/chat/conversationSaves';
import type { TurnOrchestrator } from '../../common/chat/turnOrchestrator';
import type { StoredConversation } from '../../common/conversations/model';
import type { ConversationStore } from '../../common/conversations/store';
import { recoverInterruptedTurns, toMarkdown } from '../../common/conversations/viewModel';
import type { HostToWebviewMessage } from '../../common/protocol';
import type { ChatStatus } from './chatStatus';

/** The conversation to reopen after a reload (workspace state). */
export interface LastConversation {
  get(): string | undefined;
  set(id: string | undefined): void;
}

export interface ConversationHistoryDeps {
  store: ConversationStore;
  saves: ConversationSaves;
  turns: TurnOrchestrator;
  status: ChatStatus;
  post(message: HostToWebviewMessage): void;
  lastConversation: LastConversation;
}

export class ConversationHistory {
  constructor(private readonly deps: ConversationHistoryDeps) {}

  async postList(): Promise<void> {
    this.deps.post({ type: 'historyList', items: await this.deps.store.list() });
  }

  async newChat(): Promise<void> {
    await this.deps.turns.stop();
    this.deps.turns.startOver();
    this.deps.lastConversation.set(undefined);
    await this.deps.status.postState();
    this.deps.post({ type: 'focusInput' });
  }

  async open(id: string): Promise<void> {
    await this.deps.turns.stop();
    const loaded = await this.deps.store.load(id);
    if (!loaded) {
      this.deps.post({ type: 'notice', level: 'error', message: 'That conversation could not be opened (it may have been deleted or damaged).' });
      return;
    }
    this.deps.turns.show(recoverInterruptedTurns(loaded));
    this.deps.lastConversation.set(id);
    await this.deps.status.postState();
  }

  /** Reopens the conversation of the previous session, if any; an answer the reload cut off is saved as interrupted. */
  async restore(): Promise<void> {
    const id = this.deps.lastConversation.get();
    if (!id) return;
    const loaded = await this.deps.store.load(id);
    if (!loaded) return;
    const recovered = recoverInterruptedTurns(loaded);
    this.deps.turns.show(recovered);
    if (recovered !== loaded) await this.deps.saves.now(recovered);
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = await this.find(id);
    if (!conversation) return;
    conversation.title = title.trim();
    await this.deps.saves.now(conversation);
    await this.deps.status.postState();
  }

  async delete(id: string): Promise<void> {
    if (id === this.deps.turns.conversation?.id) {
      await this.deps.turns.stop();
      this.deps.turns.close();
      this.deps.lastConversation.set(undefined);
    }
    await this.deps.store.delete(id);
    await this.deps.status.postState();
  }

  async export(id: string): Promise<void> {
    const conversation = await this.find(id);
    if (!conversation) return;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: toMarkdown(conversation) });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  /** The open conversation itself (so its live turns are kept), or the saved one. */
  private async find(id: string): Promise<StoredConversation | undefined> {
    return id === this.deps.turns.conversation?.id ? this.deps.turns.conversation : this.deps.store.load(id);
  }
}
