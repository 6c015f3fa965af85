// Bundles: the extension (Node, CommonJS, `vscode` provided by the host), the Kimi language server (Node) and the
// chat webview (browser).
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

// zod re-exports every error-message locale (~260 KB minified) as `z.locales`; nothing here uses them (zod
// imports its default English locale separately), so that index resolves to an empty module. In the extension
// bundle they were a sixth of what the host parses on activation.
const dropZodLocales = {
  name: 'drop-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

// The openai SDK is loaded on the first request (src/common/llm/openaiSdk.ts), from a bundle of its own beside
// the extension's, so activating the extension does not parse it.
const openAiSdkOnDemand = {
  name: 'openai-sdk-on-demand',
  setup(build) {
    build.onResolve({ filter: /^openai$/ }, () => ({ path: './openai.js', external: true }));
  },
};

const bundles = [
  {
    ...shared,
    // completionClient (vscode-languageclient) is its own file, required only once completions are turned on.
    entryPoints: { extension: 'src/extension.ts', completionClient: 'src/vscode/completions/completionClient.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [dropZodLocales, openAiSdkOnDemand],
    // import() of a bundle beside this one becomes require(): the host loads it as CommonJS, like this one.
    supported: { 'dynamic-import': false },
  },
  {
    ...shared,
    entryPoints: { openai: 'node_modules/openai/index.js' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The Kimi language server, run by the extension through vscode-languageclient or on its own by any editor:
    // `node dist/server.js --stdio`. Its own bundle, so the extension's activation never loads it.
    ...shared,
    entryPoints: { server: 'src/server/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { KIMI_SERVER_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
    plugins: [dropZodLocales],
  },
  {
    ...shared,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    // The styles imported by main.ts become dist/webview.css; the icon font it uses is copied beside it.
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    plugins: [dropZodLocales],
  },
];

const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
