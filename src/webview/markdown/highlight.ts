// markdown-it's `highlight` option, with highlight.js (highlightLanguages.ts, a chunk of its own) loaded on the
// first code block that asks for it. Until it has arrived such a block renders as plain escaped code, marked
// with `pendingHighlightClass` so the renderer highlights it in place once it has (see markdownEngine.ts).

type Highlighter = (code: string, language: string) => string;

/** On the `<pre>` of a block rendered before highlight.js had loaded. */
export const pendingHighlightClass = 'highlight-pending';

let highlighter: Highlighter | undefined;
let loading: Promise<void> | undefined;
const loadedListeners: Array<() => void> = [];

/** Loads highlight.js once; resolves when blocks rendered from now on come out highlighted. */
export function loadHighlighter(): Promise<void> {
  loading ??= import('./highlightLanguages').then(
    (module) => {
      highlighter = module.highlightWithHljs;
      for (const listener of loadedListeners.splice(0)) listener();
    },
    (error: unknown) => {
      // The code stays readable as plain text; only its colours are missing.
      console.warn(`Kimi: code highlighting did not load (${error instanceof Error ? error.message : String(error)})`);
    },
  );
  return loading;
}

export function onHighlighterLoaded(listener: () => void): void {
  if (highlighter) listener();
  else loadedListeners.push(listener);
}

export function highlighterLoaded(): boolean {
  return highlighter !== undefined;
}

/** True while a block in `language` would render unhighlighted because highlight.js has not arrived yet. */
export function highlightPending(language: string): boolean {
  return language !== '' && !highlighterLoaded();
}

/** Highlighted inner HTML, or '' to let markdown-it escape the code (no language, an unknown one, or not loaded yet). */
export function highlightCode(code: string, language: string): string {
  if (!language) return '';
  if (!highlighter) {
    void loadHighlighter();
    return '';
  }
  return highlighter(code, language);
}
