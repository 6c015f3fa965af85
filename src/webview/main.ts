// Chat webview entry: builds the UI in #app, then, once its second chunk has loaded (the protocol's validators
// and the markdown renderer, see chatRuntime.ts), asks the host for the current state.
// Bundled into dist/webview.css, which the page links (a script cannot add styles under the webview's CSP).
import './styles.css';
import { ChatApp } from './chatApp';
import { HostBridge } from './hostBridge';

// Asked for first, so the chunk is fetched (and compiled off the main thread) while the UI is built.
const runtime = import('./chatRuntime');
const root = document.getElementById('app') ?? document.body;
const app = new ChatApp(root, new HostBridge());
runtime.then(
  ({ createChatRuntime }) => app.start(createChatRuntime()),
  (error: unknown) => app.failToStart(error),
);
