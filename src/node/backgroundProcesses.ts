// Background processes on Node: each command runs in /bin/sh in its own process group (as run_command's
// captured processes do), so stopping it kills the group, grandchildren included. A small watchdog shell
// per process kills the group if the extension host dies without stopping it, so none outlives VS Code.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { BackgroundProcesses, BackgroundProcessInfo, BackgroundRead, BackgroundStart, BackgroundStartRequest } from '../common/tools/backgroundProcesses';
import { OutputCollector } from '../common/tools/commandOutput';
import { TerminalTextCleaner } from '../common/tools/terminalText';
import { killGroup } from './processRunner';

/** Without a ready pattern, a start waits this long so that a command that fails at once says so. */
export const START_SETTLE_MS = 1_000;
/** Stop sends SIGTERM (servers tidy up), then SIGKILL to the group after this long. */
const STOP_GRACE_MS = 1_500;
/** Ready patterns come from the model: each is tried on at most this much of a line. */
const MAX_READY_LINE = 1_000;
const isWindows = process.platform === 'win32';

/** Polls the extension host and the group; when the host is gone and the group is not, kills the group. */
// No "--" before the group: dash's kill reads it as a process id.
const WATCHDOG_SCRIPT = 'while kill -0 "$1" 2>/dev/null && kill -0 "-$2" 2>/dev/null; do sleep 1; done; kill -0 "$1" 2>/dev/null || kill -9 "-$2" 2>/dev/null';

interface Entry {
  info: BackgroundProcessInfo;
  child: ChildProcess;
  cleaner: TerminalTextCleaner;
  unread: OutputCollector;
  closed: Promise<void>;
  outputListeners: Set<(text: string) => void>;
}

export interface NodeBackgroundOptions {
  env?: NodeJS.ProcessEnv;
  /** The process whose death must end every background process (the extension host). */
  guardPid?: number;
}

export class NodeBackgroundProcesses implements BackgroundProcesses {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  /** Ids count per conversation ("bg1", "bg2", ...): short for the model, and never another conversation's. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: NodeBackgroundOptions = {}) {}

  start(request: BackgroundStartRequest, signal: AbortSignal): Promise<BackgroundStart> {
    const count = (this.counts.get(request.owner) ?? 0) + 1;
    this.counts.set(request.owner, count);
    const id = `bg${count}`;
    const child = spawn(request.command, {
      cwd: request.cwd,
      shell: isWindows ? true : '/bin/sh',
      detached: !isWindows,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.options.env ?? process.env,
      windowsHide: true,
    });
    const info: BackgroundProcessInfo = { id, command: request.command, owner: request.owner, pid: child.pid, state: 'running', exitCode: null, startedAt: Date.now() };
    let startError: string | undefined;
    const closed = new Promise<void>((resolve) => {
      child.on('close', (code, signalName) => {
        if (info.state === 'running') info.state = 'exited';
        info.exitCode = code ?? (signalName ? 128 + constants.signals[signalName] : null);
        resolve();
        this.changed();
      });
      child.on('error', (error) => {
        startError = error.message;
        info.state = 'exited';
        resolve();
        this.changed();
      });
    });
    const entry: Entry = { info, child, cleaner: new TerminalTextCleaner(), unread: new OutputCollector(), closed, outputListeners: new Set() };
    this.entries.set(keyOf(request.owner, id), entry);
    if (child.pid !== undefined && !isWindows && this.options.guardPid !== undefined) startWatchdog(this.options.guardPid, child.pid);
    this.changed();

    return new Promise<BackgroundStart>((resolve) => {
      let partialLine = '';
      let settled = false;
      let cancelling = false;
      const finish = (reason: BackgroundStart['reason']) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const output = entry.unread.text();
        entry.unread = new OutputCollector();
        resolve({ info: { ...info }, reason, output, ...(startError ? { startError } : {}) });
      };
      const onText = (text: string) => {
        if (settled || !request.readyPattern) return;
        const lines = (partialLine + text).split('\n');
        partialLine = (lines.pop() ?? '').slice(-MAX_READY_LINE);
        if ([...lines, partialLine].some((line) => request.readyPattern?.test(line.slice(0, MAX_READY_LINE)))) finish('ready');
      };
      const collect = (chunk: Buffer) => {
        const text = entry.cleaner.push(chunk.toString('utf8'));
        entry.unread.add(text);
        for (const listener of entry.outputListeners) listener(text);
        onText(text);
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      const onAbort = () => {
        cancelling = true;
        void this.stopEntry(entry).then(() => finish('cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      void closed.then(() => finish(cancelling ? 'cancelled' : 'exited'));
      const timer = setTimeout(() => finish(request.readyPattern ? 'ready-timeout' : 'started'), request.readyPattern ? request.readyTimeoutMs : START_SETTLE_MS);
    });
  }

  read(id: string, owner: string): BackgroundRead | undefined {
    const entry = this.owned(id, owner);
    if (!entry) return undefined;
    const { unread } = entry;
    entry.unread = new OutputCollector();
    return { info: { ...entry.info }, output: unread.text(), lineCount: unread.lineCount };
  }

  async stop(id: string, owner: string): Promise<BackgroundProcessInfo | undefined> {
    const entry = this.owned(id, owner);
    if (!entry) return undefined;
    await this.stopEntry(entry);
    return { ...entry.info };
  }

  list(): BackgroundProcessInfo[] {
    return [...this.entries.values()].map((entry) => ({ ...entry.info }));
  }

  /** The cleaned output of one process as it arrives (a terminal that mirrors it). */
  onOutput(id: string, owner: string, listener: (text: string) => void): { dispose(): void } {
    const listeners = [...this.entries.values()].find((entry) => entry.info.id === id && entry.info.owner === owner)?.outputListeners;
    listeners?.add(listener);
    return { dispose: () => listeners?.delete(listener) };
  }

  async stopOwnedBy(owner: string): Promise<void> {
    await Promise.all([...this.entries.values()].filter((entry) => entry.info.owner === owner).map((entry) => this.stopEntry(entry)));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.stopEntry(entry)));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private owned(id: string, owner: string): Entry | undefined {
    return this.entries.get(keyOf(owner, id));
  }

  private async stopEntry(entry: Entry): Promise<void> {
    if (entry.info.state !== 'running') return;
    entry.info.state = 'stopped';
    const { pid } = entry.child;
    signalGroup(pid, 'SIGTERM', () => entry.child.kill('SIGTERM'));
    const forced = setTimeout(() => killGroup(pid, () => entry.child.kill('SIGKILL')), STOP_GRACE_MS);
    await entry.closed;
    clearTimeout(forced);
    // Stragglers that left the shell but stayed in the group (a server's workers) go with it.
    killGroup(pid, () => undefined);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function keyOf(owner: string, id: string): string {
  return `${owner}\n${id}`;
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals, fallback: () => void): void {
  try {
    if (pid !== undefined && !isWindows) process.kill(-pid, signal);
    else fallback();
  } catch {
    // Already gone.
  }
}

function startWatchdog(guardPid: number, groupId: number): void {
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'kimi-watchdog', String(guardPid), String(groupId)], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => undefined);
  watchdog.unref();
}
