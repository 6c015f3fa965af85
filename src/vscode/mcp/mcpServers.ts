// The MCP servers of this window: configuration read from the user's settings and the project's .kimi/mcp.json
// and .vscode/mcp.json, the server manager created on the first turn that has servers to offer (imported then,
// not at activation), a frozen tool catalog per turn, and every process stopped with the extension.
import * as vscode from 'vscode';
import { mergeMcpConfigs, parseMcpConfig, parseMcpConfigText, trustedAlwaysAllow, type McpInputDefinition, type McpServerConfig, type ParsedMcpConfig } from '../../common/mcp/config';
import type { ServerPrompt } from '../../common/mcp/promptCommands';
import type { ReferenceContext } from '../../common/mcp/references';
import type { ServerResources } from '../../common/mcp/resourceMentions';
import { buildToolCatalog, type McpToolCatalog } from '../../common/mcp/toolCatalog';
import type { McpToolCaller } from '../../common/mcp/types';
import type { McpServerInfo, McpServerManager } from '../../node/mcp/serverManager';
import type { Configuration } from '../configuration';
import type { Logger } from '../log';
import { registerMcpServersCommand } from './mcpServersCommand';
import { ProjectServerApproval } from './projectServerApproval';

export const PROJECT_MCP_FILES = ['.kimi/mcp.json', '.vscode/mcp.json'] as const;
const SECRET_PREFIX = 'kimiAssistant.mcp.input.';

/** What one turn gets: the catalog from one snapshot, the caller, and the user's alwaysAllow lists. */
export interface McpTurnTools {
  catalog: McpToolCatalog;
  caller: McpToolCaller;
  alwaysAllow(server: string): ReadonlySet<string>;
}

let active: McpServers | undefined;

/** For deactivate(): VS Code waits for it, so every server is stopped (and killed) before the host exits. */
export function stopMcpServers(): Promise<void> {
  return active?.stopAll() ?? Promise.resolve();
}

export class McpServers implements vscode.Disposable {
  readonly approval: ProjectServerApproval;
  private manager: McpServerManager | undefined;
  private creating: Promise<McpServerManager> | undefined;
  private channel: vscode.OutputChannel | undefined;
  private configs: McpServerConfig[] = [];
  private inputs: McpInputDefinition[] = [];
  private loggedProblems = '';
  /** Servers the user stopped from the servers view: left out until Restart or a reload. */
  private readonly stoppedThisWindow = new Set<string>();
  private disposed = false;
  private readonly command: vscode.Disposable;

  private readonly secrets: vscode.SecretStorage;

  constructor(
    private readonly configuration: Configuration,
    context: Pick<vscode.ExtensionContext, 'secrets' | 'workspaceState' | 'extensionMode'>,
    private readonly log: Logger,
  ) {
    this.secrets = context.secrets;
    // A test host cancels every modal at once ("Dialog requested during smoke test"): there the question waits
    // for the test API's answer instead (the way the workspace-endpoint question is answered in tests).
    this.approval = new ProjectServerApproval(context.workspaceState, context.extensionMode === vscode.ExtensionMode.Test ? waitForTestAnswer : undefined);
    this.command = registerMcpServersCommand(this);
    active = this;
  }

