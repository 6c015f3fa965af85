// The stdio transport for local MCP servers, on the SDK's own framing (ReadBuffer, serializeMessage). It differs
// from the SDK's StdioClientTransport in what a host needs: the server runs in its own process group, so
// stopping it also stops what it started (`npx` runs the real server as a grandchild); stderr arrives line by
// line; the exit code is kept for the failure reason; and every live group is killed when the host exits.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import spawn from 'cross-spawn';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface StdioLaunch {
  command: string;
  args: string[];
  /** The complete environment of the server (the caller decides what it inherits). */
  env: Record<string, string>;
  cwd?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

const isWindows = process.platform === 'win32';
const MAX_LINE = 4000;
/** Waits between the polite and the forceful ways of stopping a server. */
const GRACE_MS = { stdinClosed: 500, terminated: 1000, killed: 500 };

/** Children still running, so a host that exits (even without disposing) leaves none behind. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveChildren) killTree(child, 'SIGKILL', true);
  });
}

export class ProcessGroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Set once the process has ended. */
  exit?: ProcessExit;
  private child?: ChildProcess;
  private readonly readBuffer = new ReadBuffer();
  private stderrPartial = '';
  private closed?: Promise<void>;

  constructor(
    private readonly launch: StdioLaunch,
    private readonly onStderrLine: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('The server process was already started.'));
    installExitHook();
    return new Promise((resolve, reject) => {
      const child = spawn(this.launch.command, this.launch.args, {
        env: this.launch.env,
        cwd: this.launch.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group on POSIX, so the whole tree can be signalled; Windows kills the tree by pid.
        detached: !isWindows,
        windowsHide: true,
        shell: false,
      });
      this.child = child;
      let started = false;
      this.closed = new Promise((resolveClosed) => {
        child.once('close', (code, signal) => {
          liveChildren.delete(child);
          this.exit = { code, signal };
          this.flushStderr();
          resolveClosed();
          this.onclose?.();
        });
      });
      child.once('error', (error) => {
        liveChildren.delete(child);
        if (!started) reject(error);
        else this.onerror?.(error);
      });
      child.once('spawn', () => {
        started = true;
        liveChildren.add(child);
        resolve();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        try {
          this.readBuffer.append(chunk);
        } catch (error) {
          // A message over the SDK's 10 MB limit: dropped (the buffer is cleared), the caller's request times out.
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.readBuffer.readMessage();
          } catch (error) {
            // A line that is not JSON-RPC (a server printing to stdout): reported, skipped, the stream goes on.
            this.onerror?.(error instanceof Error ? error : new Error(String(error)));
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => this.takeStderr(chunk));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || !stdin.writable || this.exit) return Promise.reject(new Error('The server process is not running.'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Stops the server the polite way first (stdin closed), then SIGTERM, then SIGKILL, each to the whole group. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || !this.closed) return;
    if (!this.exit) {
      try {
        child.stdin?.end();
      } catch {
        // Already closed.
      }
      if (!(await settles(this.closed, GRACE_MS.stdinClosed))) {
        killTree(child, 'SIGTERM');
        if (!(await settles(this.closed, GRACE_MS.terminated))) {
          killTree(child, 'SIGKILL');
          await settles(this.closed, GRACE_MS.killed);
        }
      }
    }
    // The server is gone, but anything it started in its group may not be: those go too.
    killTree(child, 'SIGKILL');
    liveChildren.delete(child);
    this.readBuffer.clear();
  }

  /** At once, without waiting: for dispose when the host is going away. */
  killNow(): void {
    if (this.child) killTree(this.child, 'SIGKILL', true);
  }

  private takeStderr(chunk: string): void {
    this.stderrPartial += chunk;
    const lines = this.stderrPartial.split(/\r?\n/);
    this.stderrPartial = lines.pop() ?? '';
    // A server that never ends a line is still heard, in pieces.
    while (this.stderrPartial.length > MAX_LINE) {
      lines.push(this.stderrPartial.slice(0, MAX_LINE));
      this.stderrPartial = this.stderrPartial.slice(MAX_LINE);
    }
    for (const line of lines) if (line.trim() !== '') this.onStderrLine(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
  }

  private flushStderr(): void {
    if (this.stderrPartial.trim() !== '') this.onStderrLine(this.stderrPartial.slice(0, MAX_LINE));
    this.stderrPartial = '';
  }
}

/** Signals the child's whole process group (POSIX) or tree (Windows); quietly does nothing when it is gone. */
function killTree(child: ChildProcess, signal: NodeJS.Signals, synchronous = false): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    if (!isWindows) {
      process.kill(-pid, signal);
      return;
    }
    if (synchronous) spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
    else spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function settles(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref?.();
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
