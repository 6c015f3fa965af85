// Activation time of the real extension in a real extension host: median of 5 fresh code-server starts.
// Prints JSON lines: {"name":"activation_ms","value":..,"unit":"ms","runs":5} (the time activate() reports)
// and activation_call_ms (the time `extension.activate()` took, as seen from another module in the host).
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { artifactDir } from '../vscode-test/artifacts';
import { ACTIVATION_PREFIX } from '../vscode-test/activation-line';
import { runInRepo } from '../vscode-test/layer-report';
import { cleanupAll } from '../vscode-test/processes';
import { openWorkbenchSession } from '../vscode-test/session';
import { repoRoot } from '../vscode-test/setup.mjs';
import { withTimeout } from '../vscode-test/waits';

const RUNS = 5;

interface Sample {
  activationTimeMs: number | null;
  callMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function buildProbe(): Promise<string> {
  const outFile = join(repoRoot, 'out', 'bench', 'activation-probe.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'scripts', 'vscode-test', 'activation-probe.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outFile;
}

async function measureOnce(probe: string, run: number): Promise<Sample> {
  let hostConsole = '';
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  const session = await openWorkbenchSession({
    label: `bench-activation-${run}`,
    artifactsDir: artifactDir('bench', 'activation'),
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
    const code = await withTimeout(exited, 90_000, 'the activation probe did not finish');
    const line = hostConsole.split('\n').find((text) => text.startsWith(ACTIVATION_PREFIX));
    if (code !== 0 || !line) throw new Error(`the activation probe failed (exit ${code}):\n${hostConsole.slice(-2000)}`);
    return JSON.parse(line.slice(ACTIVATION_PREFIX.length)) as Sample;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  // The shipped (minified) bundle is what users activate.
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  const probe = await buildProbe();
  const samples: Sample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const sample = await measureOnce(probe, run);
    console.error(`run ${run}: activate() reported ${sample.activationTimeMs ?? 'nothing'} ms, activate call took ${sample.callMs.toFixed(1)} ms`);
    samples.push(sample);
  }
  const reported = samples.map((sample) => sample.activationTimeMs).filter((value): value is number => typeof value === 'number');
  if (reported.length === RUNS) {
    console.log(JSON.stringify({ name: 'activation_ms', value: Number(median(reported).toFixed(1)), unit: 'ms', runs: RUNS }));
  } else {
    console.error('activate() did not return { activationTimeMs }: activation_ms is not reported');
  }
  console.log(JSON.stringify({ name: 'activation_call_ms', value: Number(median(samples.map((sample) => sample.callMs)).toFixed(1)), unit: 'ms', runs: RUNS }));
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
