// Runs in the chat page: the floor that streaming is measured against, one full render of the final text by
// the chat's own markdown-it configuration and DOMPurify, inserted where an answer goes and laid out.
import DOMPurify from 'dompurify';
import { loadHighlighter } from '../../src/webview/markdown/highlight';
import { createMarkdownIt } from '../../src/webview/markdown/markdownEngine';

const md = createMarkdownIt();
// The chat loads highlight.js on its first code block; the floor highlights from the start (bundled into this
// script, the import resolves before the bench first calls the floor).
void loadHighlighter();

const floorApi = globalThis as unknown as { __renderFloor(text: string): number; __removeFloor(): void };
let shown: HTMLElement | undefined;

floorApi.__renderFloor = (text) => {
  const answer = document.createElement('div');
  answer.className = 'answer';
  const markdown = document.createElement('div');
  markdown.className = 'markdown';
  answer.append(markdown);
  (document.querySelector('.conversation') ?? document.body).append(answer);
  const started = performance.now();
  markdown.innerHTML = DOMPurify.sanitize(md.render(text));
  void document.body.offsetHeight;
  shown = answer;
  return performance.now() - started;
};

/** Taken out in a separate call, so the bench's CPU time of a render does not include removing it. */
floorApi.__removeFloor = () => {
  shown?.remove();
  shown = undefined;
};
