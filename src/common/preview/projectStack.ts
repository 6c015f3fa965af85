// What a generated UI should be written in: the framework and styling the workspace's package.json shows, or
// plain HTML and CSS when there is none. Read from the file's text only; nothing of the project runs.

export type Framework = 'html' | 'react' | 'vue' | 'svelte';
export type Styling = 'css' | 'tailwind' | 'sass' | 'styled-components' | 'css-modules';

export interface ProjectStack {
  framework: Framework;
  styling: Styling;
  typescript: boolean;
}

export const plainStack: ProjectStack = { framework: 'html', styling: 'css', typescript: false };

function dependencyNames(manifest: unknown): Set<string> {
  const names = new Set<string>();
  if (typeof manifest !== 'object' || manifest === null) return names;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const table = (manifest as Record<string, unknown>)[field];
    if (typeof table === 'object' && table !== null) for (const name of Object.keys(table)) names.add(name);
  }
  return names;
}

/** The stack of a package.json's text; plain HTML when there is none or it cannot be read. */
export function detectProjectStack(packageJson: string | undefined, options: { hasTailwindConfig?: boolean } = {}): ProjectStack {
  if (packageJson === undefined) return { ...plainStack, styling: options.hasTailwindConfig ? 'tailwind' : 'css' };
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageJson);
  } catch {
    return plainStack;
  }
  const names = dependencyNames(manifest);
  const has = (name: string) => names.has(name);
  // Next and Remix are React; Nuxt is Vue; SvelteKit is Svelte.
  const framework: Framework = has('react') || has('next') || has('@remix-run/react') ? 'react' : has('vue') || has('nuxt') ? 'vue' : has('svelte') || has('@sveltejs/kit') ? 'svelte' : 'html';
  const styling: Styling =
    has('tailwindcss') || has('@tailwindcss/vite') || options.hasTailwindConfig
      ? 'tailwind'
      : has('styled-components') || has('@emotion/styled')
        ? 'styled-components'
        : has('sass') || has('node-sass')
          ? 'sass'
          : 'css';
  return { framework, styling, typescript: has('typescript') };
}

const frameworkNames: Record<Framework, string> = { html: 'plain HTML', react: 'React', vue: 'Vue', svelte: 'Svelte' };
const stylingNames: Record<Styling, string> = { css: 'plain CSS', tailwind: 'Tailwind CSS', sass: 'Sass', 'styled-components': 'styled-components', 'css-modules': 'CSS modules' };

export function describeStack(stack: ProjectStack): string {
  return `${frameworkNames[stack.framework]} with ${stylingNames[stack.styling]}${stack.typescript && stack.framework !== 'html' ? ', in TypeScript' : ''}`;
}
