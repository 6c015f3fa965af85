// Chat webview entry, inlined in the page by the host as a classic script (chatHtml.ts): applies the styles and
// builds the UI in #app, then, once its second chunk has loaded (the protocol's validators and the markdown
// renderer, see chatRuntime.ts), asks the host for the current state. The page fetches nothing before it is drawn:
// VS Code shows the frame at its load event.
import styles from './styles.css';
import { ChatApp } from './chatApp';
import type * as ChatRuntimeModule from './chatRuntime';
import { HostBridge } from './hostBridge';

const root = document.getElementById('app') ?? document.body;
// A constructed stylesheet: the CSP allows no inline <style>, and CSSOM is not what style-src governs.
const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
const app = new ChatApp(root, new HostBridge());

/** The second chunk; an inline script's relative imports would resolve against the page, so the host names its URL. */
function loadRuntime(): void {
  const runtimeUri = root.dataset.runtimeUri;
  const runtime = runtimeUri ? (import(runtimeUri) as Promise<typeof ChatRuntimeModule>) : Promise.reject(new Error('the page names no runtime chunk'));
  runtime.then(
    ({ createChatRuntime }) => app.start(createChatRuntime()),
    (error: unknown) => app.failToStart(error),
  );
}

// Asked for once the chat is on screen (the task after the first frame that VS Code shows): starting an import
// costs the main thread several milliseconds, and nothing the host sends can be shown before the chunk anyway.
// A page that is not drawn gets no animation frame, so a timer starts it regardless.
let runtimeRequested = false;
const requestRuntime = () => {
  if (runtimeRequested) return;
  runtimeRequested = true;
  loadRuntime();
};
addEventListener(
  'load',
  () => {
    requestAnimationFrame(() => setTimeout(requestRuntime));
    setTimeout(requestRuntime, 100);
  },
  { once: true },
);
