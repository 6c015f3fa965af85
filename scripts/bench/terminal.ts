// 1 MB of command output reaching the model (issue #17): measured inside a fresh real extension host by
// terminal-probe.ts, through the Kimi terminal and through the captured-process fallback. Prints JSON lines.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { artifactDir } from '../../test/harness/artifacts';
import { runProbeInHost } from '../../test/harness/host-probe-session';
import { runThenCleanUp } from '../../test/harness/processes';
import { repoRoot } from '../../test/harness/setup.mjs';
import { runInRepo } from '../../test/harness/layer-report';
import { HOST_BENCH_PREFIX } from './host-line';

async function main(): Promise<void> {
  await runInRepo(process.execPath, ['esbuild.mjs']);
  const probe = join(repoRoot, 'out', 'bench', 'terminal-probe.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'scripts', 'bench', 'terminal-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const hostConsole = await runProbeInHost({ label: 'bench-terminal', artifactsDir: artifactDir('bench', 'terminal'), probe, timeoutMs: 240_000 });
  for (const line of hostConsole.split('\n')) {
    if (line.startsWith(HOST_BENCH_PREFIX)) console.log(line.slice(HOST_BENCH_PREFIX.length));
    else if (line.startsWith('terminal round')) console.error(line);
  }
}

runThenCleanUp(main);
