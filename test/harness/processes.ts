// Every process and resource the harness starts is registered here, so that each one ends with the run:
// on success, failure, timeout, an uncaught error, SIGINT or SIGTERM.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';

type Cleanup = { label: string; run: () => Promise<void> | void };

const cleanups: Cleanup[] = [];
const trackedGroups = new Set<number>();
let signalHandlersInstalled = false;

/**
 * A runner that spawns test processes (which start their own code-server) sets this variable; each
 * process group is appended to the file so the runner can still end it if the test process is killed.
 */
export const PID_FILE_VARIABLE = 'KIMI_HARNESS_PID_FILE';

function recordGroup(pid: number): void {
  trackedGroups.add(pid);
  const pidFile = process.env[PID_FILE_VARIABLE];
  if (pidFile) appendFileSync(pidFile, `${pid}\n`);
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupIsAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

async function endGroup(pid: number, graceMs = 3000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupIsAlive(pid)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup(pid, 'SIGKILL');
}

/** Registers work to run when the harness shuts down (last registered runs first). */
export function onCleanup(label: string, run: () => Promise<void> | void): () => void {
  installSignalHandlers();
  const entry = { label, run };
  cleanups.push(entry);
  return () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

export interface TrackedProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** Ends the process and everything it started (its whole process group). */
  stop(): Promise<void>;
}

/**
 * Spawns a process as the leader of its own process group, so that stopping it also ends its
 * children (code-server forks an extension host and helpers). Output goes to `logPath`.
 */
export function spawnTracked(
  label: string,
  command: string,
  args: string[],
  options: SpawnOptions & { logPath: string; echo?: boolean },
): TrackedProcess {
  installSignalHandlers();
  const { logPath, echo, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${label} could not be started (${command})`);
  const pid = child.pid;
  recordGroup(pid);
  const log = createWriteStream(logPath, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (echo) process.stdout.write(chunk);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await endGroup(pid);
      trackedGroups.delete(pid);
      await new Promise<void>((resolve) => log.end(resolve));
    })();
    return stopping;
  };
  const unregister = onCleanup(label, stop);
  void exited.then(() => {
    if (!groupIsAlive(pid)) {
      trackedGroups.delete(pid);
      unregister();
    }
  });
  return { child, pid, exited, stop };
}

/** Runs every registered cleanup, newest first; one failing cleanup does not stop the others. */
export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const entry = cleanups.pop();
    if (!entry) break;
    try {
      await entry.run();
    } catch (error) {
      console.error(`[harness] cleanup "${entry.label}" failed: ${String(error)}`);
    }
  }
}

/**
 * Runs a script's main() and, once every cleanup has run, exits with its code (0 when it returns none).
 * When main() throws, `onError` hears why first and the exit code is 1.
 */
export function runThenCleanUp(main: () => Promise<number | void>, onError: (reason: string) => void = (reason) => console.error(reason)): void {
  void main()
    .then(
      (code) => code ?? 0,
      (error: unknown) => {
        onError(error instanceof Error ? error.message : String(error));
        return 1;
      },
    )
    .then(async (code) => {
      await cleanupAll();
      process.exit(code);
    });
}

/** Ends process groups listed in a pid file by test processes that may have died without cleaning up. */
export async function endGroupsListedIn(pidFile: string): Promise<number> {
  if (!existsSync(pidFile)) return 0;
  const pids = readFileSync(pidFile, 'utf8').split('\n').map(Number).filter((pid) => pid > 0);
  let ended = 0;
  for (const pid of pids) {
    if (groupIsAlive(pid)) {
      await endGroup(pid, 1000);
      ended += 1;
    }
  }
  rmSync(pidFile, { force: true });
  return ended;
}

function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals, exitCode: number) => {
    console.error(`[harness] ${signal}: stopping everything the harness started`);
    void cleanupAll().finally(() => process.exit(exitCode));
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  // Last resort when the process exits without running cleanupAll (e.g. process.exit in a test).
  process.once('exit', () => {
    for (const pid of trackedGroups) signalGroup(pid, 'SIGKILL');
  });
}
