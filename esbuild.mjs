// Two bundles: the extension (Node, CommonJS, `vscode` provided by the host) and the chat webview (browser).
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

// The VSIX ships no node_modules, so the webview's icon font is copied next to its bundle.
const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(async () => {
      await mkdir('dist', { recursive: true });
      for (const file of ['codicon.css', 'codicon.ttf']) {
        await copyFile(`node_modules/@vscode/codicons/dist/${file}`, `dist/${file}`);
      }
    });
  },
};

// zod re-exports every error-message locale (~250 KB minified) as `z.locales`; the webview never uses them
// (its default English locale is imported separately), so that index resolves to an empty module.
const dropZodLocales = {
  name: 'drop-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const bundles = [
  {
    ...shared,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...shared,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    plugins: [dropZodLocales, copyCodicons],
  },
];

const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
