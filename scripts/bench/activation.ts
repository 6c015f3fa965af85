// Activation time of the real extension in a real extension host: median of 5 fresh code-server starts.
// Prints JSON lines: {"name":"activation_ms","value":..,"unit":"ms","runs":5} (the time activate() reports)
// and activation_call_ms (the time `extension.activate()` took, as seen from another module in the host); and
// the CPU time of each (activation_cpu_ms, activation_call_cpu_ms), which other processes on a loaded machine
// do not inflate the way they inflate wall time.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { artifactDir } from '../../test/harness/artifacts';
import { ACTIVATION_PREFIX } from '../../test/harness/activation-line';
import { runInRepo } from '../../test/harness/layer-report';
import { runProbeInHost } from '../../test/harness/host-probe-session';
import { runThenCleanUp } from '../../test/harness/processes';
import { repoRoot } from '../../test/harness/setup.mjs';
import { median, report } from './measure';

const RUNS = 5;

interface Sample {
  activationTimeMs: number | null;
  activationCpuMs: number | null;
  callMs: number;
  callCpuMs: number;
}

async function buildProbe(): Promise<string> {
  const outFile = join(repoRoot, 'out', 'bench', 'activation-probe.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'harness', 'activation-probe.ts')],
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
  const hostConsole = await runProbeInHost({ label: `bench-activation-${run}`, artifactsDir: artifactDir('bench', 'activation'), probe, timeoutMs: 90_000 });
  const line = hostConsole.split('\n').find((text) => text.startsWith(ACTIVATION_PREFIX));
  if (!line) throw new Error(`the activation probe printed no result:\n${hostConsole.slice(-2000)}`);
  return JSON.parse(line.slice(ACTIVATION_PREFIX.length)) as Sample;
}

async function main(): Promise<void> {
  // The shipped (minified) bundle is what users activate.
  runInRepo(process.execPath, ['esbuild.mjs', '--production']);
  const probe = await buildProbe();
  const samples: Sample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const sample = await measureOnce(probe, run);
    console.error(`run ${run}: activate() reported ${sample.activationTimeMs ?? 'nothing'} ms (${sample.activationCpuMs ?? '?'} ms CPU), activate call took ${sample.callMs.toFixed(1)} ms (${sample.callCpuMs.toFixed(1)} ms CPU)`);
    samples.push(sample);
  }
  const reported = samples.map((sample) => sample.activationTimeMs).filter((value): value is number => typeof value === 'number');
  if (reported.length === RUNS) {
    report('activation_ms', median(reported), 'ms', RUNS);
  } else {
    console.error('activate() did not return { activationTimeMs }: activation_ms is not reported');
  }
  const cpu = samples.map((sample) => sample.activationCpuMs).filter((value): value is number => typeof value === 'number');
  if (cpu.length === RUNS) report('activation_cpu_ms', median(cpu), 'ms', RUNS);
  report('activation_call_ms', median(samples.map((sample) => sample.callMs)), 'ms', RUNS);
  report('activation_call_cpu_ms', median(samples.map((sample) => sample.callCpuMs)), 'ms', RUNS);
}

runThenCleanUp(main);