  /**
   * The tools for the turn about to start, or undefined when MCP is off or nothing is configured. Never throws.
   * Stop (`signal`) ends a wait for servers still starting (or for the question about a project server).
   */
  async turnTools(signal?: AbortSignal): Promise<McpTurnTools | undefined> {
    try {
      const manager = await this.refresh();
      if (!manager || signal?.aborted) return undefined;
      const snapshot = await manager.snapshotTools(signal);
      snapshot.servers = snapshot.servers.filter((server) => !this.stoppedThisWindow.has(server.server));
      const catalog = buildToolCatalog(snapshot);
      for (const skipped of catalog.skipped) this.output().appendLine(`[${skipped.server}] tool "${skipped.tool}" left out: ${skipped.reason}`);
      const byName = new Map(this.configs.map((config) => [config.name, config]));
      return { catalog, caller: manager, alwaysAllow: (server) => (byName.has(server) ? trustedAlwaysAllow(byName.get(server)!) : new Set()) };
    } catch (error) {
      this.log.warn(`MCP servers are not available for this turn: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Reads the configuration again and applies it; creates the manager only when there is a server. */
  async refresh(): Promise<McpServerManager | undefined> {
    const settings = this.configuration.settings;
    const merged = settings['mcp.enabled'] ? await this.readConfig() : { servers: [], inputs: [], problems: [] };
    // Read again for every turn and every `/` or `@` list: the same problems are logged once, not each time.
    const problems = merged.problems.map((problem) => problem.message).join('\n');
    if (problems && problems !== this.loggedProblems) this.output().appendLine(problems);
    this.loggedProblems = problems;
    this.configs = merged.servers;
    this.inputs = merged.inputs;
    if (merged.servers.length === 0 && !this.manager) return undefined;
    const manager = await this.ensureManager();
    await manager.setServers(merged.servers);
    return manager;
  }

  /**
   * The servers the `/` and `@` lists may show, started first when never tried: those that start without a question
   * (user servers, approved project servers), or every one when `ask` (sending a `/mcp.` command is a use, like a
   * chat turn). Undefined when MCP is off or nothing is configured.
   */
  async warm(ask = false): Promise<McpServerManager | undefined> {
    const manager = await this.refresh();
    if (!manager) return undefined;
    await manager.startUntried((config) => !this.stoppedThisWindow.has(config.name) && (ask || this.approval.startsWithoutAsking(config)));
    return manager;
  }

  /** Prompts of the ready servers (not those stopped for this window), for `/` commands. */
  prompts(): ServerPrompt[] {
    return (this.manager?.prompts() ?? []).filter(({ server }) => !this.stoppedThisWindow.has(server));
  }

  /** Resources of the ready servers, for `@` mentions. */
  resources(): ServerResources[] {
    return (this.manager?.resources() ?? []).filter(({ server }) => !this.stoppedThisWindow.has(server));
  }

  servers(): McpServerInfo[] {
    return this.manager?.servers().map((info) => (this.stoppedThisWindow.has(info.name) ? { ...info, status: { state: 'stopped' } } : info)) ?? [];
  }

  async restart(name: string): Promise<void> {
    this.stoppedThisWindow.delete(name);
    const config = this.configs.find((candidate) => candidate.name === name);
    if (config) this.approval.forgetRefusal(config);
    await this.manager?.restart(name);
  }

  async stop(name: string): Promise<void> {
    this.stoppedThisWindow.add(name);
    await this.manager?.stop(name);
  }

  showLog(): void {
    this.output().show(true);
  }

  dispose(): void {
    void this.stopAll();
    this.command.dispose();
    this.channel?.dispose();
    if (active === this) active = undefined;
  }

  async stopAll(): Promise<void> {
    this.disposed = true;
    const manager = this.manager ?? (this.creating ? await this.creating : undefined);
    this.manager = undefined;
    await manager?.dispose();
  }

  private async readConfig(): Promise<ParsedMcpConfig> {
    const user = parseMcpConfig({ mcpServers: this.configuration.settings['mcp.servers'] }, { source: 'user', origin: 'the kimiAssistant.mcp.servers setting' });
    let project: ParsedMcpConfig = { servers: [], inputs: [], problems: [] };
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    // An untrusted workspace's servers are not even listed: nothing of theirs may start.
    if (root && vscode.workspace.isTrusted) {
      for (const file of PROJECT_MCP_FILES) {
        const text = await readText(vscode.Uri.joinPath(root, file));
        if (text === undefined) continue;
        project = mergeMcpConfigs(project, parseMcpConfigText(text, { source: 'project', origin: file }), file);
      }
    }
    return mergeMcpConfigs(user, project, 'the project');
  }

  private ensureManager(): Promise<McpServerManager> {
    if (this.manager) return Promise.resolve(this.manager);
    // dist/mcp.js at run time, a file of its own beside the extension's (see esbuild.mjs): activation never loads the SDK.
    this.creating ??= import('../../node/mcp/serverManager').then(({ McpServerManager }) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const manager = new McpServerManager({
        references: this.references(),
        // Not in an untrusted folder: `npx` there would prefer a binary the repository ships in node_modules/.bin.
        ...(folder && vscode.workspace.isTrusted ? { defaultCwd: folder } : {}),
        onLog: (server, line) => this.output().appendLine(`[${server}] ${line}`),
        onStatusChange: (info) => {
          if (info.status.state === 'failed') this.output().appendLine(`[${info.name}] failed: ${info.status.reason}`);
        },
        mayStart: (config) => this.approval.mayStart(config),
      });
      if (this.disposed) void manager.dispose();
      else this.manager = manager;
      return manager;
    });
    return this.creating;
  }

  private references(): ReferenceContext {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return {
      env: process.env,
      input: (id) => this.input(id),
      ...(folder !== undefined ? { workspaceFolder: folder } : {}),
    };
  }

  /** `${input:ID}`: from secret storage, asked once with a password box. */
  private async input(id: string): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_PREFIX + id);
    if (stored !== undefined) return stored;
    const definition = this.inputs.find((input) => input.id === id);
    const value = await vscode.window.showInputBox({
      title: `Kimi: MCP input "${id}"`,
      prompt: definition?.description ?? `The value of \${input:${id}} for an MCP server (kept in secret storage)`,
      password: definition?.password ?? true,
      ignoreFocusOut: true,
    });
    if (value !== undefined) await this.secrets.store(SECRET_PREFIX + id, value);
    return value;
  }

  private output(): vscode.OutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Kimi MCP');
    return this.channel;
  }
}

const waitForTestAnswer = (): Thenable<boolean> => new Promise<boolean>(() => undefined);

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
