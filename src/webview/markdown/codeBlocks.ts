// The chrome of a rendered code block (language label and Copy / Insert / Apply / Wrap buttons, as DOM) and how a
// button finds its code. Apart from the markdown renderer, so the chat's first script handles the buttons
// without carrying markdown-it and DOMPurify.
import { codicon, h } from '../dom';

export const codeActions = ['copy', 'insert', 'apply', 'wrap'] as const;
export type CodeAction = (typeof codeActions)[number];

const codeActionButtons: ReadonlyArray<{ action: CodeAction; icon: string; title: string }> = [
  { action: 'copy', icon: 'copy', title: 'Copy' },
  { action: 'insert', icon: 'insert', title: 'Insert at Cursor' },
  { action: 'apply', icon: 'git-compare', title: 'Apply in Editor' },
  { action: 'wrap', icon: 'word-wrap', title: 'Wrap Long Lines' },
];

/** The language label and the action buttons of a code block, built once and cloned for each block. */
let codeToolbarTemplate: HTMLElement | undefined;

function codeToolbar(language: string): HTMLElement {
  codeToolbarTemplate ??= h(
    'div',
    { className: 'code-toolbar' },
    h('span', { className: 'code-language' }),
    ...codeActionButtons.map(({ action, icon, title }) =>
      h('button', { className: 'icon-button', title, attrs: { type: 'button', 'aria-label': title, 'data-code-action': action } }, codicon(icon)),
    ),
  );
  // Cloning is several times cheaper than building the buttons, and a block can be drawn on every streamed frame.
  const toolbar = codeToolbarTemplate.cloneNode(true) as HTMLElement;
  (toolbar.firstElementChild as HTMLElement).textContent = language || 'text';
  toolbar.querySelector('[data-code-action="wrap"]')?.setAttribute('aria-pressed', String(document.body.classList.contains('wrap-code')));
  return toolbar;
}

/** Puts a rendered `<pre>` in a block with its language and Copy / Insert / Apply / Wrap buttons. */
export function decorateCodeBlock(pre: HTMLPreElement): void {
  const language = /(?:^|\s)language-(\S+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? '';
  const block = h('div', { className: 'code-block' }, codeToolbar(language));
  // In the Tab order, so keyboard users can scroll a long line sideways with the arrow keys.
  pre.tabIndex = 0;
  pre.replaceWith(block);
  block.append(pre);
}

/** The code and language of the block a toolbar button belongs to. */
export function codeOfBlock(block: Element): { code: string; language?: string } {
  const code = block.querySelector('pre code') ?? block.querySelector('pre');
  const language = block.querySelector('.code-language')?.textContent ?? '';
  return { code: code?.textContent ?? '', language: language && language !== 'text' ? language : undefined };
}
