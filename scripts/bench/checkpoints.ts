// Checkpoints (issue 15) on the real Node journal store and workspace files in a temp folder:
// - checkpoint_per_file_ms: what journaling one edited file costs beyond reading it: the before-state (read,
//   SHA-256, the copy, the journal saved) plus the after-state (read, hash, journal saved), minus the two reads
//   of the same file done alone. 50 files of 8 KB in one turn; median of 7 runs.
// - restore_50_files_ms: planning (read and hash all 50, load and check every copy) and restoring them, all or
//   nothing; median of 7 runs, each on a fresh workspace.
// Each also in CPU time of this process (`_cpu_ms`, no target): on a shared, loaded machine wall time mostly
// measures the wait for a core, the CPU time what the work itself costs.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoints } from '../../src/common/checkpoints/checkpoints';
import { NodeCheckpointFiles, NodeCheckpointStore } from '../../src/node/checkpointStore';
import { median, report } from './measure';

const RUNS = 7;
const FILES = 50;
const FILE_BYTES = 8 * 1024;

function source(index: number, version: number): string {
  const line = `export const value${index} = ${version}; // padding so the file has a realistic size for source code\n`;
  return line.repeat(Math.ceil(FILE_BYTES / line.length)).slice(0, FILE_BYTES);
}

async function workspace(): Promise<{ base: string; root: string; checkpoints: Checkpoints; paths: string[] }> {
  const base = await mkdtemp(join(tmpdir(), 'kimi-bench-checkpoints-'));
  const root = join(base, 'workspace');
  await mkdir(join(root, 'src'), { recursive: true });
  const paths = Array.from({ length: FILES }, (_, index) => `src/file${index}.ts`);
  for (const [index, path] of paths.entries()) await writeFile(join(root, path), source(index, 0));
  let ids = 0;
  const checkpoints = new Checkpoints({
    store: new NodeCheckpointStore(join(base, 'storage')),
    files: new NodeCheckpointFiles(root),
    maxBytes: () => 200 * 1024 * 1024,
    notify: (_level, message) => console.error(message),
    now: () => Date.now(),
    newId: () => `cp${++ids}`,
  });
  return { base, root, checkpoints, paths };
}

/** One turn that edits every file; returns journaling's cost per file beyond reading it, and the checkpoint id. */
/** Wall and CPU milliseconds of `work`. */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

interface Cost {
  wall: number;
  cpu: number;
}

/** One turn that edits every file; returns journaling's cost per file beyond reading it, and the checkpoint id. */
async function editingTurn(setup: Awaited<ReturnType<typeof workspace>>, version: number): Promise<{ perFile: Cost; checkpointId: string }> {
  const { root, checkpoints, paths } = setup;
  const checkpointId = await checkpoints.beginTurn('bench', { id: `u${version}` });
  const journaling = { wall: 0, cpu: 0 };
  const reading = { wall: 0, cpu: 0 };
  const add = (total: Cost, cost: Cost) => {
    total.wall += cost.wall;
    total.cpu += cost.cpu;
  };
  for (const [index, path] of paths.entries()) {
    add(journaling, await timed(() => checkpoints.beforeChange(path)));
    await writeFile(join(root, path), source(index, version));
    add(journaling, await timed(() => checkpoints.afterChange(path)));
    // The reads journaling does, alone: the floor the target excludes.
    add(reading, await timed(async () => {
      await readFile(join(root, path));
      await readFile(join(root, path));
    }));
  }
  await checkpoints.endTurn();
  return { perFile: { wall: (journaling.wall - reading.wall) / paths.length, cpu: (journaling.cpu - reading.cpu) / paths.length }, checkpointId };
}

async function main(): Promise<void> {
  const perFile: Cost[] = [];
  const restore: Cost[] = [];
  // One untimed round first, so module loading and JIT compilation are not measured.
  for (let run = 0; run <= RUNS; run++) {
    const setup = await workspace();
    try {
      const { perFile: perFileCost, checkpointId } = await editingTurn(setup, 1);
      let result: Awaited<ReturnType<Checkpoints['restore']>> | undefined;
      const restoreCost = await timed(async () => {
        result = await setup.checkpoints.restore(await setup.checkpoints.plan('bench', checkpointId));
      });
      if (result?.kind !== 'restored' || result.paths.length !== FILES) throw new Error(`restore did not restore ${FILES} files: ${JSON.stringify(result).slice(0, 300)}`);
      if ((await readFile(join(setup.root, setup.paths[7]!), 'utf8')) !== source(7, 0)) throw new Error('a restored file does not have its original bytes');
      if (run > 0) {
        perFile.push(perFileCost);
        restore.push(restoreCost);
      }
    } finally {
      await rm(setup.base, { recursive: true, force: true });
    }
  }
  console.error(`checkpoint per file, wall (ms): ${perFile.map((cost) => cost.wall.toFixed(3)).join(', ')}`);
  console.error(`restore 50 files, wall (ms): ${restore.map((cost) => cost.wall.toFixed(1)).join(', ')}`);
  report('checkpoint_per_file_ms', median(perFile.map((cost) => cost.wall)), 'ms', RUNS, 3);
  report('checkpoint_per_file_cpu_ms', median(perFile.map((cost) => cost.cpu)), 'ms', RUNS, 3);
  report('restore_50_files_ms', median(restore.map((cost) => cost.wall)), 'ms', RUNS, 1);
  report('restore_50_files_cpu_ms', median(restore.map((cost) => cost.cpu)), 'ms', RUNS, 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
