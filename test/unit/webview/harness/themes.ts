// What VS Code gives a webview in each default theme, as read from a real VS Code (code-server 4.139.1) by
// scripts/extract-webview-themes.ts: every `--vscode-*` variable, the body classes and attributes, and its
// default webview stylesheet (which, for one, colours every `code` element). The Chromium cases apply
// exactly these, so screenshots and axe-core's contrast checks see the colours users see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webviewThemeNames, type WebviewThemeName } from './themeNames';

export type ThemeName = WebviewThemeName;
export const themeNames = Object.keys(webviewThemeNames) as ThemeName[];

export interface WebviewTheme {
  colorTheme: string;
  variables: Record<string, string>;
  bodyClasses: string[];
  bodyAttributes: Record<string, string>;
  defaultStyles: string;
}

const cache = new Map<ThemeName, WebviewTheme>();

export function webviewTheme(name: ThemeName): WebviewTheme {
  let theme = cache.get(name);
  if (!theme) {
    theme = JSON.parse(readFileSync(join(__dirname, 'vscode-themes', `${name}.json`), 'utf8')) as WebviewTheme;
    cache.set(name, theme);
  }
  return theme;
}

export function isThemeName(value: string): value is ThemeName {
  return (themeNames as string[]).includes(value);
}

/**
 * VS Code's default webview styles, then the theme's variables on the root element as VS Code sets them,
 * over the side bar's background (a webview's own is transparent: the view behind it shows through).
 */
export function themeStylesheet(name: ThemeName): string {
  const { variables, defaultStyles } = webviewTheme(name);
  const declarations = Object.entries(variables).map(([key, value]) => `  --vscode-${key}: ${value};`);
  return `${defaultStyles}\nhtml {\n${declarations.join('\n')}\n  background: var(--vscode-sideBar-background);\n}\n`;
}
