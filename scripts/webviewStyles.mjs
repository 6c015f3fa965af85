// The chat webview's styles as text inside its first script (dist/webview.js), which applies them as a constructed
// stylesheet: the view then fetches nothing before it is drawn. Each fetch goes through the webview's service worker
// and VS Code's resource loader (tens of milliseconds), and the frame is shown only at its load event, which waits
// for every stylesheet and font the page uses.
// The icons are codicons drawn as CSS masks of the package's own SVGs (data: URLs, which the CSP's img-src allows),
// for the names the chat's sources use, instead of the 126 KB icon font.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

const codiconsDir = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/package.json'));
const webviewSources = join(dirname(import.meta.dirname), 'src', 'webview');
/** Other webviews with pages of their own, which do not use the chat's icons. */
const otherPages = [join(webviewSources, 'preview')];

async function typeScriptFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return otherPages.includes(path) ? [] : typeScriptFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

/**
 * Every codicon name the chat's sources spell: as a whole string literal ('copy', which `codicon()` and the button
 * helper turn into a class) or in a class name (`codicon-copy`). A word that is also an icon's name (`'error'`) adds
 * an icon no one shows, which costs a few hundred bytes; a name built at run time from pieces would be missed, so
 * the chat never builds one (a test checks every icon it renders has its mask).
 */
export async function codiconNamesUsed(files, knownNames) {
  const used = new Set();
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    for (const [, name] of source.matchAll(/['"`]([a-z0-9-]+)['"`]/g)) if (knownNames.has(name)) used.add(name);
    for (const [, name] of source.matchAll(/codicon-([a-z0-9-]+)/g)) if (knownNames.has(name)) used.add(name);
  }
  return [...used].sort();
}

/**
 * An SVG's markup as a CSS url(): numbers in paths rounded to 1/100 of the 16-unit grid (a hundredth of a pixel at
 * the icons' size), quotes made single, and what a data: URL must not carry raw escaped.
 */
function svgDataUrl(svg) {
  const markup = svg
    .trim()
    .replace(/\sd="([^"]*)"/g, (_, path) => ` d="${path.replace(/-?\d*\.\d+/g, (number) => String(Number(Number(number).toFixed(2))))}"`)
    .replace(/\s+/g, ' ')
    .replace(/"/g, "'")
    .replace(/%/g, '%25')
    .replace(/#/g, '%23');
  return `url("data:image/svg+xml,${markup}")`;
}

/** One mask rule per icon file, for the used names that draw it (mapping.json: code point -> names; one has an SVG). */
export async function codiconMaskRules(names) {
  const mapping = JSON.parse(await readFile(join(codiconsDir, 'src', 'template', 'mapping.json'), 'utf8'));
  const svgFiles = new Set((await readdir(join(codiconsDir, 'src', 'icons'))).map((file) => file.replace(/\.svg$/, '')));
  const rules = [];
  for (const aliases of Object.values(mapping)) {
    const used = aliases.filter((alias) => names.includes(alias));
    if (used.length === 0) continue;
    const file = aliases.find((alias) => svgFiles.has(alias));
    if (!file) throw new Error(`codicon "${used[0]}" has no SVG in @vscode/codicons/src/icons`);
    const svg = await readFile(join(codiconsDir, 'src', 'icons', `${file}.svg`), 'utf8');
    rules.push(`${used.map((name) => `.codicon-${name}::before`).join(', ')} { mask-image: ${svgDataUrl(svg)}; }`);
  }
  return rules.join('\n');
}

/** Every codicon name the package knows (aliases included). */
async function knownCodiconNames() {
  const mapping = JSON.parse(await readFile(join(codiconsDir, 'src', 'template', 'mapping.json'), 'utf8'));
  return new Set(Object.values(mapping).flat());
}

/** In the styles' own build: `@import 'codicon-masks'` becomes the mask rules of the icons the chat uses. */
const codiconMasks = {
  name: 'codicon-masks',
  setup(build) {
    build.onResolve({ filter: /^codicon-masks$/ }, () => ({ path: 'codicon-masks', namespace: 'codicon-masks' }));
    build.onLoad({ filter: /.*/, namespace: 'codicon-masks' }, async () => {
      const files = await typeScriptFiles(webviewSources);
      const rules = await codiconMaskRules(await codiconNamesUsed(files, await knownCodiconNames()));
      return { contents: rules, loader: 'css', watchFiles: files };
    });
  },
};

/**
 * `import styles from './styles.css'` (src/webview/main.ts) gives the stylesheet's text, bundled (its @imports
 * inlined) and minified like the script around it.
 */
export const chatStylesAsText = {
  name: 'chat-styles-as-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]webview[\\/]styles\.css$/ }, async (args) => {
      const result = await esbuild.build({
        entryPoints: [args.path],
        bundle: true,
        write: false,
        metafile: true,
        minify: build.initialOptions.minify ?? false,
        target: build.initialOptions.target,
        legalComments: 'none',
        logLevel: 'silent',
        plugins: [codiconMasks],
      });
      const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('codicon-masks:'));
      return {
        contents: result.outputFiles[0].text,
        loader: 'text',
        watchFiles: inputs.map((input) => join(build.initialOptions.absWorkingDir ?? process.cwd(), input)),
        warnings: result.warnings,
      };
    });
  },
};
