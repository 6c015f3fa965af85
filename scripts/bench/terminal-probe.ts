// A tests module (`extensionTestsPath`) for scripts/bench/terminal.ts: inside the real extension host, 1 MB of
// command output through the Kimi terminal (shell integration) and through the captured-process fallback,
// timed from the command's exit (the shell writes a millisecond stamp as its last act) and from VS Code's
// end-of-execution event to the moment the truncated text the model reads is ready.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { OutputCollector } from '../../src/common/tools/commandOutput';
import { runProcess } from '../../src/node/processRunner';
import { KimiTerminals } from '../../src/vscode/terminal/kimiTerminals';
import { HOST_BENCH_PREFIX } from './host-line';
import { measureLine, median } from './measure';

const RUNS = 7;
const STAMP = join(tmpdir(), `kimi-bench-exit-${process.pid}`);
const COMMAND = `seq -f 'line %094g' 1 10000; date +%s%3N > ${STAMP}`;

function report(name: string, value: number, unit: string, runs: number): void {
  console.log(`${HOST_BENCH_PREFIX}${measureLine(name, value, unit, runs)}`);
}

function checked(output: OutputCollector): string {
  const text = output.text();
  if (output.lineCount !== 10_000 || !text.includes('10000 lines in all') || text.length > 20_000) throw new Error(`unexpected output: ${output.lineCount} lines, ${text.length} characters`);
  return text;
}

export async function run(): Promise<void> {
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!cwd) throw new Error('no workspace');
  const terminals = new KimiTerminals();
  const signal = new AbortController().signal;
  const fromExit: number[] = [];
  const fromEndEvent: number[] = [];
  const total: number[] = [];
  try {
    for (let round = 0; round <= RUNS; round++) {
      let endEventAt = 0;
      const listener = vscode.window.onDidEndTerminalShellExecution(() => (endEventAt = Date.now()));
      const output = new OutputCollector();
      const started = Date.now();
      const attempt = await terminals.run({ command: COMMAND, cwd, timeoutMs: 120_000, onOutput: (text) => output.add(text) }, signal);
      checked(output);
      const readyAt = Date.now();
      listener.dispose();
      if (attempt.kind !== 'ran' || attempt.result.exitCode !== 0) throw new Error(`the terminal did not run it: ${JSON.stringify(attempt)}`);
      const exitedAt = Number(readFileSync(STAMP, 'utf8'));
      console.log(`terminal round ${round}${round === 0 ? ' (new terminal, not counted)' : ''}: exit->model ${readyAt - exitedAt} ms, end event->model ${readyAt - endEventAt} ms, whole command ${readyAt - started} ms`);
      if (round === 0) continue;
      fromExit.push(readyAt - exitedAt);
      fromEndEvent.push(readyAt - endEventAt);
      total.push(readyAt - started);
    }
    report('terminal_1mb_exit_to_model_ms', median(fromExit), 'ms', RUNS);
    report('terminal_1mb_end_event_to_model_ms', median(fromEndEvent), 'ms', RUNS);
    report('terminal_1mb_whole_command_ms', median(total), 'ms', RUNS);

    const fallback: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      const output = new OutputCollector();
      await runProcess({ command: COMMAND, cwd, timeoutMs: 120_000, onOutput: (text) => output.add(text) }, signal);
      checked(output);
      fallback.push(Date.now() - Number(readFileSync(STAMP, 'utf8')));
    }
    report('process_1mb_exit_to_model_ms', median(fallback), 'ms', RUNS);
  } finally {
    terminals.dispose();
  }
}
