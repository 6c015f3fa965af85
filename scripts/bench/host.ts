// Timings that need the real editor: the search tool over 10,000 files and opening a review diff (measured
// inside the extension host by host-probe.ts), and opening the chat view from the activity bar (measured in
// the browser: click on the Kimi icon until the prompt box is visible; `--no-view` skips it). Prints JSON lines.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { artifactDir } from '../vscode-test/artifacts';
import { runInRepo } from '../vscode-test/layer-report';
import { runProbeInHost } from '../vscode-test/host-probe-session';
import { cleanupAll } from '../vscode-test/processes';
import { openWorkbenchSession } from '../vscode-test/session';
import { repoRoot } from '../vscode-test/setup.mjs';
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
  const hostConsole = await runProbeInHost({ label: 'bench-host', artifactsDir: artifactDir('bench', 'host'), probe, timeoutMs: 180_000 });
  for (const line of hostConsole.split('\n')) {
    if (line.startsWith(HOST_BENCH_PREFIX)) console.log(line.slice(HOST_BENCH_PREFIX.length));
    else if (line.startsWith('search over')) console.error(line);
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
  if (!process.argv.includes("--no-view")) await chatViewOpening();
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
