// The editor at the edge of the tools: everything an executor needs from the place it runs in (VS Code, plain
// Node for the fault suite and the language server), as one small interface. Paths are workspace-relative
// and already confined by the executor; the workspace never decides policy.
import type { ToolPathFileSystem } from './toolPaths';

export interface WorkspaceFileStat {
  kind: 'file' | 'folder' | 'other';
  size: number;
}

export interface SearchRequest {
  pattern: string;
  /** Workspace-relative folder or file to search in; '.' for the whole workspace. */
  path: string;
  glob?: string;
  caseSensitive: boolean;
  /** Stop after about this many matches. */
  maxMatches: number;
}

export interface SearchMatch {
  /** Workspace-relative, '/'-separated. */
  path: string;
  line: number;
  text: string;
}

export interface DiagnosticEntry {
  path: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  origin?: string;
}

export interface SpawnRequest {
  command: string;
  /** Workspace-relative working folder ('.' for the root). */
  cwd: string;
  timeoutMs: number;
  onOutput(chunk: string): void;
  /**
   * Only the allow-list vouched for the line: it must run in a shell no other command (nor the user) has
   * changed, since the check reads the line alone (a terminal's earlier `alias` or `export` would change it).
   */
  cleanShell?: boolean;
}

export interface SpawnResult {
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the process could not start, if it could not. */
  startError?: string;
  /** Where it ran: the user's view of a Kimi terminal, or a captured child process (the fallback). */
  ranIn?: 'terminal' | 'process';
  /** Why it did not run in the terminal, when the editor has one: the tool card says so. */
  terminalFallback?: string;
}

export interface ProposedChange {
  relativePath: string;
  /** The text the proposal was computed against ('' for a new file). */
  baseText: string;
  proposedText: string;
  isNewFile: boolean;
  /** Set when the file runs code in the editor or the build: the review says why it is never auto-approved. */
  sensitiveReason?: string;
}

export type ReviewOutcome =
  | { kind: 'accepted'; acceptedHunks: number; totalHunks: number; userEdited: boolean; finalText: string }
  | { kind: 'partial'; acceptedHunks: number; rejectedHunks: number; totalHunks: number; userEdited: boolean; finalText: string }
  | { kind: 'rejected'; totalHunks: number; reason?: string }
  | { kind: 'conflict'; detail: string; acceptedHunks: number };

/** A change under review: the chat card's Approve / Reject act on all of it, the diff per hunk. */
export interface PendingReview {
  readonly done: Promise<ReviewOutcome>;
  acceptAll(): void;
  rejectAll(reason?: string): void;
}

/** What a write did on disk when it was applied without review. */
export type DirectWriteOutcome = 'saved' | 'left-unsaved' | 'save-failed';

export interface Workspace {
  /** Absolute path of the workspace folder as the platform writes it ('/home/me/app', 'C:\\app'). */
  readonly rootPath: string;
  /** How to follow links on disk; absent for a workspace that is not on the local disk (only textual checks apply). */
  readonly fileSystem?: ToolPathFileSystem;
  /** The shell that runs commands: its grammar decides what the allow-list check may vouch for. */
  readonly shell: 'posix' | 'windows' | 'none';
  /** The text as the editor sees it (an unsaved buffer included); undefined when the file does not exist or is not text. */
  readText(relativePath: string): Promise<string | undefined>;
  stat(relativePath: string): Promise<WorkspaceFileStat | undefined>;
  /** Every file, workspace-relative and sorted, with ignored and excluded files left out. */
  listFiles(): Promise<string[]>;
  search(request: SearchRequest, signal: AbortSignal): Promise<SearchMatch[]>;
  /** Errors and warnings the editor's language services report, for one file or all. */
  diagnostics(relativePath?: string): DiagnosticEntry[];
  /** The indentation width the editor uses for this file, when it knows one. */
  tabSize(relativePath: string): number | undefined;
  /** Runs a shell command line in its own process group; Stop (the signal) kills the group. */
  spawn(request: SpawnRequest, signal: AbortSignal): Promise<SpawnResult>;
  /** Opens a change for the user's review. */
  propose(change: ProposedChange): Promise<PendingReview>;
  /** Writes a change without review (auto-approve), saving only when nothing unsaved is lost. */
  writeDirectly(change: ProposedChange): Promise<DirectWriteOutcome>;
  /** Waits briefly for language services to report on a changed file. */
  settleDiagnostics(): Promise<void>;
}
