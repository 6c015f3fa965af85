// The Workspace on plain Node (node:fs, child_process, ripgrep): what the fault suite runs the real tool
// executors on, and what a language server can run them on. A proposal is decided by whoever answers its
// card, through the same review state machine as the editor: accepting re-bases it onto the file on disk and
// writes only when it still fits.
import { lstat, readdir, readFile, realpath, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitignoreFilter } from '../common/context/gitignore';
import { ReviewState, type Hunk, type HunkSelection } from '../common/edits/index';
import { scanFiles } from '../common/tools/executors/searchTool';
import type { ToolPathFileSystem } from '../common/tools/toolPaths';
import type {
  DiagnosticEntry,
  DirectWriteOutcome,
  PendingReview,
  ProposedChange,
  ReviewOutcome,
  SearchMatch,
  SearchRequest,
  SpawnRequest,
  SpawnResult,
  Workspace,
  WorkspaceFileStat,
} from '../common/tools/workspace';
import { runProcess } from './processRunner';
import { findExecutable, searchWithRipgrep } from './executables';

export const nodeFileSystem: ToolPathFileSystem = {
  realpath: (path) => realpath(path),
  isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
  linkCount: async (path) => (await stat(path)).nlink,
};

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const MAX_FILES = 50_000;

export interface NodeWorkspaceOptions {
  /** Where commands run; defaults to a real process. Tests pass a recorder. */
  spawn?: (request: SpawnRequest & { absoluteCwd: string }, signal: AbortSignal) => Promise<SpawnResult>;
  /** Use ripgrep when it is found (default true). */
  ripgrep?: boolean;
  /** The shell's grammar, when a host stands in for another platform's (the suite checks Windows rules on Linux). */
  shell?: 'posix' | 'windows';
  /** Every review opened, for tests and hosts that show them. */
  onProposal?: (change: ProposedChange) => void;
}

/** A review on the Node workspace: the card's whole-change answers, plus the diff's per-hunk ones for hosts and tests. */
export interface NodePendingReview extends PendingReview {
  /** The hunks still open, against what has been accepted so far. */
  hunks(): Hunk[];
  /** Resolves once the hunks are written (or the review ended on a conflict). */
  acceptHunks(hunkIds: readonly string[]): Promise<void>;
  rejectHunk(hunkId: string): Promise<void>;
}

export class NodeWorkspace implements Workspace {
  readonly fileSystem = nodeFileSystem;
  readonly shell: 'posix' | 'windows';
  private readonly ripgrep: string | undefined;

  constructor(
    readonly rootPath: string,
    private readonly options: NodeWorkspaceOptions = {},
  ) {
    this.shell = options.shell ?? (process.platform === 'win32' ? 'windows' : 'posix');
    this.ripgrep = options.ripgrep === false ? undefined : findExecutable('rg', rootPath);
  }

  private absolute(relativePath: string): string {
    return relativePath === '.' ? this.rootPath : join(this.rootPath, ...relativePath.split('/'));
  }

  async readText(relativePath: string): Promise<string | undefined> {
    try {
      return await readFile(this.absolute(relativePath), 'utf8');
    } catch {
      return undefined;
    }
  }

  async stat(relativePath: string): Promise<WorkspaceFileStat | undefined> {
    try {
      const info = await stat(this.absolute(relativePath));
      return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other', size: info.size };
    } catch {
      return undefined;
    }
  }

  async listFiles(): Promise<string[]> {
    const paths: string[] = [];
    const ignoreFiles: { path: string; content: string }[] = [];
    const visit = async (folder: string, prefix: string): Promise<void> => {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (paths.length >= MAX_FILES) return;
        const relative = `${prefix}${entry.name}`;
        // Links are listed, not followed: the tools confine whatever a listed link points to.
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await visit(join(folder, entry.name), `${relative}/`);
        } else {
          paths.push(relative);
          if (entry.name === '.gitignore') ignoreFiles.push({ path: relative, content: await readFile(join(folder, entry.name), 'utf8').catch(() => '') });
        }
      }
    };
    await visit(this.rootPath, '');
    const filter = new GitignoreFilter(ignoreFiles);
    return paths.filter((path) => !filter.ignores(path)).sort();
  }

  async search(request: SearchRequest, signal: AbortSignal): Promise<SearchMatch[]> {
    if (this.ripgrep) return searchWithRipgrep(this.ripgrep, this.rootPath, request, [], signal);
    return scanFiles(await this.listFiles(), (path) => readFile(this.absolute(path)).catch(() => undefined), request, signal);
  }

  diagnostics(): DiagnosticEntry[] {
    return [];
  }

  tabSize(): number | undefined {
    return undefined;
  }

  spawn(request: SpawnRequest, signal: AbortSignal): Promise<SpawnResult> {
    const absoluteCwd = this.absolute(request.cwd);
    if (this.options.spawn) return this.options.spawn({ ...request, absoluteCwd }, signal);
    return runProcess({ command: request.command, cwd: absoluteCwd, timeoutMs: request.timeoutMs, onOutput: request.onOutput }, signal);
  }

  /**
   * Opens a review decided by whoever holds the returned handle (the chat card's Approve / Reject, or a test,
   * hunk by hunk). The proposal has no editor copy here: it changes only when a hunk is rejected.
   */
  async propose(change: ProposedChange): Promise<NodePendingReview> {
    this.options.onProposal?.(change);
    const path = this.absolute(change.relativePath);
    let state = ReviewState.open(change);
    let settle!: (outcome: ReviewOutcome) => void;
    const done = new Promise<ReviewOutcome>((resolve) => (settle = resolve));
    const adopt = (next: ReviewState) => {
      state = next;
      if (next.outcome) settle(next.outcome);
    };
    // Answers run one at a time, each from the state the previous one left; one that fails does not stop the rest.
    let answers = Promise.resolve();
    const answer = (decide: () => Promise<void> | void): Promise<void> => {
      const run = answers.then(decide);
      answers = run.catch(() => undefined);
      return run;
    };
    const accept = (selection: HunkSelection) =>
      answer(async () => {
        const current = await readFile(path, 'utf8').catch(() => undefined);
        const step = state.acceptHunks(state.proposal, selection, current);
        if (step.kind === 'ignored') return;
        if (step.kind === 'write-file' && step.text !== current) {
          try {
            await mkdir(dirname(path), { recursive: true });
            await writeFile(path, step.text, 'utf8');
          } catch (error) {
            const failed = state.writeFailed(`${change.relativePath} could not be written: ${error instanceof Error ? error.message : String(error)}`);
            if (failed.kind !== 'ignored') adopt(failed.next);
            return;
          }
        }
        adopt(step.next);
      });
    return {
      done,
      hunks: () => state.hunks(),
      acceptAll: () => void accept('all').catch(() => undefined),
      acceptHunks: (hunkIds) => accept(hunkIds),
      rejectHunk: (hunkId) =>
        answer(() => {
          const step = state.rejectHunk(state.proposal, hunkId);
          if (step.kind !== 'ignored') adopt(step.next);
        }),
      rejectAll: (reason) =>
        void answer(async () => {
          const current = state.hasWritten ? await readFile(path, 'utf8').catch(() => undefined) : undefined;
          const step = state.rejectAll(reason, current);
          if (step.kind !== 'ignored') adopt(step.next);
        }),
    };
  }

  async writeDirectly(change: ProposedChange): Promise<DirectWriteOutcome> {
    const path = this.absolute(change.relativePath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, change.proposedText, 'utf8');
    return 'saved';
  }

  async settleDiagnostics(): Promise<void> {}
}
