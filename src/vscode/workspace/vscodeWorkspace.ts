// The Workspace on the VS Code API: documents as the editor sees them (unsaved buffers included), the
// workspace file list, the ripgrep VS Code ships, the language services' diagnostics, and the diff review.
// Commands and links on disk only exist for a folder on the local file system.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { scanFiles } from '../../common/tools/executors/searchTool';
import type { DiagnosticEntry, DirectWriteOutcome, PendingReview, ProposedChange, SearchMatch, SearchRequest, SpawnRequest, SpawnResult, Workspace, WorkspaceFileStat } from '../../common/tools/workspace';
import { nodeFileSystem } from '../../node/nodeWorkspace';
import { runProcess } from '../../node/processRunner';
import { findExecutable, searchWithRipgrep } from '../../node/executables';
import type { ChangeReview } from '../review/changeReview';
import type { KimiTerminals } from '../terminal/kimiTerminals';
import { applyTextToDocument, readDocumentText } from '../review/documentEdits';
import type { WorkspaceFiles } from './workspaceFiles';

const DIAGNOSTICS_SETTLE_MS = 1200;
let cachedRipgrep: { root: string; path: string | undefined } | undefined;

export class VsCodeWorkspace implements Workspace {
  readonly rootPath: string;
  readonly fileSystem;
  readonly shell: Workspace['shell'];
  private readonly local: boolean;

  constructor(
    private readonly root: vscode.Uri,
    private readonly files: WorkspaceFiles,
    private readonly review: ChangeReview,
    /** Where commands run when they can: a Kimi terminal the user sees. */
    private readonly terminals?: KimiTerminals,
  ) {
    this.local = root.scheme === 'file';
    this.rootPath = this.local ? root.fsPath : root.path;
    this.fileSystem = this.local ? nodeFileSystem : undefined;
    this.shell = !this.local ? 'none' : process.platform === 'win32' ? 'windows' : 'posix';
  }

  private uriOf(relativePath: string): vscode.Uri {
    return relativePath === '.' ? this.root : vscode.Uri.joinPath(this.root, relativePath);
  }

  readText(relativePath: string): Promise<string | undefined> {
    return readDocumentText(this.uriOf(relativePath));
  }

  async stat(relativePath: string): Promise<WorkspaceFileStat | undefined> {
    try {
      const info = await vscode.workspace.fs.stat(this.uriOf(relativePath));
      const kind = info.type & vscode.FileType.Directory ? 'folder' : info.type & vscode.FileType.File ? 'file' : 'other';
      return { kind, size: info.size };
    } catch {
      return undefined;
    }
  }

  listFiles(): Promise<string[]> {
    return this.files.list();
  }

  async search(request: SearchRequest, signal: AbortSignal): Promise<SearchMatch[]> {
    const rg = this.local ? ripgrepFor(this.rootPath) : undefined;
    if (rg) return searchWithRipgrep(rg, this.rootPath, request, excludedGlobs(), signal);
    return scanFiles(await this.files.list(), (path) => this.readBytes(path), request, signal);
  }

  private async readBytes(path: string): Promise<Uint8Array | undefined> {
    try {
      const uri = this.uriOf(path);
      return this.local ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
  }

  diagnostics(relativePath?: string): DiagnosticEntry[] {
    const entries = relativePath ? [[this.uriOf(relativePath), vscode.languages.getDiagnostics(this.uriOf(relativePath))] as const] : vscode.languages.getDiagnostics();
    const result: DiagnosticEntry[] = [];
    for (const [uri, diagnostics] of entries) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity > vscode.DiagnosticSeverity.Warning) continue;
        const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
        const origin = [diagnostic.source, code].filter((part) => part !== undefined && part !== '').join(' ');
        result.push({
          path: vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/'),
          line: diagnostic.range.start.line + 1,
          column: diagnostic.range.start.character + 1,
          severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
          message: diagnostic.message,
          ...(origin ? { origin } : {}),
        });
      }
    }
    return result;
  }

  tabSize(relativePath: string): number | undefined {
    return vscode.workspace.getConfiguration('editor', this.uriOf(relativePath)).get<number>('tabSize');
  }

  async spawn(request: SpawnRequest, signal: AbortSignal): Promise<SpawnResult> {
    const cwd = this.uriOf(request.cwd).fsPath;
    const attempt = this.terminals ? await this.terminals.run({ ...request, cwd }, signal) : undefined;
    if (attempt?.kind === 'ran') return attempt.result;
    const result = await runProcess({ command: request.command, cwd, timeoutMs: request.timeoutMs, onOutput: request.onOutput }, signal);
    return { ...result, ranIn: 'process', ...(attempt ? { terminalFallback: attempt.reason } : {}) };
  }

  async propose(change: ProposedChange): Promise<PendingReview> {
    const session = await this.review.propose({ ...change, uri: this.uriOf(change.relativePath) });
    return {
      done: session.done,
      acceptAll: () => void this.review.acceptAll(session.id),
      rejectAll: (reason) => this.review.rejectAll(session.id, reason),
    };
  }

  writeDirectly(change: ProposedChange): Promise<DirectWriteOutcome> {
    return applyTextToDocument(this.uriOf(change.relativePath), change.proposedText, { create: change.isNewFile, saveIfClean: true });
  }

  settleDiagnostics(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, DIAGNOSTICS_SETTLE_MS));
  }
}

/** The rg inside VS Code's install (desktop: node_modules.asar.unpacked; server builds: node_modules), else one on the PATH. */
function ripgrepFor(root: string): string | undefined {
  if (cachedRipgrep?.root !== root) {
    const installFolders = ['node_modules/@vscode/ripgrep/bin', 'node_modules.asar.unpacked/@vscode/ripgrep/bin'].map((folder) => join(vscode.env.appRoot, folder));
    cachedRipgrep = { root, path: findExecutable('rg', root, installFolders) };
  }
  return cachedRipgrep.path;
}

function excludedGlobs(): string[] {
  const excluded = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(excluded).filter(([, enabled]) => enabled === true).map(([glob]) => glob);
}
