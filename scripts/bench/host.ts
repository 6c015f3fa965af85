// Timings that need the real editor: the search tool over 10,000 files and opening a review diff (measured
// inside the extension host by host-probe.ts), and opening the chat view from the activity bar (measured in
// the browser: click on the Kimi icon until the prompt box is visible). Prints JSON lines.
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { artifactDir } from '../vscode-test/artifacts';
import { runInRepo } from '../vscode-test/layer-report';
import { cleanupAll } from '../vscode-test/processes';
import { openWorkbenchSession } from '../vscode-test/session';
import { repoRoot } from '../vscode-test/setup.mjs';
import { withTimeout } from '../vscode-test/waits';
import { activityBarItem, waitForExtensionStatusItem, webviewContent } from '../vscode-test/workbench-ui';
import { HOST_BENCH_PREFIX } from './host-line';

const VIEW_RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function hostProbe(): Promise<void> {
  const probe = join(repoRoot, 'out', 'bench', 'host-probe.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'scripts', 'bench', 'host-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  let hostConsole = '';
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const session = await openWorkbenchSession({
    label: 'bench-host',
    artifactsDir: artifactDir('bench', 'host'),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(probe)],
    ],
    beforeNavigate: async (page) => {
      await page.exposeFunction('codeAutomationLog', (_level: unknown, message: unknown) => {
        hostConsole += `${Array.isArray(message) ? format(...(message as unknown[])) : String(message)}\n`;
      });
      await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(typeof code === 'number' ? code : 1));
    },
  });
  try {
    const code = await withTimeout(exited, 180_000, 'the host benchmark did not finish within 3 minutes');
    if (code !== 0) throw new Error(`the host benchmark failed:\n${hostConsole.slice(-3000)}`);
    for (const line of hostConsole.split('\n')) {
      if (line.startsWith(HOST_BENCH_PREFIX)) console.log(line.slice(HOST_BENCH_PREFIX.length));
      else if (line.startsWith('search over')) console.error(line);
    }
  } finally {
    await session.close();
  }
}

async function chatViewOpening(): Promise<void> {
  const session = await openWorkbenchSession({
    label: 'bench-view',
    artifactsDir: artifactDir('bench', 'view'),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [['extensionDevelopmentPath', server.remoteUri(repoRoot)]],
  });
  try {
    const page = session.page;
    await waitForExtensionStatusItem(page, 'kimi-assistant.kimi-assistant');
    const kimi = activityBarItem(page, 'Kimi');
    const explorer = activityBarItem(page, 'Explorer');
    const prompt = webviewContent(page).locator('[data-testid="prompt-input"]');
    const times: number[] = [];
    // The first opening creates the webview process; each later one rebuilds the view, since a hidden chat
    // keeps no webview (retainContextWhenHidden is off): switch to the Explorer, then click Kimi again.
    for (let run = 0; run <= VIEW_RUNS; run++) {
      if (run > 0) {
        await explorer.click();
        await prompt.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      }
      const started = Date.now();
      await kimi.click();
      await prompt.waitFor({ state: 'visible', timeout: 20_000 });
      const elapsed = Date.now() - started;
      console.error(`chat view open ${run === 0 ? '(first, not counted)' : `run ${run}`}: ${elapsed} ms`);
      if (run > 0) times.push(elapsed);
    }
    console.log(JSON.stringify({ name: 'chat_view_open_ms', value: median(times), unit: 'ms', runs: VIEW_RUNS }));
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  await hostProbe();
  await chatViewOpening();
}

main()
  .then(() => 0, (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  })
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
