// Streaming render cost of the chat webview in headless Chromium: a 200 KB markdown answer delivered in
// 2,000 chunks, each rendered in its own frame (the worst case: no batching), median of 5; the same for twice
// the text to check the work grows linearly; and the size of the production webview bundle. The two sizes and
// the floor are measured in turn after a warm-up run, and the ratios are the median of each run's own, so a
// change in machine load affects both sides alike; the load average is printed too, since other processes on a
// small machine inflate every timing, and each ratio is also given in the main thread's CPU time, which that
// load changes least. The floor is one full render of the final 200 KB text with the same
// markdown-it configuration and DOMPurify (renderFloor.ts), in the same kind of page; streaming is reported as a
// ratio to it (target: at most 2x).
// Prints JSON lines: {"name":..,"value":..,"unit":..,"runs":..}.
import { stat } from 'node:fs/promises';
import * as esbuild from 'esbuild';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { AssistantTurnView } from '../../src/common/protocol';
import type { Page } from 'playwright-core';
import { ChatHarness } from '../../test/unit/webview/harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../../test/unit/webview/harness/fixtures';
import { median, report } from './measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASE_BYTES = 200_000;
const BASE_CHUNKS = 2_000;

/** A deterministic answer that looks like a long model reply: prose, lists, code, tables, quotes. */
function longAnswer(targetChars: number): string {
  const sections: string[] = [];
  for (let index = 0; sections.join('').length < targetChars; index++) {
    sections.push(
      `## Step ${index}: update \`module${index}.ts\`\n\n` +
        `The function \`handle${index}\` reads the **configuration** once and caches it; see [the notes](https://example.com/${index}).\n` +
        `It is called from ${index % 7} places, so the change is *local*.\n\n` +
        `1. Read the file\n2. Change the loop\n   - keep the early return\n   - drop the flag\n3. Run the tests\n\n` +
        '```ts\n' +
        Array.from({ length: 12 }, (_, line) => `export function handle${index}_${line}(input: string[]): number {\n  return input.filter((item) => item.length > ${line}).length; // ${line}\n}\n`).join('') +
        '```\n\n' +
        `| name | before | after |\n|:-----|-------:|------:|\n| run ${index} | ${index * 3} ms | ${index * 2} ms |\n| size | ${index} KB | ${index + 1} KB |\n\n` +
        `> Note: step ${index} keeps the public API unchanged.\n\n`,
    );
  }
  return sections.join('').slice(0, targetChars);
}

function chunksOf(text: string, count: number): string[] {
  const size = Math.ceil(text.length / count);
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}

interface Sample {
  /** In-page clock. */
  ms: number;
  /** CPU time of the page's main thread over the same call (Chromium's ThreadTime): what other processes' load changes least. */
  cpuMs: number;
}

/** Runs `work` in the page, with the main thread's CPU time around it. */
async function timed(page: Page, work: () => Promise<number>): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN;
  const before = await threadTime();
  const ms = await work();
  const cpuMs = ((await threadTime()) - before) * 1000;
  await cdp.detach();
  return { ms, cpuMs };
}

/** Main-thread work to stream `chunks` and finish the turn. */
async function measureStream(harness: ChatHarness, chunks: string[], finalTurn: AssistantTurnView): Promise<Sample> {
  const chat = await harness.open('dark', { width: 440, height: 900 });
  try {
    // highlight.js loads on the chat's first code block: shown (and highlighted) first, so the streamed blocks
    // are highlighted as they complete, as in a chat that has shown code before, and as the floor does.
    await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ id: 'warm-up', text: '```ts\nconst warm = 1;\n```' })]) }));
    await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming' })]) }));
    return await timed(chat.page, () =>
      chat.page.evaluate(
        ({ chunks, finalTurn }) => {
          const runFrames = (window as unknown as { __runFrames(): void }).__runFrames;
          const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
          const started = performance.now();
          for (const text of chunks) {
            deliver({ type: 'assistantDelta', turnId: finalTurn.id, channel: 'text', text });
            runFrames();
          }
          deliver({ type: 'turnUpdated', turn: finalTurn });
          runFrames();
          // Include the layout of the finished answer.
          void document.body.offsetHeight;
          return performance.now() - started;
        },
        { chunks, finalTurn },
      ),
    );
  } finally {
    await chat.page.close();
  }
}

