// Markdown to safe DOM: the markdown-it engine's HTML goes through DOMPurify as a second line of defence,
// then trusted chrome (language label and Copy / Insert / Apply buttons) is added as DOM.
import DOMPurify, { type Config } from 'dompurify';
import type { Token } from 'markdown-it';
import { decorateCodeBlock } from './codeBlocks';
import { highlightCode, highlighterLoaded, onHighlighterLoaded, pendingHighlightClass } from './highlight';
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
    // The same config as set: ignored then, but it gives the return type, and is right should setConfig go.
    const fragment = purify.sanitize(html, purifyConfig);
    this.highlightPendingBlocks(fragment);
    for (const pre of Array.from(fragment.querySelectorAll('pre'))) decorateCodeBlock(pre);
    // Webviews show no status bar: the tooltip is the only way to see where a link goes before clicking.
    for (const anchor of Array.from(fragment.querySelectorAll('a[href]'))) {
      if (!anchor.hasAttribute('title')) anchor.setAttribute('title', anchor.getAttribute('href') ?? '');
    }
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
      code.replaceChildren(purify.sanitize(html, purifyConfig));
    }
  }
}
