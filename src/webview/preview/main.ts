// Preview webview entry: the toolbar, the sandboxed page and the comparison, talking to the host.
import '../cspSafeZod';
import './preview.css';
import { PreviewApp } from './previewApp';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

new PreviewApp(document.getElementById('app') ?? document.body, acquireVsCodeApi()).start();
