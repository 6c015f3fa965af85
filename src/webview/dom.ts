// Tiny DOM helpers for the chat webview: elements are built with properties and text nodes only,
// never from HTML strings (the one exception is sanitized markdown, in markdown/renderer.ts).

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  title?: string;
  testId?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.title) element.title = options.title;
  if (options.testId) element.dataset.testid = options.testId;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export interface ButtonOptions {
  icon?: string;
  label?: string;
  /** Tooltip and accessible name; required for icon-only buttons. */
  title: string;
  testId?: string;
  className?: string;
  onClick: (event: MouseEvent) => void;
}

/** A toolbar-style button: icon only when no label is given, like VS Code's action bars. */
export function button(options: ButtonOptions): HTMLButtonElement {
  const kind = options.label ? 'text-button' : 'icon-button';
  const element = h(
    'button',
    {
      className: `${kind}${options.className ? ` ${options.className}` : ''}`,
      title: options.title,
      testId: options.testId,
      attrs: { type: 'button', 'aria-label': options.title },
    },
    options.icon ? codicon(options.icon) : null,
    options.label ? h('span', { text: options.label }) : null,
  );
  element.addEventListener('click', options.onClick);
  return element;
}

export function clearChildren(element: Element): void {
  while (element.lastChild) element.lastChild.remove();
}

/** Writes `hidden` only when it changes: a redundant write still costs a style pass on every streamed frame. */
export function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}
