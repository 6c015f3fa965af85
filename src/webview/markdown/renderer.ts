// Markdown to safe DOM: the markdown-it engine's HTML goes through DOMPurify as a second line of defence,
// then trusted chrome (language label and Copy / Insert / Apply buttons) is added as DOM.
import DOMPurify from 'dompurify';
import type { Token } from 'markdown-it';
import { decorateCodeBlock } from './codeBlocks';
import { highlightCode, highlighterLoaded, onHighlighterLoaded, pendingHighlightClass } from './highlight';
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

  constructor() {
    // Blocks drawn while highlight.js was still loading get their colours when it arrives.
    onHighlighterLoaded(() => this.highlightPendingBlocks(document));
  }

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
    this.highlightPendingBlocks(container);
    for (const pre of Array.from(container.querySelectorAll('pre'))) decorateCodeBlock(pre);
    // Webviews show no status bar: the tooltip is the only way to see where a link goes before clicking.
    for (const anchor of Array.from(container.querySelectorAll('a[href]'))) {
      if (!anchor.hasAttribute('title')) anchor.setAttribute('title', anchor.getAttribute('href') ?? '');
    }
    const fragment = document.createDocumentFragment();
    fragment.append(...Array.from(container.childNodes));
    return fragment;
  }

  /** Highlights, in place, the blocks rendered before highlight.js had loaded (a no-op until it has). */
  private highlightPendingBlocks(root: ParentNode): void {
    if (!highlighterLoaded()) return;
    for (const pre of Array.from(root.querySelectorAll(`pre.${pendingHighlightClass}`))) {
      pre.classList.remove(pendingHighlightClass);
      // As if it had been highlighted from the start: the same DOM whichever came first.
      if (pre.classList.length === 0) pre.removeAttribute('class');
      const code = pre.querySelector('code');
      const language = /(?:^|\s)language-(\S+)/.exec(code?.className ?? '')?.[1] ?? '';
      const html = code ? highlightCode(code.textContent ?? '', language) : '';
      if (!code || html === '') continue;
      const highlighted = this.inertDocument.createElement('code');
      highlighted.innerHTML = html;
      DOMPurify.sanitize(highlighted, purifyConfig);
      code.replaceChildren(...Array.from(highlighted.childNodes));
    }
  }
}