/** The floor bundle (renderFloor.ts) as one script, evaluated in the page (the chat's CSP allows no new script tag). */
async function floorScript(): Promise<string> {
  const built = await esbuild.build({ entryPoints: [join(__dirname, 'renderFloor.ts')], bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'error' });
  return built.outputFiles[0]!.text;
}

/** A chat page with the floor bundle loaded; `sample` times one full render of `text` into it. */
async function openFloor(harness: ChatHarness, script: string): Promise<{ sample(text: string): Promise<Sample>; close(): Promise<void> }> {
  const chat = await harness.open('dark', { width: 440, height: 900 });
  await chat.host(stateMessage({ conversation: conversation([userTurn()]) }));
  await chat.page.evaluate(script);
  return {
    sample: async (text) => {
      const sample = await timed(chat.page, () => chat.page.evaluate((source) => (globalThis as unknown as { __renderFloor(text: string): number }).__renderFloor(source), text));
      await chat.page.evaluate(() => (globalThis as unknown as { __removeFloor(): void }).__removeFloor());
      return sample;
    },
    close: () => chat.page.close(),
  };
}

function workload(chars: number, chunkCount: number): { chunks: string[]; finalTurn: AssistantTurnView } {
  const text = longAnswer(chars);
  return { chunks: chunksOf(text, chunkCount), finalTurn: assistantTurn({ status: 'done', text }) };
}

async function main(): Promise<void> {
  const harness = await ChatHarness.start({ minify: true });
  const floor = await openFloor(harness, await floorScript());
  try {
    const single = workload(BASE_BYTES, BASE_CHUNKS);
    const double = workload(BASE_BYTES * 2, BASE_CHUNKS * 2);
    await measureStream(harness, single.chunks, single.finalTurn);
    await floor.sample(single.finalTurn.text);
    // Each run takes the floor right after its two streams, and the ratios are per run: the load of a shared
    // machine drifts over the minutes the bench takes, and a floor measured at another time says little.
    const singleSamples: number[] = [];
    const doubleSamples: number[] = [];
    const floorSamples: number[] = [];
    const floorRatios: number[] = [];
    const floorCpuRatios: number[] = [];
    const linearity: number[] = [];
    const cpuLinearity: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const base = await measureStream(harness, single.chunks, single.finalTurn);
      const doubled = await measureStream(harness, double.chunks, double.finalTurn);
      const floorRun = await floor.sample(single.finalTurn.text);
      singleSamples.push(base.ms);
      doubleSamples.push(doubled.ms);
      floorSamples.push(floorRun.ms);
      floorRatios.push(base.ms / floorRun.ms);
      floorCpuRatios.push(base.cpuMs / floorRun.cpuMs);
      linearity.push(doubled.ms / base.ms);
      cpuLinearity.push(doubled.cpuMs / base.cpuMs);
      console.error(
        `run ${run + 1}: 200 KB ${base.ms.toFixed(0)} ms (cpu ${base.cpuMs.toFixed(0)}), 400 KB ${doubled.ms.toFixed(0)} ms (cpu ${doubled.cpuMs.toFixed(0)}), ` +
          `floor ${floorRun.ms.toFixed(0)} ms (cpu ${floorRun.cpuMs.toFixed(0)}), load ${loadavg()[0].toFixed(1)}`,
      );
    }
    report('webview_render_200kb_2000_chunks_ms', median(singleSamples), 'ms', RUNS);
    report('webview_render_floor_200kb_ms', median(floorSamples), 'ms', RUNS);
    report('webview_render_vs_floor_ratio', median(floorRatios), 'x', RUNS, 2);
    report('webview_render_vs_floor_cpu_ratio', median(floorCpuRatios), 'x', RUNS, 2);
    report('webview_render_400kb_4000_chunks_ms', median(doubleSamples), 'ms', RUNS);
    report('webview_render_linearity_2x', median(linearity), 'ratio', RUNS, 3);
    report('webview_render_linearity_2x_cpu', median(cpuLinearity), 'ratio', RUNS, 3);
    report('machine_load_average_1m', loadavg()[0], 'load', 1);
    report('webview_bundle_bytes', (await stat(join(harness.siteDir, 'dist', 'webview.js'))).size, 'bytes', 1);
  } finally {
    await floor.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
