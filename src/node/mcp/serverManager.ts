// The MCP servers of a session: each started lazily on first use (the first tool snapshot, or an explicit
// start), watched for crashes and hangs, restarted or stopped on request, and every process killed on dispose.
// The agent sees tools only through `snapshotTools()`, which the host calls between turns: a server that comes,
// goes or changes its tools mid-turn changes nothing until then.
import { approvalKey, describeLaunch, type McpServerConfig } from '../../common/mcp/config';
import type { ReferenceContext } from '../../common/mcp/references';
import type { McpCallOptions, McpCallOutcome, McpConfigSource, McpPrompt, McpPromptMessage, McpRequestOutcome, McpResource, McpResourceContents, McpResourceTemplate, McpServerStatus, McpToolCaller, McpToolSnapshot } from '../../common/mcp/types';
import { ServerConnection } from './serverConnection';

export interface McpServerManagerOptions {
  references: ReferenceContext;
  /** Start-up (spawn, initialize, first listings) time limit; default 30 s (a first `npx` download is slow). */
  startupTimeoutMs?: number;
  /** A call with no answer and no progress for this long fails; default 120 s, like run_command. */
  callTimeoutMs?: number;
  /** A call fails after this long whatever its progress; default 10 minutes. */
  maxCallMs?: number;
  /** Working folder of stdio servers without their own `cwd`: the workspace folder. */
  defaultCwd?: string;
  clientInfo?: { name: string; version: string };
  /** Each stderr line and protocol log of a server, secrets it was given already redacted. */
  onLog?(server: string, line: string): void;
  onStatusChange?(server: McpServerInfo): void;
  /**
   * Asked before a server starts (the host asks the user, per workspace, for project-level servers, keyed by
   * `approvalKey`); a server not allowed is reported as failed with the reason.
   */
  mayStart?(config: McpServerConfig): Promise<boolean>;
}

/** One row of the servers view. */
export interface McpServerInfo {
  name: string;
  source: McpConfigSource;
  status: McpServerStatus;
  toolCount: number;
  promptCount: number;
  resourceCount: number;
  /** The command line or URL, for the user to read. */
  launch: string;
  approvalKey: string;
  disabled: boolean;
  /** The process of a running stdio server. */
  pid?: number;
}

interface Entry {
  connection: ServerConnection;
  /** Started once (by a snapshot or by hand): a snapshot does not start it again after a stop or a failure. */
  attempted: boolean;
  pendingStart?: Promise<McpServerStatus> | undefined;
}

export class McpServerManager implements McpToolCaller {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(private readonly options: McpServerManagerOptions) {}

  /**
   * Applies a (re)read configuration: new servers are added, stopped; removed ones are stopped and forgotten;
   * a server whose launch changed is replaced (it starts again on next use). Unchanged ones keep running.
   */
  async setServers(configs: readonly McpServerConfig[]): Promise<void> {
    const wanted = new Map(configs.map((config) => [config.name, config]));
    const stopping: Promise<void>[] = [];
    for (const [name, entry] of this.entries) {
      const next = wanted.get(name);
      if (next && sameServer(entry.connection.config, next)) continue;
      this.entries.delete(name);
      stopping.push(entry.connection.stop());
    }
    for (const config of configs) {
      if (this.entries.has(config.name)) continue;
      this.entries.set(config.name, { connection: this.createConnection(config), attempted: false });
      this.emit(config.name);
    }
    await Promise.all(stopping);
  }

  servers(): McpServerInfo[] {
    return [...this.entries.keys()].sort().map((name) => this.info(name)!);
  }

