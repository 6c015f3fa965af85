import type { Plugin } from 'esbuild';

export const dropZodLocales: Plugin;
