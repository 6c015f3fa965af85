// Pinned above the input while a task runs: the model's todo list (from `todo_write`), and a plan from Plan mode
// with "Edit" (a text box, so the user changes the plan before it runs) and "Approve and run".
import type { HostToWebviewMessageOf, TodoItemView } from '../common/protocol';
import type { ChatContext } from './chatContext';
import { button, codicon, h, setHidden } from './dom';

const statusIcon: Record<TodoItemView['status'], string> = { pending: 'circle-large-outline', in_progress: 'loading', completed: 'pass-filled' };
const statusText: Record<TodoItemView['status'], string> = { pending: 'to do', in_progress: 'in progress', completed: 'done' };

export class TaskPanel {
  readonly element: HTMLElement;
  private readonly todoHeading = h('span', { className: 'task-heading', testId: 'todo-heading' });
  private readonly todoList = h('ul', { className: 'todo-list', testId: 'todo-list', attrs: { role: 'list' } });
  private readonly todos = h('div', { className: 'task-todos' }, h('div', { className: 'task-header' }, codicon('checklist'), this.todoHeading), this.todoList);
  private readonly planEditor = h('textarea', { className: 'plan-editor', testId: 'plan-editor', attrs: { rows: '8', 'aria-label': 'The plan, editable before it runs' } });
  private readonly plan: HTMLElement;
  private planTurnId: string | undefined;

  constructor(private readonly context: ChatContext) {
    const edit = button({ icon: 'edit', label: 'Edit', title: 'Edit the plan before it runs', testId: 'plan-edit', onClick: () => this.toggleEditor() });
    const approve = button({ icon: 'play', label: 'Approve and run', title: 'Switch to Agent mode and carry out the plan', testId: 'plan-approve', className: 'primary', onClick: () => this.approve() });
    this.plan = h(
      'div',
      { className: 'task-plan', testId: 'plan-panel' },
      h('div', { className: 'task-header' }, codicon('notebook'), h('span', { className: 'task-heading', text: 'Plan ready for your approval' }), edit, approve),
      this.planEditor,
    );
    this.element = h('section', { className: 'task-panel', testId: 'task-panel', attrs: { 'aria-label': 'Task' } }, this.todos, this.plan);
    this.set({ type: 'taskState', mode: 'agent', todos: [], plan: null });
  }

  /** Shows the list while any item is open (a finished list goes away) and the plan while it waits. */
  set(state: HostToWebviewMessageOf<'taskState'>): void {
    const open = state.todos.some((item) => item.status !== 'completed');
    setHidden(this.todos, !open);
    if (open) {
      const done = state.todos.filter((item) => item.status === 'completed').length;
      this.todoHeading.textContent = `Todo: ${done} of ${state.todos.length} done`;
      this.todoList.replaceChildren(...state.todos.map((item) => this.row(item)));
    }
    setHidden(this.plan, state.plan === null);
    if (state.plan && state.plan.turnId !== this.planTurnId) {
      this.planEditor.value = state.plan.text;
      setHidden(this.planEditor, true);
    }
    this.planTurnId = state.plan?.turnId;
    setHidden(this.element, !open && state.plan === null);
  }

  private row(item: TodoItemView): HTMLElement {
    return h(
      'li',
      { className: 'todo-item', testId: 'todo-item', attrs: { 'data-status': item.status, 'aria-label': `${item.content}: ${statusText[item.status]}` } },
      codicon(statusIcon[item.status], item.status === 'in_progress' ? 'todo-icon codicon-modifier-spin' : 'todo-icon'),
      h('span', { className: 'todo-content', text: item.content }),
    );
  }

  private toggleEditor(): void {
    setHidden(this.planEditor, !this.planEditor.hidden);
    if (!this.planEditor.hidden) this.planEditor.focus();
  }

  private approve(): void {
    const text = this.planEditor.value.trim();
    if (text) this.context.host.post({ type: 'approvePlan', text });
  }
}
