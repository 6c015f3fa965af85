// The chat mode (kept per workspace) and what the chat shows of a long task: the mode switch, the pinned todo
// list (live while `todo_write` runs, then as saved in the conversation), the plan waiting for approval, and the
// compaction cards (common/compaction/compactionCards). The turn environment reads the mode; the chat controller
// posts the view.
import * as vscode from 'vscode';
import type { StoredConversation } from '../../common/conversations/model';
import { DEFAULT_CHAT_MODE, type ChatMode } from '../../common/modes/modeNames';
import { chatModeSchema } from '../../common/modes/modeSchema';
import { proposedPlan } from '../../common/modes/plans';
import type { HostToWebviewMessageOf } from '../../common/protocol';
import { currentTodos, type TodoItem } from '../../common/todo/todoTool';
import { Disposable } from '../disposable';

const MODE_KEY = 'kimiAssistant.chatMode';

export class ChatModeState extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly todosReported = this.register(new vscode.EventEmitter<TodoItem[]>());
  /** The mode changed, or the model reported a new todo list mid-turn. */
  readonly onDidChange = this.changed.event;
  readonly onDidReportTodos = this.todosReported.event;
  private current: ChatMode;

  constructor(private readonly memento: vscode.Memento) {
    super();
    const stored = chatModeSchema.safeParse(memento.get(MODE_KEY));
    this.current = stored.success ? stored.data : DEFAULT_CHAT_MODE;
  }

  get mode(): ChatMode {
    return this.current;
  }

  async setMode(mode: ChatMode): Promise<void> {
    if (mode === this.current) return;
    this.current = mode;
    this.changed.fire();
    await this.memento.update(MODE_KEY, mode);
  }

  /** The todo tool accepted a list: the pinned view shows it before the turn's messages are saved. */
  reportTodos(todos: TodoItem[]): void {
    this.todosReported.fire(todos);
  }
}

/** What the chat shows of the open conversation's long task. */
export function taskStateMessage(mode: ChatMode, conversation: StoredConversation | undefined, liveTodos?: TodoItem[]): HostToWebviewMessageOf<'taskState'> {
  const plan = proposedPlan(conversation);
  return {
    type: 'taskState',
    mode,
    todos: liveTodos ?? (conversation ? currentTodos(conversation) : []),
    plan: plan ? { turnId: plan.turnId, text: plan.text } : null,
  };
}
