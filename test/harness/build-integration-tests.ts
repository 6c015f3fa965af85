// Compiles test/integration (mocha tests module and its *.test.ts files) to out/integration as CommonJS,
// leaving `vscode` (given by the extension host) and `mocha` (shared by every file) to require.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './setup.mjs';

export const integrationSourceDir = join(repoRoot, 'test', 'integration');
export const integrationOutDir = join(repoRoot, 'out', 'integration');

/**
 * Returns the compiled tests module (`extensionTestsPath`). With filters, only the test files whose name
 * contains one of them are compiled, so the host runs just those (`npm run test:integration -- mcp`).
 */
export async function buildIntegrationTests(filters: string[] = []): Promise<string> {
  const testFiles = readdirSync(integrationSourceDir)
    .filter((name) => name.endsWith('.test.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)));
  if (testFiles.length === 0) throw new Error(`no integration test file matches ${filters.join(', ')}`);
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...testFiles].map((name) => join(integrationSourceDir, name)),
    outdir: integrationOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(integrationOutDir, 'index.js');
}

// `node --import tsx test/harness/build-integration-tests.ts` compiles them for .vscode-test.mjs.
if (require.main === module) {
  buildIntegrationTests().then((testsModule) => console.log(`compiled ${testsModule}`));
}
