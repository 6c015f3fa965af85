// Markdown to safe DOM: the markdown-it engine's HTML goes through DOMPurify as a second line of defence,
// then trusted chrome (language label and Copy / Insert / Apply buttons) is added as DOM.
import DOMPurify from 'dompurify';
import type { Token } from 'markdown-it';
import { codicon, h } from '../dom';
import type { MarkdownEngine, MarkdownEnv } from './incrementalMarkdown';
import { createMarkdownEngine } from './markdownEngine';

const purifyConfig = {
  // `div` only for the container sanitized in place; markdown-it never emits one.
  ALLOWED_TAGS: [
    'a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p',
    'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_ATTR: ['style'],
  IN_PLACE: true,
};

const inertDocumentUses = 16;

export class MarkdownRenderer implements MarkdownEngine {
  private readonly engine = createMarkdownEngine();
  /**
   * HTML is parsed in a document without a browsing context, where nothing runs or loads, then sanitized in
   * place: cheaper per streamed chunk than DOMPurify parsing each string into a new document. The document is
   * replaced now and then because each sanitize leaves a NodeIterator registered on it until garbage
   * collection, and every node moved out of the document has to notify all of them.
   */
  private inertDocument = document.implementation.createHTMLDocument('');
  private usesOfInertDocument = 0;

  parse(source: string, env: MarkdownEnv): Token[] {
    return this.engine.parse(source, env);
  }

  renderTokens(tokens: Token[], env: MarkdownEnv, highlight: boolean): string {
    return this.engine.renderTokens(tokens, env, highlight);
  }

  /** Sanitized, decorated DOM for rendered markdown HTML. */
  toFragment(html: string): DocumentFragment {
    if (++this.usesOfInertDocument > inertDocumentUses) {
      this.inertDocument = document.implementation.createHTMLDocument('');
      this.usesOfInertDocument = 1;
    }
    const container = this.inertDocument.createElement('div');
    container.innerHTML = html;
    DOMPurify.sanitize(container, purifyConfig);
    for (const pre of Array.from(container.querySelectorAll('pre'))) decorateCodeBlock(pre);
    // Webviews show no status bar: the tooltip is the only way to see where a link goes before clicking.
    for (const anchor of Array.from(container.querySelectorAll('a[href]'))) {
      if (!anchor.hasAttribute('title')) anchor.setAttribute('title', anchor.getAttribute('href') ?? '');
    }
    const fragment = document.createDocumentFragment();
    fragment.append(...Array.from(container.childNodes));
    return fragment;
  }
}

export const codeActions = ['copy', 'insert', 'apply', 'wrap'] as const;
export type CodeAction = (typeof codeActions)[number];

const codeActionButtons: ReadonlyArray<{ action: CodeAction; icon: string; title: string }> = [
  { action: 'copy', icon: 'copy', title: 'Copy' },
  { action: 'insert', icon: 'insert', title: 'Insert at Cursor' },
  { action: 'apply', icon: 'git-compare', title: 'Apply in Editor' },
  { action: 'wrap', icon: 'word-wrap', title: 'Wrap Long Lines' },
];

function decorateCodeBlock(pre: HTMLPreElement): void {
  const language = /(?:^|\s)language-(\S+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? '';
  const toolbar = h(
    'div',
    { className: 'code-toolbar' },
    h('span', { className: 'code-language', text: language || 'text' }),
    ...codeActionButtons.map(({ action, icon, title }) =>
      h(
        'button',
        {
          className: 'icon-button',
          title,
          attrs: { type: 'button', 'aria-label': title, 'data-code-action': action, ...(action === 'wrap' ? { 'aria-pressed': String(document.body.classList.contains('wrap-code')) } : {}) },
        },
        codicon(icon),
      ),
    ),
  );
  const block = h('div', { className: 'code-block' }, toolbar);
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
