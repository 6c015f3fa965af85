// esbuild plugins shared by the shipped build (esbuild.mjs) and the test harnesses that build the same bundles
// themselves (the chat webview in Chromium, the language server), so what is tested is what ships.

// zod re-exports every error-message locale (~260 KB minified) as `z.locales`; nothing here uses them (zod
// imports its default English locale separately), so that index resolves to an empty module.
export const dropZodLocales = {
  name: 'drop-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
