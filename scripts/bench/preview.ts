// The preview's repaint (issue 19): a 50 KB page from a save to the repainted preview, measured inside the real
// extension host by preview-probe.ts while the webview paints in Chromium. Prints JSON lines, and each run's parts.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { artifactDir } from '../../test/harness/artifacts';
import { runInRepo } from '../../test/harness/layer-report';
import { runProbeInHost } from '../../test/harness/host-probe-session';
import { runThenCleanUp } from '../../test/harness/processes';
import { repoRoot } from '../../test/harness/setup.mjs';
import { HOST_BENCH_PREFIX } from './host-line';

async function main(): Promise<void> {
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  const probe = join(repoRoot, 'out', 'bench', 'preview-probe.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'scripts', 'bench', 'preview-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const hostConsole = await runProbeInHost({ label: 'bench-preview', artifactsDir: artifactDir('bench', 'preview'), probe, timeoutMs: 180_000 });
  for (const line of hostConsole.split('\n')) {
    if (line.startsWith(HOST_BENCH_PREFIX)) console.log(line.slice(HOST_BENCH_PREFIX.length));
    else if (line.startsWith('edit + save') || line.startsWith('disk write') || line.startsWith('preview bench')) console.error(line);
  }
}

runThenCleanUp(main);
