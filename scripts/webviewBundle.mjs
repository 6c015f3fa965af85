// The chat webview's esbuild options, shared by the shipped build (esbuild.mjs) and the Chromium test harness,
// so what is tested is what ships. Three ES modules, each one file (a request through the webview's resource
// loader costs tens of milliseconds, so the first script imports nothing statically):
// - dist/webview.js, the first script: draws the UI (and dist/webview.css, the styles it imports);
// - dist/webviewRuntime.js, which it imports at once: zod with the protocol's validators, and the markdown renderer;
// - dist/webviewHighlight.js, which the renderer imports on the first code block: highlight.js.
// The few small modules both of the first two use (DOM helpers, the protocol's limits) are in each; none keeps
// state. The page loads the entry as a module with the CSP's nonce, which the browser hands on to what it
// imports (see chatHtml.ts).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { dropZodLocales } from './esbuildPlugins.mjs';

/** `import()` of `module` becomes an import of `file` beside the importer; a static import fails the build. */
function fileOnDemand(module, file) {
  return {
    name: `${file}-on-demand`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`[\\\\/]${module}$`) }, (args) => {
        if (args.kind === 'dynamic-import') return { path: `./${file}`, external: true };
        throw new Error(`${args.importer} imports ${module} statically: only import() may load it (dist/${file})`);
      });
    },
  };
}

/**
 * The codicon font without its `?hash` query in dist/webview.css, so the page can preload it by its plain URL
 * (chatHtml.ts): the frame is shown at its load event, which waits for the font, and the font is otherwise asked
 * for only once the styles have been applied to the UI.
 */
const codiconFontByPlainUrl = {
  name: 'codicon-font-by-plain-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]@vscode[\\/]codicons[\\/]dist[\\/]codicon\.css$/ }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      return { contents: css.replace(/codicon\.ttf\?[0-9a-f]+/, 'codicon.ttf'), loader: 'css', resolveDir: dirname(args.path) };
    });
  },
};

const browserModule = { bundle: true, platform: 'browser', format: 'esm', target: 'chrome120' };

export const chatWebviewBundles = [
  {
    ...browserModule,
    entryPoints: { webview: 'src/webview/main.ts' },
    // The icon font the styles use is copied beside dist/webview.css.
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    plugins: [dropZodLocales, codiconFontByPlainUrl, fileOnDemand('chatRuntime', 'webviewRuntime.js')],
  },
  {
    ...browserModule,
    entryPoints: { webviewRuntime: 'src/webview/chatRuntime.ts' },
    plugins: [dropZodLocales, fileOnDemand('highlightLanguages', 'webviewHighlight.js')],
  },
  {
    ...browserModule,
    entryPoints: { webviewHighlight: 'src/webview/markdown/highlightLanguages.ts' },
  },
];
