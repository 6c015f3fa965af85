import type { BuildOptions } from 'esbuild';

export const chatWebviewBundle: BuildOptions;
