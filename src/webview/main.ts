// Chat webview entry: builds the UI in #app and asks the host for the current state.
import './cspSafeZod';
// Bundled into dist/webview.css, which the page links (a script cannot add styles under the webview's CSP).
import './styles.css';
import { ChatApp } from './chatApp';
import { HostBridge } from './hostBridge';

const root = document.getElementById('app') ?? document.body;
new ChatApp(root, new HostBridge()).start();
