// A tests module for scripts/bench/preview.ts: inside the real extension host, with the preview webview really
// painting in Chromium, it times a 50 KB page from the moment it changes to the moment the preview reports the
// new version painted (the frame's load plus two animation frames). Two ways a page changes: edited and saved in
// the editor, and rewritten on disk by another program (the file watcher's path).
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { HOST_BENCH_PREFIX } from './host-line';
import { measureLine, median } from './measure';

const RUNS = 9;
const WARMUP_RUNS = 2;

function page(marker: string): string {
  const cards = Array.from({ length: 640 }, (_, index) => `<li class="card"><h3>Item ${index}</h3><p>Ordinary text of card ${index}, ${marker}.</p></li>`);
  return `<!DOCTYPE html><html><head><style>body{font:14px sans-serif;margin:0}.card{display:inline-block;width:180px;margin:4px;padding:8px;border:1px solid #ccc}</style></head><body><h1 id="marker">${marker}</h1><ul>${cards.join('\n')}</ul></body></html>`;
}

function report(name: string, value: number, unit: string, runs: number): void {
  console.log(`${HOST_BENCH_PREFIX}${measureLine(name, value, unit, runs)}`);
}

/** Resolves with the host's time when a revision showing `marker` painted. */
async function paintedWith(api: KimiAssistantApi, marker: string, after: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = api.preview.state();
    if (state.html?.includes(`<h1 id="marker">${marker}</h1>`)) {
      const paint = api.preview.paintTimes().find((candidate) => candidate.revision === state.revision && candidate.at >= after);
      if (paint) return paint.at;
    }
    if (Date.now() > deadline) throw new Error(`the preview did not paint ${marker}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The file watcher reports the last save late and the preview then renders the file again: wait for quiet. */
async function settled(api: KimiAssistantApi): Promise<void> {
  let revision = api.preview.state().revision;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = api.preview.state().revision;
    if (now === revision) return;
    revision = now;
  }
}

export async function run(): Promise<void> {
  const api = (await vscode.extensions.getExtension('kimi-assistant.kimi-assistant')?.activate()) as KimiAssistantApi | undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!api || !root) throw new Error('the extension or the workspace is missing');
  const uri = vscode.Uri.joinPath(root, 'bench-page.html');
  await writeFile(uri.fsPath, page('start'));
  console.log(`preview bench page: ${Buffer.byteLength(page('start'))} bytes`);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('kimiAssistant.preview');
  await paintedWith(api, 'start', 0);

  const saves = async (makePage: (marker: string) => string, label: string): Promise<number> => {
    const times: number[] = [];
    for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
      const marker = `${label} ${index}`;
      const started = performance.now();
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), makePage(marker));
      await vscode.workspace.applyEdit(edit);
      await document.save();
      const painted = await paintedWith(api, marker, started);
      if (index >= WARMUP_RUNS) times.push(painted - started);
      console.log(`edit + save -> painted (${label}), run ${index}${index < WARMUP_RUNS ? ' (warm-up)' : ''}: ${(painted - started).toFixed(1)} ms`);
    }
    return median(times);
  };
  // The floor of the same path: a page of one heading (IPC to the webview, the frame's load and paint).
  const tiny = await saves((marker) => `<h1 id="marker">${marker}</h1>`, 'tiny');
  const large = await saves(page, '50kb');
  report('preview_save_to_paint_50kb_ms', large, 'ms', RUNS);
  report('preview_save_to_paint_tiny_ms', tiny, 'ms', RUNS);
  report('preview_save_to_paint_50kb_vs_tiny_ratio', large / tiny, 'x', RUNS);

  // The preview's own path, without the editor's: the host hands the page to the panel, the webview paints it.
  await settled(api);
  const shows = async (makePage: (marker: string) => string, label: string): Promise<number> => {
    const times: number[] = [];
    for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
      const marker = `${label} shown ${index}`;
      const started = performance.now();
      api.preview.show(makePage(marker));
      const painted = await paintedWith(api, marker, started);
      if (index >= WARMUP_RUNS) times.push(painted - started);
    }
    return median(times);
  };
  report('preview_show_to_paint_tiny_ms', await shows((marker) => `<h1 id="marker">${marker}</h1>`, 'tiny'), 'ms', RUNS);
  report('preview_show_to_paint_50kb_ms', await shows(page, '50kb'), 'ms', RUNS);

  // Another program rewrites the (saved) file: the file watcher brings the change.
  const written: number[] = [];
  for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
    const marker = `written ${index}`;
    const started = performance.now();
    await writeFile(uri.fsPath, page(marker));
    const painted = await paintedWith(api, marker, started);
    if (index >= WARMUP_RUNS) written.push(painted - started);
    console.log(`disk write -> painted, run ${index}${index < WARMUP_RUNS ? ' (warm-up)' : ''}: ${(painted - started).toFixed(1)} ms`);
  }
  report('preview_disk_write_to_paint_50kb_ms', median(written), 'ms', RUNS);
}
