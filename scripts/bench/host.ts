// Timings that need the real editor: the search tool over 10,000 files and opening a review diff (measured
// inside the extension host by host-probe.ts), and opening the chat view from the activity bar (measured in
// the browser: click on the Kimi icon until the prompt box is visible, next to a trivial webview view as the
// platform's floor; `--no-view` skips it, `--view-only` runs only it). Prints JSON lines.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as esbuild from 'esbuild';
import { artifactDir } from '../vscode-test/artifacts';
import { runInRepo } from '../vscode-test/layer-report';
import { runProbeInHost } from '../vscode-test/host-probe-session';
import { cleanupAll } from '../vscode-test/processes';
import { openWorkbenchSession } from '../vscode-test/session';
import { repoRoot } from '../vscode-test/setup.mjs';
import { activityBarItem, closeAllEditors, waitForExtensionStatusItem } from '../vscode-test/workbench-ui';
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

/**
 * Click on an activity-bar icon until the view's input is visible, median of VIEW_RUNS openings after a first
 * (not counted) one that creates the webview process. Each later opening rebuilds the view, since a hidden
 * view keeps no webview (retainContextWhenHidden is off): switch to the Explorer, then click the icon again.
 */
async function timeViewOpenings(page: Page, label: string, containerTitle: string, extensionId: string): Promise<number> {
  const icon = activityBarItem(page, containerTitle);
  const explorer = activityBarItem(page, 'Explorer');
  const prompt = page
    .frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`)
    .frameLocator('#active-frame')
    .locator('[data-testid="prompt-input"]');
  const times: number[] = [];
  for (let run = 0; run <= VIEW_RUNS; run++) {
    if (run > 0) {
      await explorer.click();
      await prompt.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
    const started = Date.now();
    await icon.click();
    await prompt.waitFor({ state: 'visible', timeout: 20_000 });
    const elapsed = Date.now() - started;
    console.error(`${label} open ${run === 0 ? '(first, not counted)' : `run ${run}`}: ${elapsed} ms`);
    if (run > 0) times.push(elapsed);
  }
  return median(times);
}

/** Opens a workbench with one development extension (code-server's server loads only one) and times its view. */
async function viewOpeningIn(extensionPath: string, label: string, containerTitle: string, extensionId: string): Promise<number> {
  const session = await openWorkbenchSession({
    label: `bench-${label.replace(/\W+/g, '-')}`,
    artifactsDir: artifactDir('bench', label.replace(/\W+/g, '-')),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [['extensionDevelopmentPath', server.remoteUri(extensionPath)]],
  });
  try {
    if (extensionId.startsWith('kimi-assistant.')) {
      await waitForExtensionStatusItem(session.page, extensionId);
      // The first start opens the walkthrough; close it so both views are timed in an equally quiet workbench.
      await closeAllEditors(session.page);
    }
    return await timeViewOpenings(session.page, label, containerTitle, extensionId);
  } catch (error) {
    await session.keepFailureArtifacts(label);
    throw error;
  } finally {
    await session.close();
  }
}

/** The chat view's opening, next to a trivial webview view's (static HTML, one input) as the platform's floor. */
async function chatViewOpening(): Promise<void> {
  const trivial = await viewOpeningIn(join(repoRoot, 'test', 'fixtures', 'trivial-webview'), 'trivial webview view', 'Trivial', 'bench.trivial-webview');
  const chat = await viewOpeningIn(repoRoot, 'chat view', 'Kimi', 'kimi-assistant.kimi-assistant');
  console.log(JSON.stringify({ name: 'chat_view_open_ms', value: chat, unit: 'ms', runs: VIEW_RUNS }));
  console.log(JSON.stringify({ name: 'trivial_webview_view_open_ms', value: trivial, unit: 'ms', runs: VIEW_RUNS }));
  console.log(JSON.stringify({ name: 'chat_view_open_vs_trivial_ratio', value: Number((chat / trivial).toFixed(2)), unit: 'x', runs: VIEW_RUNS }));
}

async function main(): Promise<void> {
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  if (!process.argv.includes('--view-only')) await hostProbe();
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
