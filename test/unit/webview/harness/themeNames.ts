// The four default themes the chat is checked in, by the name VS Code gives them.
export const webviewThemeNames = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'hc-dark': 'Default High Contrast',
  'hc-light': 'Default High Contrast Light',
} as const;
export type WebviewThemeName = keyof typeof webviewThemeNames;
