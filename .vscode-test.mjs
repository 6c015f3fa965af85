// The integration tests on a machine that can download VS Code (this project's CI cannot: it runs them in
// code-server through `npm run test:integration`). Both routes run the same compiled out/integration files.
//   1. node --import tsx test/harness/build-integration-tests.ts && node esbuild.mjs
//   2. npx @vscode/test-cli              (reads the default export below; needs @vscode/test-cli)
//      or: node .vscode-test.mjs         (uses @vscode/test-electron, a dev dependency, and our mocha index)
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = dirname(fileURLToPath(import.meta.url));
const workspaceFolder = join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic');
// Real keys must not reach the test host: the API-key tests expect to start with none.
const withoutKeys = { AIMLAPI_API_KEY: '', MOONSHOT_API_KEY: '', KIMI_API_KEY: '' };

export default {
  label: 'integration',
  files: 'out/integration/**/*.test.js',
  version: 'stable',
  workspaceFolder,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: withoutKeys,
  mocha: { ui: 'tdd', timeout: 30_000, color: true },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const testsModule = join(repoRoot, 'out', 'integration', 'index.js');
  if (!existsSync(testsModule)) {
    console.error('Compile the tests first: node --import tsx test/harness/build-integration-tests.ts && node esbuild.mjs');
    process.exit(1);
  }
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsModule,
      launchArgs: [workspaceFolder, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: withoutKeys,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
