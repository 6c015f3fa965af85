// Markdown to safe DOM: the markdown-it engine's HTML goes through DOMPurify as a second line of defence,
// then trusted chrome (language label and Copy / Insert / Apply buttons) is added as DOM.
import DOMPurify, { type Config } from 'dompurify';
import type { Token } from 'markdown-it';
import { codicon, h } from '../dom';
import type { MarkdownEngine, MarkdownEnv } from './incrementalMarkdown';
import { createMarkdownEngine } from './markdownEngine';

const purifyConfig: Config & { RETURN_DOM_FRAGMENT: true } = {
  // `body` only for the element DOMPurify parses into and walks first: were it not allowed, every call would
  // deep-copy the whole content to keep it (over a third of the sanitizing time in a profile of the render
  // bench). The HTML parser never makes a second `body`, and only the body's children are returned.
  ALLOWED_TAGS: [
    'a', 'blockquote', 'body', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p',
    'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_ATTR: ['style'],
  /**
   * DOMPurify parses the HTML in its own document without a browsing context (nothing runs or loads there)
   * and hands back the sanitized nodes, never serialized and parsed again (cheaper than a string for
   * innerHTML). As fast in the render bench as sanitizing a container of a kept inert document in place,
   * with no document of our own to manage.
   */
  RETURN_DOM_FRAGMENT: true,
};

/**
 * The chat's own DOMPurify, configured once: a config passed to a call is parsed again on every call (7% of
 * the streaming time in a profile), while a set config makes calls ignore theirs. Its own instance, so
 * nothing else that uses DOMPurify changes this config or sees it.
 */
const purify = DOMPurify(window);
purify.setConfig(purifyConfig);

export class MarkdownRenderer implements MarkdownEngine {
  private readonly engine = createMarkdownEngine();

  parse(source: string, env: MarkdownEnv): Token[] {
    return this.engine.parse(source, env);
  }

  renderTokens(tokens: Token[], env: MarkdownEnv, highlight: boolean): string {
    return this.engine.renderTokens(tokens, env, highlight);
  }

  /** Sanitized, decorated DOM for rendered markdown HTML. */
  toFragment(html: string): DocumentFragment {
    // The same config as set: ignored then, but it gives the return type, and is right should setConfig go.
    const fragment = purify.sanitize(html, purifyConfig);
    for (const pre of Array.from(fragment.querySelectorAll('pre'))) decorateCodeBlock(pre);
    // Webviews show no status bar: the tooltip is the only way to see where a link goes before clicking.
    for (const anchor of Array.from(fragment.querySelectorAll('a[href]'))) {
      if (!anchor.hasAttribute('title')) anchor.setAttribute('title', anchor.getAttribute('href') ?? '');
    }
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

function decorateCodeBlock(pre: HTMLPreElement): void {
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
