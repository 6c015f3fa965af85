// Timings that need the real editor: the search tool over 10,000 files and opening a review diff (measured
// inside the extension host by host-probe.ts), and opening the chat view from the activity bar (measured in
// the browser: from the press on the Kimi icon until VS Code shows the view's frame with the prompt box, in turns
// with a trivial webview view as the platform's floor; `--no-view` skips it, `--view-only` runs only it). Prints
// JSON lines. scripts/bench/view-timeline.ts shows where an opening's time goes.
import { join } from 'node:path';
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
import { pressToShownMs, recordViewTimings } from './view-timing';

const VIEW_RUNS = 7;

async function hostProbe(): Promise<void> {
  const probe = join(repoRoot, 'out', 'bench', 'host-probe.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'scripts', 'bench', 'host-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const hostConsole = await runProbeInHost({ label: 'bench-host', artifactsDir: artifactDir('bench', 'host'), probe, timeoutMs: 180_000 });
  for (const line of hostConsole.split('\n')) {
    if (line.startsWith(HOST_BENCH_PREFIX)) console.log(line.slice(HOST_BENCH_PREFIX.length));
    else if (line.startsWith('search over')) console.error(line);
  }
}

/** One webview view in a workbench of its own, opened from its activity-bar icon. */
interface ViewUnderTest {
  readonly label: string;
  /**
   * Milliseconds from the press on the icon until VS Code shows the view's frame, timed in the browser
   * (view-timing.ts), once Playwright sees the input visible; and the time until Playwright saw it.
   */
  open(): Promise<{ shownMs: number; seenMs: number }>;
  /** Switches to the Explorer, which disposes the view (a hidden view keeps no webview: retainContextWhenHidden is off). */
  hide(): Promise<void>;
  keepFailureArtifacts(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a workbench with one development extension (code-server's server loads only one) for its view. */
async function viewUnderTest(extensionPath: string, label: string, containerTitle: string, extensionId: string): Promise<ViewUnderTest> {
  const session = await openWorkbenchSession({
    label: `bench-${label.replace(/\W+/g, '-')}`,
    artifactsDir: artifactDir('bench', label.replace(/\W+/g, '-')),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [['extensionDevelopmentPath', server.remoteUri(extensionPath)]],
  });
  try {
    await recordViewTimings(session.context, session.page);
    if (extensionId.startsWith('kimi-assistant.')) {
      await waitForExtensionStatusItem(session.page, extensionId);
      // The first start opens the walkthrough; close it so both views are timed in an equally quiet workbench.
      await closeAllEditors(session.page);
    }
  } catch (error) {
    await session.keepFailureArtifacts(label);
    await session.close();
    throw error;
  }
  const icon = activityBarItem(session.page, containerTitle);
  const explorer = activityBarItem(session.page, 'Explorer');
  const prompt = session.page
    .frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`)
    .frameLocator('#active-frame')
    .locator('[data-testid="prompt-input"]');
  return {
    label,
    async open() {
      const started = Date.now();
      await icon.click();
      await prompt.waitFor({ state: 'visible', timeout: 20_000 });
      const seenMs = Date.now() - started;
      return { shownMs: await pressToShownMs(session.page, extensionId), seenMs };
    },
    async hide() {
      await explorer.click();
      await prompt.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    },
    keepFailureArtifacts: () => session.keepFailureArtifacts(label),
    close: () => session.close(),
  };
}

/**
 * Median openings of each view over VIEW_RUNS rounds, after a first (not counted) round that creates the
 * webview processes. The views take turns within each round, so a load that comes and goes on this shared
 * machine weighs on both alike, as the diff timings of host-probe.ts do.
 */
async function timeInTurns(views: readonly ViewUnderTest[]): Promise<number[]> {
  const times = views.map((): number[] => []);
  for (let run = 0; run <= VIEW_RUNS; run++) {
    for (const [index, view] of views.entries()) {
      const { shownMs, seenMs } = await view.open();
      await view.hide();
      console.error(`${view.label} open ${run === 0 ? '(first, not counted)' : `run ${run}`}: ${shownMs.toFixed(0)} ms (seen by Playwright after ${seenMs} ms)`);
      if (run > 0) times[index]!.push(shownMs);
    }
  }
  return times.map(median);
}

/** The chat view's opening, next to a trivial webview view's (static HTML, one input) as the platform's floor. */
async function chatViewOpening(): Promise<void> {
  const trivial = await viewUnderTest(join(repoRoot, 'test', 'fixtures', 'trivial-webview'), 'trivial webview view', 'Trivial', 'bench.trivial-webview');
  try {
    const chat = await viewUnderTest(repoRoot, 'chat view', 'Kimi', 'kimi-assistant.kimi-assistant');
    try {
      const [trivialMs, chatMs] = await timeInTurns([trivial, chat]);
      report('chat_view_open_ms', chatMs!, 'ms', VIEW_RUNS);
      report('trivial_webview_view_open_ms', trivialMs!, 'ms', VIEW_RUNS);
      report('chat_view_open_vs_trivial_ratio', chatMs! / trivialMs!, 'x', VIEW_RUNS, 2);
    } catch (error) {
      await Promise.all([trivial.keepFailureArtifacts(), chat.keepFailureArtifacts()]);
      throw error;
    } finally {
      await chat.close();
    }
  } finally {
    await trivial.close();
  }
}

/** What the host probe reports; each is reported missing if the probe fails twice. */
const PROBE_MEASURES = ['search_10k_files_ms', 'search_10k_files_host_cpu_ms', ...['200_lines', '20k_lines'].flatMap((size) => [`review_diff_open_${size}_ms`, `plain_vscode_diff_open_${size}_ms`, `review_diff_open_${size}_vs_plain_ratio`, `plain_vscode_diff_open_${size}_fresh_files_ms`, `review_diff_open_${size}_vs_fresh_files_ratio`])];
const VIEW_MEASURES = ['chat_view_open_ms', 'trivial_webview_view_open_ms', 'chat_view_open_vs_trivial_ratio'];

async function main(): Promise<void> {
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  // Under load a workbench can miss a wait; one failed measure must not take the others down.
  if (!process.argv.includes('--view-only')) await measureOrReportMissing(PROBE_MEASURES, hostProbe);
  if (!process.argv.includes('--no-view')) await measureOrReportMissing(VIEW_MEASURES, chatViewOpening);
}

runThenCleanUp(main);
