// A tests module for scripts/bench/preview.ts: inside the real extension host, with the preview webview really
// painting in Chromium, it times a 50 KB page from the moment it changes to the moment the preview reports the
// new version painted (an animation frame and the task after it). Two ways a page changes: saved to disk by
// another program (a file save the preview has not seen yet), and edited then saved in the editor, split into
// its parts: the bench's own whole-document edit, the document's new text -> painted, the save, and what is
// left to paint once the save is done (the preview renders the editor's text live, before the save).
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { HOST_BENCH_PREFIX } from './host-line';
import { measureLine, median } from './measure';

const RUNS = 9;
const WARMUP_RUNS = 2;
/**
 * Between two changes: a person saves seconds apart, while back to back each change would also meet the workbench
 * still reloading the last one (VS Code's watcher reports a save some 100-300 ms later).
 */
const PAUSE_MS = 500;
const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

function page(marker: string): string {
  const cards = Array.from({ length: 640 }, (_, index) => `<li class="card"><h3>Item ${index}</h3><p>Ordinary text of card ${index}, ${marker}.</p></li>`);
  return `<!DOCTYPE html><html><head><style>body{font:14px sans-serif;margin:0}.card{display:inline-block;width:180px;margin:4px;padding:8px;border:1px solid #ccc}</style></head><body><h1 id="marker">${marker}</h1><ul>${cards.join('\n')}</ul></body></html>`;
}

function report(name: string, value: number, unit: string, runs: number): void {
  console.log(`${HOST_BENCH_PREFIX}${measureLine(name, value, unit, runs)}`);
}

/**
 * When a revision showing `marker` painted: `painted` by the frame's clock (the moment the user sees it), `heard`
 * when the extension host got the news (that adds the trip back through the workbench). Both on this process's
 * performance.now() scale; a frame clock outside [after, heard] would make the figures meaningless, so it fails.
 */
async function paintedWith(api: KimiAssistantApi, marker: string, after: number): Promise<{ painted: number; heard: number }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = api.preview.state();
    if (state.html?.includes(`<h1 id="marker">${marker}</h1>`)) {
      const paint = api.preview.paintTimes().find((candidate) => candidate.revision === state.revision && candidate.at >= after);
      if (paint) {
        if (paint.paintedAt < after - 2 || paint.paintedAt > paint.at + 2) throw new Error(`the frame's clock disagrees with the host's: painted ${paint.paintedAt - after} ms after the start, heard ${paint.at - after}`);
        return { painted: Math.min(paint.paintedAt, paint.at), heard: paint.at };
      }
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

  interface EditorRun {
    /** The bench's WorkspaceEdit of the whole page, until the extension host has the document's new text. */
    edit: number;
    /** The document's new text in the extension host -> painted: the preview's live path. */
    changedToPaint: number;
    /** document.save() of the edited page. */
    save: number;
    /** The save done -> painted (0 when the page had painted before the save finished). */
    savedToPaint: number;
    /** All of it: the edit, the save and the paint. */
    total: number;
  }
  const edits = async (makePage: (marker: string) => string, label: string): Promise<EditorRun[]> => {
    const runs: EditorRun[] = [];
    for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
      await pause();
      const marker = `${label} ${index}`;
      let changed = 0;
      const listener = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === document && event.contentChanges.length > 0 && changed === 0) changed = performance.now();
      });
      const started = performance.now();
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), makePage(marker));
      await vscode.workspace.applyEdit(edit);
      const edited = performance.now();
      await document.save();
      const saved = performance.now();
      const { painted } = await paintedWith(api, marker, started);
      listener.dispose();
      const run = { edit: changed - started, changedToPaint: painted - changed, save: saved - edited, savedToPaint: Math.max(0, painted - saved), total: painted - started };
      if (index >= WARMUP_RUNS) runs.push(run);
      const parts = Object.entries(run).map(([name, value]) => `${name} ${value.toFixed(1)}`).join(', ');
      console.log(`edit + save -> painted (${label}), run ${index}${index < WARMUP_RUNS ? ' (warm-up)' : ''}: ${parts} ms`);
    }
    return runs;
  };
  const part = (runs: EditorRun[], name: keyof EditorRun) => median(runs.map((run) => run[name]));
  // The floor of the same path: a page of one heading (IPC to the webview, the frame's load and paint).
  const tiny = await edits((marker) => `<h1 id="marker">${marker}</h1>`, 'tiny');
  const large = await edits(page, '50kb');
  report('preview_edit_save_to_paint_50kb_ms', part(large, 'total'), 'ms', RUNS);
  report('preview_edit_save_to_paint_tiny_ms', part(tiny, 'total'), 'ms', RUNS);
  report('preview_edit_save_to_paint_50kb_vs_tiny_ratio', part(large, 'total') / part(tiny, 'total'), 'x', RUNS);
  report('preview_bench_edit_50kb_ms', part(large, 'edit'), 'ms', RUNS);
  report('preview_edit_to_paint_50kb_ms', part(large, 'changedToPaint'), 'ms', RUNS);
  report('preview_edit_to_paint_tiny_ms', part(tiny, 'changedToPaint'), 'ms', RUNS);
  report('preview_bench_save_50kb_ms', part(large, 'save'), 'ms', RUNS);
  report('preview_saved_to_paint_50kb_ms', part(large, 'savedToPaint'), 'ms', RUNS);

  // The preview's own path, without the editor's: the host hands the page to the panel, the webview paints it.
  await settled(api);
  const shows = async (makePage: (marker: string) => string, label: string): Promise<number> => {
    const times: number[] = [];
    for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
      const marker = `${label} shown ${index}`;
      const started = performance.now();
      api.preview.show(makePage(marker));
      const { painted } = await paintedWith(api, marker, started);
      if (index >= WARMUP_RUNS) times.push(painted - started);
    }
    return median(times);
  };
  report('preview_show_to_paint_tiny_ms', await shows((marker) => `<h1 id="marker">${marker}</h1>`, 'tiny'), 'ms', RUNS);
  report('preview_show_to_paint_50kb_ms', await shows(page, '50kb'), 'ms', RUNS);

  // Another program saves the file: the preview's own watch of the file brings the change (VS Code's watcher later).
  const written: number[] = [];
  const writtenHeard: number[] = [];
  for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
    await pause();
    const marker = `written ${index}`;
    const started = performance.now();
    await writeFile(uri.fsPath, page(marker));
    const { painted, heard } = await paintedWith(api, marker, started);
    if (index >= WARMUP_RUNS) written.push(painted - started);
    if (index >= WARMUP_RUNS) writtenHeard.push(heard - started);
    console.log(`disk write -> painted, run ${index}${index < WARMUP_RUNS ? ' (warm-up)' : ''}: ${(painted - started).toFixed(1)} ms (the host heard it at ${(heard - started).toFixed(1)})`);
  }
  report('preview_disk_write_to_paint_50kb_ms', median(written), 'ms', RUNS);
  report('preview_disk_write_to_host_heard_paint_50kb_ms', median(writtenHeard), 'ms', RUNS);
}
