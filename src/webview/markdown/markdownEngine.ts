// The markdown-it configuration of the chat: no raw HTML, no fuzzy links, only web/mail/relative link
// targets, images shown as links, table alignment as classes (the CSP forbids inline styles). No DOM here.
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';
import { highlightCode, highlightPending, pendingHighlightClass } from './highlight';
import type { MarkdownEngine } from './incrementalMarkdown';

/**
 * Link targets the markdown may produce at all: web, mail and scheme-less (relative) links. Anything else
 * (`javascript:`, `data:`, `vscode:`, `command:`, `file:`) stays literal text. Clicks narrow this to http(s).
 */
function isRelativeOrWebLink(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

export function createMarkdownIt(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, highlight: highlightCode });
  // Fuzzy links would turn file names such as `main.py` (.py is a country domain) into web links.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.validateLink = isRelativeOrWebLink;

  // Remote images would be blocked by the CSP (and could track the reader): show them as links instead.
  md.renderer.rules.image = (tokens, index, _options, env, self) => {
    const token = tokens[index];
    const source = String(token.attrGet('src') ?? '');
    const alt = self.renderInlineAsText(token.children ?? [], md.options, env) || source;
    const escapedAlt = md.utils.escapeHtml(alt);
    if (!/^https?:/i.test(source)) return `<span class="md-image">${escapedAlt}</span>`;
    return `<a class="md-image" href="${md.utils.escapeHtml(source)}">${escapedAlt}</a>`;
  };

  // A block that asked for highlighting before highlight.js had loaded is marked, for the renderer to highlight
  // in place once it has. Blocks rendered without highlighting on purpose (a stream's open tail) are not.
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const html = fence(tokens, index, options, env, self);
    const language = md.utils.unescapeAll(tokens[index].info).trim().split(/\s+/)[0] ?? '';
    return options.highlight && highlightPending(language) ? html.replace(/^<pre>/, `<pre class="${pendingHighlightClass}">`) : html;
  };

  // Table alignment arrives as inline `style`, which the CSP forbids: turn it into classes.
  md.core.ruler.push('alignment_classes', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const alignment = /text-align:(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
      if (!alignment) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      token.attrJoin('class', `align-${alignment}`);
    }
  });
  return md;
}

export function createMarkdownEngine(): MarkdownEngine {
  const md = createMarkdownIt();
  const plainOptions = { ...md.options, highlight: null };
  return {
    parse: (source, env) => md.parse(source, env),
    renderTokens: (tokens, env, highlight) => md.renderer.render(tokens, highlight ? md.options : plainOptions, env),
  };
}
