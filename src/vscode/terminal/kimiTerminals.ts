// run_command in a terminal the user sees: a bash terminal named "Kimi", revealed without taking focus,
// driven through shell integration (executeCommand, its output stream and its exit code). When shell
// integration is off or not ready in time, the caller runs the command as a captured process instead and
// the card says why. The user can type into the terminal; a command of ours never shares it with theirs.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { TerminalTextCleaner } from '../../common/tools/terminalText';
import type { SpawnResult } from '../../common/tools/workspace';
import { killDescendants } from '../../node/processTree';
import { Disposable } from '../disposable';

/** bash's shell integration comes up in about 2 s on a loaded machine; past this the command runs without it. */
export const SHELL_INTEGRATION_WAIT_MS = 5_000;
/** After the end of a command, what is still in its output stream may take this long to arrive. */
const STREAM_DRAIN_MS = 1_000;
/** After Stop, output still on its way is waited for this long. */
const INTERRUPTED_DRAIN_MS = 150;
/** Stop kills the command's processes; if the shell has not reported the end by then, the terminal is closed. */
const STOP_GRACE_MS = 2_000;
/** How often, while a stopped command has not ended, the shell's new children are looked for. */
const KILL_AGAIN_MS = 50;
/** Fixed places only: a bash found through the PATH could be the workspace's own. */
const BASH_PATHS = ['/bin/bash', '/usr/bin/bash', '/usr/local/bin/bash', '/opt/homebrew/bin/bash'];

export interface TerminalCommand {
  command: string;
  /** Absolute working folder. */
  cwd: string;
  timeoutMs: number;
  onOutput(text: string): void;
  /** Needs a terminal where only allow-listed lines ran (see SpawnRequest.cleanShell). */
  cleanShell?: boolean;
}

export type TerminalAttempt = { kind: 'ran'; result: SpawnResult } | { kind: 'unavailable'; reason: string };

export class KimiTerminals extends Disposable {
  private readonly ours = new Set<vscode.Terminal>();
  /** Terminals a call of ours is using. */
  private readonly busy = new Set<vscode.Terminal>();
  /** Terminals whose command was stopped, until the shell reports its end. */
  private readonly settling = new Set<vscode.Terminal>();
  /** Terminals running a command the user typed into them. */
  private readonly busyForUser = new Set<vscode.Terminal>();
  private readonly ourExecutions = new WeakSet<vscode.TerminalShellExecution>();
  /** Terminals where only allow-listed lines ran: nothing has changed their shell's state (aliases, variables, options). */
  private readonly clean = new Set<vscode.Terminal>();
  /** Terminals whose shell integration did not come up in time: the next command does not wait for it again. */
  private readonly withoutIntegration = new Set<vscode.Terminal>();
  private readonly bash = process.platform === 'win32' ? undefined : BASH_PATHS.find((path) => existsSync(path));

  constructor() {
    super();
    this.register(vscode.window.onDidCloseTerminal((terminal) => this.forget(terminal)));
    this.register(vscode.window.onDidStartTerminalShellExecution((event) => this.ours.has(event.terminal) && !this.ourExecutions.has(event.execution) && this.typedByUser(event.terminal)));
    this.register(vscode.window.onDidEndTerminalShellExecution((event) => !this.ourExecutions.has(event.execution) && this.busyForUser.delete(event.terminal)));
  }

  /** Runs the command in a Kimi terminal, or says why it cannot (the caller falls back to a captured process). */
  async run(request: TerminalCommand, signal: AbortSignal): Promise<TerminalAttempt> {
    if (!this.bash) return { kind: 'unavailable', reason: process.platform === 'win32' ? 'terminals run commands on POSIX only' : 'no bash found' };
    if (!vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('shellIntegration.enabled', true)) {
      return { kind: 'unavailable', reason: 'shell integration is turned off (terminal.integrated.shellIntegration.enabled)' };
    }
    const terminal = this.idleTerminal(request.cleanShell === true) ?? this.create(this.bash, request.cwd);
    this.busy.add(terminal);
    if (!request.cleanShell) this.clean.delete(terminal);
    try {
      terminal.show(true);
      const integration = terminal.shellIntegration ?? (this.withoutIntegration.has(terminal) ? undefined : await waitForIntegration(terminal, signal));
      if (signal.aborted) return { kind: 'ran', result: { exitCode: null, timedOut: false, cancelled: true, ranIn: 'terminal' } };
      if (!integration) {
        this.withoutIntegration.add(terminal);
        return { kind: 'unavailable', reason: `shell integration did not start in the terminal within ${SHELL_INTEGRATION_WAIT_MS / 1000} s` };
      }
      if (integration.cwd?.fsPath !== request.cwd) await this.execute(terminal, integration, { ...request, command: `cd -- ${shellQuote(request.cwd)}`, onOutput: () => undefined, timeoutMs: 5_000 }, signal);
      return { kind: 'ran', result: await this.execute(terminal, integration, request, signal) };
    } finally {
      this.busy.delete(terminal);
    }
  }

