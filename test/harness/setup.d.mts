// Types for setup.mjs, which stays plain JavaScript so it runs before any TypeScript tooling is trusted.
export interface VsCodeTestTools {
  node24Bin: string;
  node24BinDir: string;
  node24Root: string;
  codeServerEntry: string;
  chromiumPath: string;
}
export const repoRoot: string;
export const cacheDir: string;
export const NODE24_VERSION: string;
export const CODE_SERVER_VERSION: string;
export function codeServerFlags(port: number): string[];
export function toolPaths(): VsCodeTestTools;
export function ensureVsCodeTestTools(): VsCodeTestTools;
export function ensureNeovim(): string;
