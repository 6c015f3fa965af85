// Bundles: the extension (Node, CommonJS, `vscode` provided by the host), the SDKs and the language client it
// loads on demand from files beside it (dist/openai.js, dist/mcp.js, dist/completionClient.js), the Kimi language
// server (Node) and the chat webview (browser).
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { dropZodLocales } from './scripts/esbuildPlugins.mjs';
import { chatWebviewBundles } from './scripts/webviewBundle.mjs';

const production = process.argv.includes('--production');
// `--outdir=DIR` builds somewhere else than dist/ (tests that inspect the bundles build their own copy).
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

// The openai SDK is loaded on the first request (src/common/llm/openaiSdk.ts), from a bundle of its own beside
// the extension's, so activating the extension does not parse it.
const openAiSdkOnDemand = {
  name: 'openai-sdk-on-demand',
  setup(build) {
    build.onResolve({ filter: /^openai$/ }, () => ({ path: './openai.js', external: true }));
  },
};

// The MCP client and its SDK are a file of their own too, dist/mcp.js: McpServers imports the server manager when
// the first chat has servers, and that import() (a require(), see `supported` below) loads the file beside this one.
// A static import would put the SDK back into the extension bundle, so it fails the build.
const mcpOnDemand = {
  name: 'mcp-on-demand',
  setup(build) {
    build.onResolve({ filter: /[\\/]node[\\/]mcp[\\/]serverManager$/ }, (args) => {
      if (args.kind === 'dynamic-import') return { path: './mcp.js', external: true };
      throw new Error(`${args.importer} imports the MCP server manager statically: only McpServers may load it, with import() (dist/mcp.js)`);
    });
  },
};

const bundles = [
  {
    ...shared,
    // completionClient (vscode-languageclient) is its own file, required only once completions are turned on.
    entryPoints: { extension: 'src/extension.ts', completionClient: 'src/vscode/completions/completionClient.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [dropZodLocales, openAiSdkOnDemand, mcpOnDemand],
    // import() of a bundle beside this one becomes require(): the host loads it as CommonJS, like this one.
    supported: { 'dynamic-import': false },
  },
  {
    ...shared,
    entryPoints: { mcp: 'src/node/mcp/serverManager.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [dropZodLocales],
  },
  {
    ...shared,
    entryPoints: { openai: 'node_modules/openai/index.js' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The Kimi language server, run by the extension through vscode-languageclient or on its own by any editor:
    // `node dist/server.js --stdio`. Its own bundle, so the extension's activation never loads it.
    ...shared,
    entryPoints: { server: 'src/server/main.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { KIMI_SERVER_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
    plugins: [dropZodLocales],
  },
  // The chat webview: dist/webview.js and the two files it imports (scripts/webviewBundle.mjs).
  ...chatWebviewBundles.map((options) => ({ ...shared, ...options, outdir })),
  {
    // The preview panel's webview (dist/preview.js, .css) and the script its sandboxed page runs first
    // (dist/previewFrame.js: html-to-image, so the chat bundle never carries the rasterizer). The host inlines both.
    ...shared,
    entryPoints: { preview: 'src/webview/preview/main.ts', previewFrame: 'src/webview/preview/frameRuntime.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: false,
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
