// The chat webview's esbuild options, shared by the shipped build (esbuild.mjs) and the Chromium test harness,
// so what is tested is what ships. Three scripts, each one file (a request through the webview's resource loader
// costs tens of milliseconds, so the first script imports nothing statically):
// - dist/webview.js, which the host inlines in the page as a classic script (chatHtml.ts): draws the UI, with its
//   styles inside (scripts/webviewStyles.mjs), and imports the next;
// - dist/webviewRuntime.js, an ES module, imported at once: zod with the protocol's validators, and the markdown renderer;
// - dist/webviewHighlight.js, an ES module the renderer imports on the first code block: highlight.js.
// The few small modules both of the first two use (DOM helpers, the protocol's limits) are in each; none keeps
// state. The page runs the entry with the CSP's nonce, which the browser hands on to what it imports.
import { dropZodLocales } from './esbuildPlugins.mjs';
import { chatStylesAsText } from './webviewStyles.mjs';

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

const browserModule = { bundle: true, platform: 'browser', format: 'esm', target: 'chrome120' };

export const chatWebviewBundles = [
  {
    ...browserModule,
    entryPoints: { webview: 'src/webview/main.ts' },
    // Inlined as a classic script; its one import is import() of the runtime's URL (src/webview/main.ts).
    format: 'iife',
    plugins: [dropZodLocales, chatStylesAsText, fileOnDemand('chatRuntime', 'webviewRuntime.js')],
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
