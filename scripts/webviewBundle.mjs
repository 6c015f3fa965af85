// The chat webview's esbuild options, shared by the shipped build (esbuild.mjs) and the Chromium test harness,
// so what is tested is what ships. ES modules split into chunks: dist/webview.js is the first script, drawing
// the UI; what it loads with import() (the protocol's validators and the markdown renderer, then highlight.js
// on the first code block) and what those share are dist/webview-*.js beside it. The page loads the entry as a
// module with the CSP's nonce, and the browser carries that nonce to the imports it makes (see chatHtml.ts).
import { dropZodLocales } from './esbuildPlugins.mjs';

export const chatWebviewBundle = {
  bundle: true,
  entryPoints: { webview: 'src/webview/main.ts' },
  platform: 'browser',
  format: 'esm',
  splitting: true,
  chunkNames: 'webview-[name]-[hash]',
  target: 'chrome120',
  // The styles imported by main.ts become dist/webview.css; the icon font it uses is copied beside it.
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
  plugins: [dropZodLocales],
};
