// How a test layer tells scripts/test-all.mjs what happened: one count line, or one crash line.
import { spawnSync } from 'node:child_process';
import type { Counts } from './counts.mjs';
import { repoRoot } from './setup.mjs';

export type LayerCounts = Counts;

/** `integration: 4 passed, 1 failed, 0 skipped`: the line test-all.mjs parses. */
export function printCountLine(layer: string, counts: LayerCounts): void {
  console.log(`${layer}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

/** A layer that could not run its tests says so; test-all counts it as a failure, never as zero tests. */
export function printCrashLine(layer: string, reason: string): void {
  console.log(`${layer}: crashed: ${reason.split('\n')[0]}`);
}

export function logStep(layer: string, message: string): void {
  console.log(`[${layer}] ${message}`);
}

export async function timed<T>(layer: string, step: string, work: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  logStep(layer, `${step}...`);
  const result = await work();
  logStep(layer, `${step}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs an npm script or node command in the repo with inherited output; throws on failure. */
export function runInRepo(command: string, args: string[], timeoutMs = 300_000): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (result.error) throw new Error(`${command} ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}
