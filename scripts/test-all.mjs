// `npm test`: every test layer in order (setup, unit, faults and attacks, integration in a real extension host, end-to-end in a
// real browser), on through failures, then a per-layer table and one closing line `N passed, N failed, N skipped`.
// A layer that crashes, prints no counts or runs no test counts as a failure, never as zero tests. Every layer
// ends with its own `LAYER: N passed, N failed, N skipped` line (test/harness/layer-report.ts, file-census.mjs).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCounts, judgeLayer } from '../test/harness/counts.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;

const layers = [
  {
    name: 'unit',
    command: [process.execPath, 'scripts/run-unit-tests.mjs'],
    timeoutMs: 10 * MINUTE,
  },
  {
    name: 'faults',
    command: [process.execPath, '--import', 'tsx', 'scripts/run-faults.ts'],
    timeoutMs: 5 * MINUTE,
  },
  {
    name: 'integration',
    command: [process.execPath, '--import', 'tsx', 'scripts/run-integration.ts'],
    timeoutMs: 10 * MINUTE,
  },
  {
    name: 'e2e',
    command: [process.execPath, '--import', 'tsx', 'scripts/run-e2e.ts'],
    timeoutMs: 15 * MINUTE,
  },
];

let runningChild;

/** Runs one command in its own process group, streaming its output; ends the group on timeout. */
function runStreaming(command, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    runningChild = child;
    let output = '';
    let timedOut = false;
    const collect = (target) => (chunk) => {
      output += chunk.toString();
      target.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    const timer = setTimeout(() => {
      timedOut = true;
      endGroup(child, 'SIGTERM');
      setTimeout(() => endGroup(child, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.once('error', (error) => {
      output += `\n${error.message}\n`;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      runningChild = undefined;
      resolve({ code: code ?? signal ?? 'unknown', output, timedOut });
    });
  });
}

function endGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already ended.
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // Each runner cleans up its own servers and browsers on SIGTERM.
    if (runningChild) endGroup(runningChild, 'SIGTERM');
    console.error(`\n${signal}: stopped`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const results = [];
  const started = Date.now();

  console.log('\n=== setup: code-server, Node 24, Chromium ===');
  const setupStarted = Date.now();
  const setup = await runStreaming([process.execPath, 'test/harness/setup.mjs'], 15 * MINUTE);
  const setupNote = setup.code === 0 ? 'ok' : `failed (exit ${setup.code}); the layers that need it report it`;
  const setupTime = Date.now() - setupStarted;

  for (const layer of layers) {
    console.log(`\n=== ${layer.name} ===`);
    const layerStarted = Date.now();
    const run = await runStreaming(layer.command, layer.timeoutMs);
    results.push({ name: layer.name, durationMs: Date.now() - layerStarted, ...judgeLayer(layer.name, run, layer.timeoutMs) });
  }

  const total = results.reduce(
    (sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed, skipped: sum.skipped + result.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log('\n=== summary ===');
  console.log(`${'setup'.padEnd(12)} ${setupNote.padEnd(40)} ${seconds(setupTime).padStart(8)}`);
  for (const result of results) {
    const line = `${result.name.padEnd(12)} ${formatCounts(result).padEnd(40)} ${seconds(result.durationMs).padStart(8)}`;
    console.log(result.note ? `${line}  ${result.note}` : line);
  }
  console.log(`${'total time'.padEnd(12)} ${''.padEnd(40)} ${seconds(Date.now() - started).padStart(8)}`);
  console.log(formatCounts(total));
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  },
);
