// Lint: mostly the layering rules from docs/architecture.md, which keep src/common portable.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-debugger': 'error',
    },
  },
  {
    // src/common is pure: type-only imports of vscode are fine, runtime ones are not.
    files: ['src/common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/common must not import vscode at runtime (use `import type`).', allowTypeImports: true }],
        patterns: [
          { group: ['**/vscode/**', '**/webview/**', '**/node/**', '../vscode', '../webview', '../node', '../../vscode', '../../webview', '../../node'], message: 'src/common must not import src/vscode, src/node or src/webview.' },
          { group: ['node:*'], message: 'src/common is editor- and runtime-free: put Node code in src/node behind an interface.' },
        ],
      }],
    },
  },
  {
    // src/node is the plain-Node runtime: it never needs the editor.
    files: ['src/node/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/node runs outside VS Code.', allowTypeImports: false }],
        patterns: [{ group: ['**/vscode/**', '**/webview/**', '../vscode', '../webview'], message: 'src/node must not import src/vscode or src/webview.' }],
      }],
    },
  },
  {
    // The Kimi language server runs in any editor's process tree: no vscode module, no editor adapters.
    files: ['src/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/server runs outside VS Code.', allowTypeImports: false }],
        patterns: [{ group: ['**/vscode/**', '**/webview/**', '../vscode', '../webview', '../vscode/*'], message: 'src/server imports only src/common and src/node.' }],
      }],
    },
  },
  {
    // The webview runs in a browser: no vscode module, no host code.
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview cannot use the vscode API.' }],
        patterns: [{ group: ['**/vscode/**', '../vscode', '../vscode/*'], message: 'The webview may import only src/common.' }],
      }],
    },
  },
);
