// Where a view's opening goes, for finding what to cut (not part of `npm run bench`): opens the chat view, or with
// `--trivial` the bench's trivial webview view, `--rounds=N` times after a first opening, and prints for each the
// performance timeline of the webview's host frame (VS Code's marks: content/started, workerReady, innerFrameLoaded,
// wroteInnerContent) and of the content frame (its requests, paints and marks), in ms after the press on the icon,
// with the moment VS Code showed it (view-timing.ts).
//   node --import tsx scripts/bench/view-timeline.ts [--trivial] [--rounds=4]
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { artifactDir } from '../../test/harness/artifacts';
import { runThenCleanUp } from '../../test/harness/processes';
import { openWorkbenchSession } from '../../test/harness/session';
import { repoRoot } from '../../test/harness/setup.mjs';
import { activityBarItem, closeAllEditors, waitForExtensionStatusItem } from '../../test/harness/workbench-ui';
import { pressToShownMs, recordViewTimings } from './view-timing';

const trivial = process.argv.includes('--trivial');
const extensionId = trivial ? 'bench.trivial-webview' : 'kimi-assistant.kimi-assistant';
const extensionPath = trivial ? join(repoRoot, 'test', 'fixtures', 'trivial-webview') : repoRoot;
const title = trivial ? 'Trivial' : 'Kimi';
const ROUNDS = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 4);

/** Runs in a frame: its performance entries as lines, times relative to `click` (epoch ms). */
const TIMELINE = `(click) => {
    const origin = performance.timeOrigin;
    const at = (t) => (origin + t - click).toFixed(0);
    const lines = ['  origin +' + (origin - click).toFixed(0) + ' ' + location.pathname.split('/').pop()];
    for (const e of performance.getEntries()) {
      if (e.entryType === 'resource') {
        lines.push('  res ' + e.name.split('/').pop().slice(0, 40) + ' start ' + at(e.startTime) + ' reqStart ' + at(e.requestStart) + ' respStart ' + at(e.responseStart) + ' end ' + at(e.responseEnd) + ' size ' + e.encodedBodySize + ' worker ' + at(e.workerStart));
      } else if (e.entryType === 'navigation') {
        lines.push('  nav dcl ' + at(e.domContentLoadedEventEnd) + ' load ' + at(e.loadEventStart));
      } else {
        lines.push('  ' + e.entryType + ' ' + e.name + ' ' + at(e.startTime) + (e.duration ? ' dur ' + e.duration.toFixed(0) : ''));
      }
    }
    return lines;
  }`;

async function timeline(frame: Frame, clickEpoch: number): Promise<string[]> {
  return frame.evaluate(`(${TIMELINE})(${clickEpoch})`) as Promise<string[]>;
}

async function main(): Promise<void> {
  const session = await openWorkbenchSession({
    label: 'view-timeline',
    artifactsDir: artifactDir('bench', 'view-timeline'),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    payload: (server) => [['extensionDevelopmentPath', server.remoteUri(extensionPath)]],
  });
  try {
    await recordViewTimings(session.context, session.page);
    if (!trivial) {
      await waitForExtensionStatusItem(session.page, extensionId);
      await closeAllEditors(session.page);
    }
    const icon = activityBarItem(session.page, title);
    const explorer = activityBarItem(session.page, 'Explorer');
    const prompt = session.page.frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`).frameLocator('#active-frame').locator('[data-testid="prompt-input"]');
    for (let round = 0; round <= ROUNDS; round++) {
      await icon.click();
      await prompt.waitFor({ state: 'visible', timeout: 20_000 });
      const pressedAt = (await session.page.evaluate('window.__benchPressedAt')) as number;
      const host = session.page.frames().find((frame) => !frame.isDetached() && frame.url().includes('/index.html') && frame.url().includes(`extensionId=${extensionId}`));
      console.log(`round ${round}: shown ${(await pressToShownMs(session.page, extensionId)).toFixed(0)} ms after the press`);
      if (host) {
        console.log((await timeline(host, pressedAt)).join('\n'));
        for (const content of host.childFrames()) console.log((await timeline(content, pressedAt)).join('\n'));
      }
      await explorer.click();
      await prompt.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
  } finally {
    await session.close();
  }
}

runThenCleanUp(main);
