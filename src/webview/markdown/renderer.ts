// Markdown to safe DOM: the markdown-it engine's HTML goes through DOMPurify as a second line of defence,
// then trusted chrome (language label and Copy / Insert / Apply buttons) is added as DOM.
import DOMPurify from 'dompurify';
import type { Token } from 'markdown-it';
import { codicon, h } from '../dom';
import type { MarkdownEngine, MarkdownEnv } from './incrementalMarkdown';
import { createMarkdownEngine } from './markdownEngine';

const purifyConfig = {
  ALLOWED_TAGS: [
    'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre',
    's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_ATTR: ['style'],
  RETURN_DOM_FRAGMENT: true as const,
};

export class MarkdownRenderer implements MarkdownEngine {
  private readonly engine = createMarkdownEngine();

  parse(source: string, env: MarkdownEnv): Token[] {
    return this.engine.parse(source, env);
  }

  renderTokens(tokens: Token[], env: MarkdownEnv): string {
    return this.engine.renderTokens(tokens, env);
  }

  /** Sanitized, decorated DOM for rendered markdown HTML. */
  toFragment(html: string): DocumentFragment {
    const fragment = DOMPurify.sanitize(html, purifyConfig);
    for (const pre of Array.from(fragment.querySelectorAll('pre'))) decorateCodeBlock(pre);
    return fragment;
  }

  render(source: string): DocumentFragment {
    const env: MarkdownEnv = {};
    return this.toFragment(this.renderTokens(this.parse(source, env), env));
  }
}

export const codeActions = ['copy', 'insert', 'apply'] as const;
export type CodeAction = (typeof codeActions)[number];

const codeActionButtons: ReadonlyArray<{ action: CodeAction; icon: string; title: string }> = [
  { action: 'copy', icon: 'copy', title: 'Copy' },
  { action: 'insert', icon: 'insert', title: 'Insert at Cursor' },
  { action: 'apply', icon: 'git-compare', title: 'Apply in Editor' },
];

function decorateCodeBlock(pre: HTMLPreElement): void {
  const language = /(?:^|\s)language-(\S+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? '';
  const toolbar = h(
    'div',
    { className: 'code-toolbar' },
    h('span', { className: 'code-language', text: language || 'text' }),
    ...codeActionButtons.map(({ action, icon, title }) =>
      h('button', { className: 'icon-button', title, attrs: { type: 'button', 'aria-label': title, 'data-code-action': action } }, codicon(icon)),
    ),
  );
  const block = h('div', { className: 'code-block' }, toolbar);
  pre.replaceWith(block);
  block.append(pre);
}

/** The code and language of the block a toolbar button belongs to. */
export function codeOfBlock(block: Element): { code: string; language?: string } {
  const code = block.querySelector('pre code') ?? block.querySelector('pre');
  const language = block.querySelector('.code-language')?.textContent ?? '';
  return { code: code?.textContent ?? '', language: language && language !== 'text' ? language : undefined };
}
