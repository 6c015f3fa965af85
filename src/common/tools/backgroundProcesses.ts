// Background processes: commands the user approved that keep running after run_command returns (dev
// servers, watchers). Each belongs to the conversation that started it; the model names them by the id
// given here, never by a process id, so no tool can reach a process this extension did not start.

export interface BackgroundStartRequest {
  command: string;
  /** Absolute working folder, already confined to the workspace. */
  cwd: string;
  /** The conversation that starts it: only that conversation can read or stop it. */
  owner: string;
  /** Return as soon as a line of output matches (a dev server's "ready" line). */
  readyPattern?: RegExp;
  /** How long to wait for that line before returning with the process still running. */
  readyTimeoutMs: number;
}

export type BackgroundState = 'running' | 'exited' | 'stopped';

export interface BackgroundProcessInfo {
  id: string;
  command: string;
  owner: string;
  pid: number | undefined;
  state: BackgroundState;
  exitCode: number | null;
  startedAt: number;
}

export interface BackgroundStart {
  info: BackgroundProcessInfo;
  /** Why start() returned: the ready line appeared, the process settled in, it ended, or the wait ran out. */
  reason: 'ready' | 'started' | 'exited' | 'ready-timeout' | 'cancelled';
  /** Output so far (head and tail when long). */
  output: string;
  startError?: string;
}

export interface BackgroundRead {
  info: BackgroundProcessInfo;
  /** Output since the previous read (head and tail when long), escape sequences removed. */
  output: string;
  lineCount: number;
}

export interface BackgroundProcesses {
  start(request: BackgroundStartRequest, signal: AbortSignal): Promise<BackgroundStart>;
  /** Undefined unless `owner` started the process `id`. */
  read(id: string, owner: string): BackgroundRead | undefined;
  stop(id: string, owner: string): Promise<BackgroundProcessInfo | undefined>;
  list(): BackgroundProcessInfo[];
  /** Stops every running process of one conversation (it ended), or of all (the window closes). */
  stopOwnedBy(owner: string): Promise<void>;
  stopAll(): Promise<void>;
  onDidChange(listener: () => void): { dispose(): void };
}