  info(name: string): McpServerInfo | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const { connection } = entry;
    return {
      name,
      source: connection.config.source,
      status: connection.status,
      toolCount: connection.tools.length,
      promptCount: connection.prompts.length,
      resourceCount: connection.resources.length + connection.resourceTemplates.length,
      launch: describeLaunch(connection.config),
      approvalKey: approvalKey(connection.config),
      disabled: connection.config.disabled,
      ...(connection.pid !== undefined ? { pid: connection.pid } : {}),
    };
  }

  /** Starts a server (the servers view's Start, or first use); resolves with its status, never rejects. */
  start(name: string): Promise<McpServerStatus> {
    const entry = this.entries.get(name);
    if (!entry || this.disposed) return Promise.resolve({ state: 'failed', reason: `there is no MCP server named "${name}"` });
    // Two callers at once (a snapshot and the view's Start) share one start, and one question to the user.
    entry.pendingStart ??= this.startEntry(name, entry).finally(() => {
      entry.pendingStart = undefined;
    });
    return entry.pendingStart;
  }

  private async startEntry(name: string, entry: Entry): Promise<McpServerStatus> {
    const { connection } = entry;
    if (connection.config.disabled) return connection.status;
    entry.attempted = true;
    if (connection.status.state === 'ready') return connection.status;
    if (this.options.mayStart && !(await this.options.mayStart(connection.config))) {
      // Reported as the server's status, so the view says why nothing runs.
      await connection.stop();
      connection.status = { state: 'failed', reason: 'not allowed to run in this workspace' };
      this.emit(name);
      return connection.status;
    }
    await connection.start();
    return connection.status;
  }

  async restart(name: string): Promise<McpServerStatus> {
    const entry = this.entries.get(name);
    if (!entry) return { state: 'failed', reason: `there is no MCP server named "${name}"` };
    await entry.connection.stop();
    return this.start(name);
  }

  async stop(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (entry) await entry.connection.stop();
  }

  /**
   * The tools of every enabled server, frozen, for the next turn. Servers not yet started are started now (in
   * parallel, each within its time limit); servers that failed or were stopped are listed with their status and
   * no tools. A server that announced a tool change is listed again here, and only here.
   * Stop (`signal`) ends the wait at once: servers still starting are stopped, and tried again on the next turn;
   * a question about a project server stays open, and its answer counts from then on.
   */
  async snapshotTools(signal?: AbortSignal): Promise<McpToolSnapshot> {
    const entries = [...this.entries.entries()].filter(([, entry]) => !entry.connection.config.disabled);
    const settled = Promise.all(
      entries.map(async ([name, entry]) => {
        if (!entry.attempted) await this.start(name);
        else if (entry.connection.status.state === 'starting') await entry.connection.start();
        else if (entry.connection.status.state === 'ready') await entry.connection.refreshTools();
      }),
    );
    await (signal ? untilAborted(settled, signal) : settled);
    // Not awaited: the turn ends now; each start that was cut short closes what it had opened by itself.
    if (signal?.aborted) void this.stopStarting(entries.map(([, entry]) => entry));
    return {
      servers: entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, { connection }]) => ({
          server: name,
          source: connection.config.source,
          status: connection.status,
          // A copy of the list: a refresh replaces the tools, never changes them, so a snapshot handed out stays as
          // it was. (No deep copy: structuredClone overflows the stack on a hostile 10k-deep schema.)
          tools: connection.status.state === 'ready' ? connection.tools.slice() : [],
        })),
    };
  }

  /**
   * For the `/` and `@` lists: starts the enabled servers never tried yet that `wanted` picks, waits for those
   * starting, and lists again the prompts and resources of ready servers that announced a change.
   */
  async startUntried(wanted: (config: McpServerConfig) => boolean): Promise<void> {
    await Promise.all(
      [...this.entries.entries()].map(async ([name, entry]) => {
        if (entry.connection.config.disabled || !wanted(entry.connection.config)) return;
        if (!entry.attempted) await this.start(name);
        else if (entry.connection.status.state === 'starting') await entry.connection.start();
        else if (entry.connection.status.state === 'ready') await entry.connection.refreshPromptsAndResources();
      }),
    );
  }

  private async stopStarting(entries: Entry[]): Promise<void> {
    await Promise.all(
      entries
        .filter((entry) => entry.connection.status.state === 'starting')
        .map(async (entry) => {
          entry.attempted = false;
          await entry.connection.stop();
        }),
    );
  }

  callTool(server: string, tool: string, args: Record<string, unknown>, options: McpCallOptions): Promise<McpCallOutcome> {
    const entry = this.entries.get(server);
    if (!entry) return Promise.resolve({ kind: 'failed', message: `there is no MCP server named "${server}" any more` });
    return entry.connection.callTool(tool, args, options);
  }

  /** Prompts for `/` commands: every ready server's, with the server's name. */
  prompts(): { server: string; prompt: McpPrompt }[] {
    return this.readyEntries().flatMap(([server, { connection }]) => connection.prompts.map((prompt) => ({ server, prompt })));
  }

  /** Resources and resource templates for `@` mentions. */
  resources(): { server: string; resources: McpResource[]; templates: McpResourceTemplate[] }[] {
    return this.readyEntries().map(([server, { connection }]) => ({ server, resources: [...connection.resources], templates: [...connection.resourceTemplates] }));
  }

  getPrompt(server: string, name: string, args: Record<string, string> = {}, signal?: AbortSignal): Promise<McpRequestOutcome<{ description?: string; messages: McpPromptMessage[] }>> {
    const entry = this.entries.get(server);
    if (!entry) return Promise.resolve({ ok: false, reason: `there is no MCP server named "${server}"` });
    return entry.connection.getPrompt(name, args, signal);
  }

  readResource(server: string, uri: string, signal?: AbortSignal): Promise<McpRequestOutcome<McpResourceContents[]>> {
    const entry = this.entries.get(server);
    if (!entry) return Promise.resolve({ ok: false, reason: `there is no MCP server named "${server}"` });
    return entry.connection.readResource(uri, signal);
  }

  /** Stops every server, politely first; anything still running after that is killed. Safe to call twice. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const connections = [...this.entries.values()].map((entry) => entry.connection);
    this.entries.clear();
    await Promise.all(connections.map((connection) => connection.stop()));
    for (const connection of connections) connection.killNow();
  }

  private readyEntries(): [string, Entry][] {
    return [...this.entries.entries()].filter(([, entry]) => entry.connection.status.state === 'ready').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private createConnection(config: McpServerConfig): ServerConnection {
    const name = config.name;
    return new ServerConnection(config, {
      references: this.options.references,
      startupTimeoutMs: this.options.startupTimeoutMs ?? 30_000,
      callTimeoutMs: this.options.callTimeoutMs ?? 120_000,
      maxCallMs: this.options.maxCallMs ?? 600_000,
      ...(this.options.defaultCwd !== undefined ? { defaultCwd: this.options.defaultCwd } : {}),
      clientInfo: this.options.clientInfo ?? { name: 'kimi-assistant', version: '0.1.0' },
      onLog: (line) => this.options.onLog?.(name, line),
      onStatus: () => {
        // A connection replaced meanwhile (setServers) no longer speaks for the name.
        if (this.entries.get(name)?.connection.config === config) this.emit(name);
      },
    });
  }

  private emit(name: string): void {
    const info = this.info(name);
    if (info) this.options.onStatusChange?.(info);
  }
}

/** Resolves when the work is done or the signal fires, whichever is first; never rejects. */
function untilAborted(work: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    work.then(done, done);
  });
}

function sameServer(a: McpServerConfig, b: McpServerConfig): boolean {
  return approvalKey(a) === approvalKey(b) && a.source === b.source && a.disabled === b.disabled && a.alwaysAllow.join('\u0000') === b.alwaysAllow.join('\u0000');
}
