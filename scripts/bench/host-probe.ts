// A tests module (`extensionTestsPath`) for scripts/bench/host.ts: inside the real extension host it times
// the search tool over a generated 10,000-file tree and the opening of a review diff (200 and 20,000 lines),
// next to VS Code's own diff editor on two plain files as the platform's floor. That floor's left file is
// already loaded (the review read it), so the review, which opens two documents the editor has never seen (the
// base and the proposal), is also shown beside VS Code's diff of two plain files it opens for the first time.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { HOST_BENCH_PREFIX } from './host-line';
import { measureLine, median } from './measure';

const RUNS = 5;
/** Rounds of the diff timings that are not counted: the first openings of a diff editor run much slower. */
const WARMUP_RUNS = 3;

function diffTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputTextDiff));
}

function report(name: string, value: number, unit: string, runs: number): void {
  console.log(`${HOST_BENCH_PREFIX}${measureLine(name, value, unit, runs)}`);
}

export async function run(): Promise<void> {
  const api = (await vscode.extensions.getExtension('kimi-assistant.kimi-assistant')?.activate()) as KimiAssistantApi | undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!api || !root) throw new Error('the extension or the workspace is missing');

  // 100 folders x 100 files of TypeScript-like text; every 97th file holds the needle.
  const tree = join(root.fsPath, 'bench-tree');
  for (let folder = 0; folder < 100; folder++) {
    await mkdir(join(tree, `d${folder}`), { recursive: true });
    await Promise.all(
      Array.from({ length: 100 }, (_, file) => {
        const index = folder * 100 + file;
        const lines = Array.from({ length: 40 }, (_, line) => `export const value${index}_${line} = ${line} * ${index}; // ordinary line`);
        if (index % 97 === 0) lines.splice(20, 0, `const needle_${index} = "found";`);
        return writeFile(join(tree, `d${folder}`, `f${file}.ts`), `${lines.join('\n')}\n`);
      }),
    );
  }
  const searchTimes: number[] = [];
  // The extension host's own CPU time during each search (ripgrep runs in a child process and is not in it):
  // unlike wall time, it does not grow when other processes load the machine.
  const searchCpuTimes: number[] = [];
  let summary = '';
  for (let runIndex = 0; runIndex <= RUNS; runIndex++) {
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    const outcome = await api.runReadOnlyTool('search', { pattern: 'needle_[0-9]+', path: 'bench-tree' });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(startedCpu);
    if (runIndex > 0) searchCpuTimes.push((cpu.user + cpu.system) / 1000);
    if (outcome.status !== 'done') throw new Error(`search failed: ${outcome.summary}`);
    summary = outcome.summary;
    if (runIndex > 0) searchTimes.push(elapsed);
  }
  console.log(`search over 10,000 files: ${summary}`);
  report('search_10k_files_ms', median(searchTimes), 'ms', RUNS);
  report('search_10k_files_host_cpu_ms', median(searchCpuTimes), 'ms', RUNS);

  for (const lineCount of [200, 20_000]) {
    const file = `bench-${lineCount}.ts`;
    const lines = Array.from({ length: lineCount }, (_, line) => `export function f${line}(x: number): number { return x + ${line}; }`);
    await writeFile(join(root.fsPath, file), `${lines.join('\n')}\n`);
    const changed = [...lines];
    const target = Math.floor(lineCount * 0.975);
    changed[target] = `export function f${target}(x: number): number { return x - ${target}; }`;
    // The platform's floor: VS Code's own diff editor on two plain files of the same texts. The two are
    // timed in alternation, after WARMUP_RUNS uncounted rounds, so warm-up and machine load weigh on both alike.
    const proposalFile = `bench-${lineCount}.proposal.ts`;
    await writeFile(join(root.fsPath, proposalFile), `${changed.join('\n')}\n`);
    const times: number[] = [];
    const plainTimes: number[] = [];
    const freshTimes: number[] = [];
    for (let runIndex = 0; runIndex < WARMUP_RUNS + RUNS; runIndex++) {
      let started = performance.now();
      const id = await api.proposeChange(file, `${changed.join('\n')}\n`);
      const reviewElapsed = performance.now() - started;
      if (!diffTabOpen()) throw new Error('no diff editor opened');
      await vscode.commands.executeCommand('kimiAssistant.rejectChange', id);
      // Rejecting closes the diff in the background: let it finish so it does not weigh on the next timing.
      while (diffTabOpen()) await new Promise((resolve) => setTimeout(resolve, 20));

      started = performance.now();
      await vscode.commands.executeCommand('vscode.diff', vscode.Uri.joinPath(root, file), vscode.Uri.joinPath(root, proposalFile), `plain diff ${runIndex}`, { preview: false, preserveFocus: true });
      const plainElapsed = performance.now() - started;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      // The same two texts as files the editor has not opened yet, written before the timing starts.
      const fresh = join(root.fsPath, 'bench-fresh', `${lineCount}-${runIndex}`);
      await mkdir(fresh, { recursive: true });
      await Promise.all([writeFile(join(fresh, file), `${lines.join('\n')}\n`), writeFile(join(fresh, proposalFile), `${changed.join('\n')}\n`)]);
      started = performance.now();
      await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(join(fresh, file)), vscode.Uri.file(join(fresh, proposalFile)), `fresh diff ${runIndex}`, { preview: false, preserveFocus: true });
      const freshElapsed = performance.now() - started;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (runIndex >= WARMUP_RUNS) {
        times.push(reviewElapsed);
        plainTimes.push(plainElapsed);
        freshTimes.push(freshElapsed);
      }
    }
    const reviewMs = median(times);
    const plainMs = median(plainTimes);
    const size = lineCount === 200 ? '200_lines' : '20k_lines';
    report(`review_diff_open_${size}_ms`, reviewMs, 'ms', RUNS);
    report(`plain_vscode_diff_open_${size}_ms`, plainMs, 'ms', RUNS);
    report(`review_diff_open_${size}_vs_plain_ratio`, reviewMs / plainMs, 'x', RUNS);
    report(`plain_vscode_diff_open_${size}_fresh_files_ms`, median(freshTimes), 'ms', RUNS);
    report(`review_diff_open_${size}_vs_fresh_files_ratio`, reviewMs / median(freshTimes), 'x', RUNS);
  }
}
