// Runs a command line in its own process group and kills the whole group on Stop or time-out, so no
// child outlives the call. POSIX lines run in /bin/sh, the shell whose grammar the allow-list check
// vouches for (dash or bash as sh); Windows lines run in cmd.exe, which the check treats far stricter.
import { spawn } from 'node:child_process';
import type { SpawnResult } from '../common/tools/workspace';

export interface ProcessRequest {
  command: string;
  /** Absolute working folder. */
  cwd: string;
  timeoutMs: number;
  onOutput(chunk: string): void;
  env?: NodeJS.ProcessEnv;
  /** Told the process id once it has started (tests check that Stop killed it). */
  onStart?(pid: number): void;
}

const isWindows = process.platform === 'win32';

export function runProcess(request: ProcessRequest, signal: AbortSignal): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = spawn(request.command, {
      cwd: request.cwd,
      shell: isWindows ? true : '/bin/sh',
      detached: !isWindows,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: request.env ?? process.env,
      windowsHide: true,
    });
    if (child.pid !== undefined) request.onStart?.(child.pid);
    let timedOut = false;
    let startError: string | undefined;
    const collect = (chunk: Buffer) => request.onOutput(chunk.toString('utf8'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const kill = () => killGroup(child.pid, () => child.kill('SIGKILL'));
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, request.timeoutMs);
    signal.addEventListener('abort', kill, { once: true });
    if (signal.aborted) kill();
    let finished = false;
    const finish = (exitCode: number | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', kill);
      resolve({ exitCode, timedOut, cancelled: signal.aborted, ...(startError ? { startError } : {}) });
    };
    child.on('close', finish);
    child.on('error', (error) => {
      startError = error.message;
      finish(null);
    });
  });
}

/** The group of a detached child on POSIX; on Windows only the shell itself can be signalled this way. */
export function killGroup(pid: number | undefined, fallback: () => void): void {
  try {
    if (pid !== undefined && !isWindows) process.kill(-pid, 'SIGKILL');
    else fallback();
  } catch {
    // Already gone.
  }
}
