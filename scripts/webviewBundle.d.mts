import type { BuildOptions } from 'esbuild';

export const chatWebviewBundles: BuildOptions[];