  override dispose(): void {
    for (const terminal of this.ours) terminal.dispose();
    super.dispose();
  }

  private async execute(terminal: vscode.Terminal, integration: vscode.TerminalShellIntegration, request: TerminalCommand, signal: AbortSignal): Promise<SpawnResult> {
    let execution: vscode.TerminalShellExecution | undefined;
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.execution !== execution) return;
        listener.dispose();
        resolve(event.exitCode);
      });
    });
    execution = integration.executeCommand(request.command);
    this.ourExecutions.add(execution);
    // read() only yields what arrives after its first call: call it now.
    const stream = execution.read();
    const cleaner = new TerminalTextCleaner();
    const drained = (async () => {
      for await (const data of stream) request.onOutput(cleaner.push(data));
      request.onOutput(cleaner.flush());
    })();

    let interruption: 'timeout' | 'stop' | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const interrupted = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        interruption = 'timeout';
        resolve();
      }, request.timeoutMs);
      const onAbort = () => {
        interruption ??= 'stop';
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
    });
    const first = await Promise.race([ended.then((code) => ({ code })), interrupted.then(() => undefined)]);
    clearTimeout(timer);
    if (first) {
      await Promise.race([drained, delay(STREAM_DRAIN_MS)]);
      return { exitCode: first.code ?? null, timedOut: false, cancelled: false, ranIn: 'terminal' };
    }
    await this.interrupt(terminal, ended);
    // Stop answers at once with what has arrived; the shell reports the end when it gets to it.
    await Promise.race([drained, delay(INTERRUPTED_DRAIN_MS)]);
    return { exitCode: null, timedOut: interruption === 'timeout', cancelled: interruption === 'stop', ranIn: 'terminal' };
  }

  /**
   * Kills what the shell runs (the terminal stays). The terminal takes no other command until the shell has
   * reported the end; if it does not within the grace period, the terminal is closed.
   */
  private async interrupt(terminal: vscode.Terminal, ended: Promise<number | undefined>): Promise<void> {
    const shellPid = await terminal.processId;
    const killed = shellPid === undefined ? undefined : await killDescendants(shellPid);
    if (killed === undefined) terminal.sendText('\x03', false);
    else void keepKilling(shellPid as number, ended);
    this.settling.add(terminal);
    void Promise.race([ended.then(() => 'ended' as const), delay(STOP_GRACE_MS).then(() => 'late' as const)]).then((outcome) => {
      this.settling.delete(terminal);
      if (outcome === 'ended') return;
      terminal.dispose();
      this.forget(terminal);
    });
  }

  private idleTerminal(mustBeClean: boolean): vscode.Terminal | undefined {
    return [...this.ours].find((terminal) => terminal.exitStatus === undefined && !this.busy.has(terminal) && !this.settling.has(terminal) && !this.busyForUser.has(terminal) && (!mustBeClean || this.clean.has(terminal)));
  }

  private typedByUser(terminal: vscode.Terminal): void {
    this.busyForUser.add(terminal);
    this.clean.delete(terminal);
  }

  private create(shellPath: string, cwd: string): vscode.Terminal {
    const terminal = vscode.window.createTerminal({
      name: this.ours.size === 0 ? 'Kimi' : `Kimi (${this.ours.size + 1})`,
      shellPath,
      shellArgs: [],
      cwd,
      iconPath: new vscode.ThemeIcon('sparkle'),
      // The environment the captured process would get: workspace terminal.integrated.env settings do not apply.
      env: { ...process.env } as Record<string, string>,
      strictEnv: true,
      // Not restored after a reload: a command of ours never outlives the window.
      isTransient: true,
    });
    this.ours.add(terminal);
    this.clean.add(terminal);
    return terminal;
  }

  private forget(terminal: vscode.Terminal): void {
    this.ours.delete(terminal);
    this.busy.delete(terminal);
    this.busyForUser.delete(terminal);
    this.settling.delete(terminal);
    this.clean.delete(terminal);
    this.withoutIntegration.delete(terminal);
  }
}

function waitForIntegration(terminal: vscode.Terminal, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
  return new Promise((resolve) => {
    const done = (integration: vscode.TerminalShellIntegration | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      signal.removeEventListener('abort', onAbort);
      resolve(integration);
    };
    const onAbort = () => done(undefined);
    const timer = setTimeout(() => done(terminal.shellIntegration), SHELL_INTEGRATION_WAIT_MS);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => event.terminal === terminal && done(event.shellIntegration));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Stop can come before the shell has started the command's processes (it forks them a moment after the command
 * line arrives): the first kill then finds nothing, and the command would run on. Until the shell reports the
 * end, or the grace period passes, whatever it starts belongs to the stopped command (the terminal takes no
 * other while settling) and is killed too.
 */
async function keepKilling(shellPid: number, ended: Promise<unknown>): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  const deadline = Date.now() + STOP_GRACE_MS;
  while (!over && Date.now() < deadline) {
    await delay(KILL_AGAIN_MS);
    if (!over) await killDescendants(shellPid);
  }
}
