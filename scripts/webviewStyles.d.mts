import type { Plugin } from 'esbuild';

export const chatStylesAsText: Plugin;
export function codiconNamesUsed(files: readonly string[], knownNames: ReadonlySet<string>): Promise<string[]>;
export function codiconMaskRules(names: readonly string[]): Promise<string>;
