// Timings that need the real editor: the search tool over 10,000 files and opening a review diff (measured
// inside the extension host by host-probe.ts), and opening the chat view from the activity bar (measured in
// the browser: click on the Kimi icon until the prompt box is visible, next to a trivial webview view as the
// platform's floor; `--no-view` skips it, `--view-only` runs only it). Prints JSON lines.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as esbuild from 'esbuild';
import { artifactDir } from '../../test/harness/artifacts';
import { runInRepo } from '../../test/harness/layer-report';
import { runProbeInHost } from '../../test/harness/host-probe-session';
import { runThenCleanUp } from '../../test/harness/processes';
import { openWorkbenchSession } from '../../test/harness/session';
import { repoRoot } from '../../test/harness/setup.mjs';
import { activityBarItem, closeAllEditors, waitForExtensionStatusItem } from '../../test/harness/workbench-ui';
import { HOST_BENCH_PREFIX } from './host-line';
import { measureOrReportMissing, median, report } from './measure';

const VIEW_RUNS = 5;

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
  report('chat_view_open_ms', chat, 'ms', VIEW_RUNS);
  report('trivial_webview_view_open_ms', trivial, 'ms', VIEW_RUNS);
  report('chat_view_open_vs_trivial_ratio', chat / trivial, 'x', VIEW_RUNS, 2);
}

/** What the host probe reports; each is reported missing if the probe fails twice. */
const PROBE_MEASURES = ['search_10k_files_ms', 'search_10k_files_host_cpu_ms', ...['200_lines', '20k_lines'].flatMap((size) => [`review_diff_open_${size}_ms`, `plain_vscode_diff_open_${size}_ms`, `review_diff_open_${size}_vs_plain_ratio`])];
const VIEW_MEASURES = ['chat_view_open_ms', 'trivial_webview_view_open_ms', 'chat_view_open_vs_trivial_ratio'];

async function main(): Promise<void> {
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  // Under load a workbench can miss a wait; one failed measure must not take the others down.
  if (!process.argv.includes('--view-only')) await measureOrReportMissing(PROBE_MEASURES, hostProbe);
  if (!process.argv.includes('--no-view')) await measureOrReportMissing(VIEW_MEASURES, chatViewOpening);
}

runThenCleanUp(main);
