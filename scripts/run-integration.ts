// `npm run test:integration`: runs test/integration with mocha inside a real VS Code extension host
// (code-server with the smoke-test driver), the extension loaded from this folder, the fake Kimi server as
// the model. Ends with `integration: N passed, N failed, N skipped` (or a crash line) and the matching exit code.
// Arguments narrow the run to test files whose name contains one of them: `npm run test:integration -- mcp`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { artifactDir } from '../test/harness/artifacts';
import { buildIntegrationTests } from '../test/harness/build-integration-tests';
import { logStep, printCountLine, printCrashLine, runInRepo, timed } from '../test/harness/layer-report';
import { writeLinkedExtensions } from '../test/harness/linked-extensions';
import { onCleanup, runThenCleanUp } from '../test/harness/processes';
import { openWorkbenchSession, type WorkbenchSession } from '../test/harness/session';
import { ensureVsCodeTestTools, repoRoot } from '../test/harness/setup.mjs';
import { withTimeout } from '../test/harness/waits';
import { parseResultLine } from '../test/integration/result-line';

const LAYER = 'integration';
const TESTS_TIMEOUT_MS = 5 * 60_000;

interface HostExit {
  code: number;
  logs: unknown;
}

interface AutomationLogFile {
  relativePath: string;
  contents: string;
}

function isLogFileList(value: unknown): value is AutomationLogFile[] {
  return Array.isArray(value) && value.every((entry) => typeof entry?.relativePath === 'string' && typeof entry?.contents === 'string');
}

/** The host hands its log files to codeAutomationExit; keep them for a failed run. */
function keepHostLogs(logs: unknown, targetDir: string): void {
  if (!isLogFileList(logs)) return;
  for (const file of logs) {
    const target = join(targetDir, 'host-logs', file.relativePath.replace(/\.\.(\/|\\)/g, ''));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
}

/** The host forwards console calls as their printf-style argument lists (`['%s passing', 9]`). */
function messageText(message: unknown): string {
  if (Array.isArray(message)) return format(...(message as unknown[]));
  return typeof message === 'string' ? message : JSON.stringify(message);
}

/** Known harmless host noise on an offline machine (docs/real-vscode.md): shown as one line, not a stack. */
const HARMLESS_NOISE = [/ENOTFOUND open-vsx\.org/, /authentication provider 'github'/, /vsda/];

function printHostMessage(level: unknown, text: string): void {
  if (HARMLESS_NOISE.some((pattern) => pattern.test(text))) {
    process.stdout.write(`[host:noise] ${text.split('\n')[0]}\n`);
    return;
  }
  process.stdout.write(`[host${level === 'error' ? ':error' : ''}] ${text}\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const artifactsDir = artifactDir(LAYER);
  await timed(LAYER, 'setting up code-server and Chromium', () => ensureVsCodeTestTools());
  await timed(LAYER, 'building the extension', () => runInRepo(process.execPath, ['esbuild.mjs']));
  const testsModule = await timed(LAYER, 'compiling the integration tests', () => buildIntegrationTests(process.argv.slice(2)));

  let hostConsole = '';
  let resolveExit: (exit: HostExit) => void = () => undefined;
  const hostExited = new Promise<HostExit>((resolve) => {
    resolveExit = resolve;
  });
  let session: WorkbenchSession | undefined;
  // A second extension that uses the kimi models through vscode.lm, as any other extension would.
  const extensionsDir = mkdtempSync(join(tmpdir(), 'kimi-integration-extensions-'));
  onCleanup(`temp folder ${extensionsDir}`, () => rmSync(extensionsDir, { recursive: true, force: true }));
  writeLinkedExtensions(extensionsDir, [join(repoRoot, 'test', 'fixtures', 'lm-consumer-extension')]);
  try {
    session = await timed(LAYER, 'starting code-server with the tests', () =>
      openWorkbenchSession({
        label: LAYER,
        artifactsDir,
        workspaceFixture: 'basic',
        smokeTestDriver: true,
        apiKeyInEnvironment: false,
        extensionsDir,
        payload: (server) => [
          ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
          ['extensionTestsPath', server.remoteUri(testsModule)],
        ],
        beforeNavigate: async (page) => {
          await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
            const text = messageText(message);
            hostConsole += `${text}\n`;
            printHostMessage(level, text);
          });
          await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
            resolveExit({ code: typeof code === 'number' ? code : 1, logs });
          });
        },
      }),
    );
    const exit = await withTimeout(hostExited, TESTS_TIMEOUT_MS, 'the integration tests did not finish');
    const result = parseResultLine(hostConsole);
    if (exit.code !== 0 || !result || result.failed > 0) {
      await session.keepFailureArtifacts('integration-failed');
      keepHostLogs(exit.logs, join(artifactsDir, 'failures'));
      logStep(LAYER, `logs and a screenshot kept in ${join(artifactsDir, 'failures')}`);
    }
    logStep(LAYER, `finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!result) {
      printCrashLine(LAYER, `the tests module exited with ${exit.code} without reporting counts`);
      return 1;
    }
    printCountLine(LAYER, result);
    return exit.code === 0 && result.failed === 0 ? 0 : 1;
  } catch (error) {
    await session?.keepFailureArtifacts('integration-crashed');
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[${LAYER}] ${reason}`);
    printCrashLine(LAYER, reason);
    return 1;
  } finally {
    await session?.close();
  }
}

runThenCleanUp(main, (reason) => printCrashLine(LAYER, reason));
