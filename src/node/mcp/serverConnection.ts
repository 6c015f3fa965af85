// One MCP server: started on demand within a time limit, over stdio or streamable HTTP (with the legacy SSE
// transport as fallback), its tools, prompts and resources listed once it is up. Every failure becomes a status
// with a reason a user can act on; nothing it does throws into the caller.
import { resolve as resolvePath } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  ErrorCode,
  LoggingMessageNotificationSchema,
  McpError,
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { resolveServer, type McpServerConfig, type ResolvedLaunch } from '../../common/mcp/config';
import type { ReferenceContext } from '../../common/mcp/references';
import type { McpCallOptions, McpCallOutcome, McpCallResult, McpPrompt, McpPromptMessage, McpRequestOutcome, McpResource, McpResourceContents, McpResourceTemplate, McpServerStatus, McpTool } from '../../common/mcp/types';
import { redactSecrets } from '../../common/redact';
import { listPromptsAndResources, listTools } from './listing';
import { ProcessGroupStdioTransport } from './stdioTransport';

export interface ConnectionOptions {
  references: ReferenceContext;
  startupTimeoutMs: number;
  /** Per call, restarted by each progress notification. */
  callTimeoutMs: number;
  /** A call gives up after this long whatever its progress. */
  maxCallMs: number;
  /** The working folder of stdio servers without `cwd` (and what a relative `cwd` is relative to). */
  defaultCwd?: string;
  clientInfo: { name: string; version: string };
  onLog(line: string): void;
  onStatus(status: McpServerStatus): void;
}

interface Opened {
  client: Client;
  transport: Transport;
  close(): Promise<void>;
  killNow(): void;
}

/** A start-up failure whose reason is already written for the user. */
class StartFailure extends Error {}

const STDERR_TAIL = 20;

export class ServerConnection {
  status: McpServerStatus = { state: 'stopped' };
  tools: McpTool[] = [];
  prompts: McpPrompt[] = [];
  resources: McpResource[] = [];
  resourceTemplates: McpResourceTemplate[] = [];
  /** The server said its tool list changed; the next snapshot lists it again. */
  toolsChanged = false;
  /** The same for prompts and resources; the next `/` or `@` list reads them again (refreshPromptsAndResources). */
  private listsChanged = false;

  private opened?: Opened;
  private starting?: Promise<void>;
  /** Bumped by every start and stop, so a start that was overtaken closes what it opened. */
  private generation = 0;
  private secrets: string[] = [];
  /** The process being started, before it answered (its pid is already worth showing). */
  private launching?: ProcessGroupStdioTransport;
  private launchingGeneration = 0;
  /** Aborts a start in progress: Stop must not wait for a hung server's time limit. */
  private startAbort?: AbortController;
  private readonly stderrTail: string[] = [];

  constructor(
    readonly config: McpServerConfig,
    private readonly options: ConnectionOptions,
  ) {}

  /** The process id of a running stdio server (the servers view shows it; tests check it is gone). */
  get pid(): number | undefined {
    const transport = this.opened?.transport ?? this.launching;
    return transport instanceof ProcessGroupStdioTransport ? transport.pid : undefined;
  }

  /** Starts the server unless it is up or starting; resolves once it is ready or has failed, never rejects. */
  start(): Promise<void> {
    if (this.status.state === 'ready') return Promise.resolve();
    if (this.starting) return this.starting;
    const generation = ++this.generation;
    const starting = this.connect(generation).finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
    this.starting = starting;
    return starting;
  }

  async stop(): Promise<void> {
    this.generation++;
    this.startAbort?.abort(new StartFailure('stopped'));
    const starting = this.starting;
    this.starting = undefined;
    const opened = this.opened;
    this.opened = undefined;
    this.setStatus({ state: 'stopped' });
    await opened?.close();
    // A start that was under way closes what it opened once its abort lands; wait for that, but not for a user
    // who has yet to answer an ${input:...} question.
    if (starting) await Promise.race([starting, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** For dispose on the way out: kills the process tree at once. */
  killNow(): void {
    this.generation++;
    this.startAbort?.abort(new StartFailure('stopped'));
    this.launching?.killNow();
    this.opened?.killNow();
    this.opened = undefined;
  }

  async callTool(tool: string, args: Record<string, unknown>, options: McpCallOptions): Promise<McpCallOutcome> {
    const opened = this.opened;
    if (!opened || this.status.state !== 'ready') return { kind: 'failed', message: `the MCP server "${this.config.name}" is not running${this.statusSuffix()}` };
    if (options.signal.aborted) return { kind: 'cancelled' };
    try {
      const result = await opened.client.callTool({ name: tool, arguments: args }, CallToolResultSchema, {
        // Stop cancels the call: the SDK sends notifications/cancelled and the server stops working on it.
        signal: options.signal,
        timeout: this.options.callTimeoutMs,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: this.options.maxCallMs,
        // Asking for progress also lets a long call keep its time limit alive.
        onprogress: (progress) => options.onProgress?.({ progress: progress.progress, ...(progress.total !== undefined ? { total: progress.total } : {}), ...(progress.message !== undefined ? { message: progress.message } : {}) }),
      });
      return { kind: 'result', result: result as unknown as McpCallResult };
    } catch (error) {
      if (options.signal.aborted) return { kind: 'cancelled' };
      return { kind: 'failed', message: this.describeRequestError(error, opened.transport, this.options.callTimeoutMs) };
    }
  }

  async getPrompt(name: string, args: Record<string, string>, signal?: AbortSignal): Promise<McpRequestOutcome<{ description?: string; messages: McpPromptMessage[] }>> {
    return this.request(async (client) => {
      const result = await client.getPrompt({ name, arguments: args }, { timeout: this.options.callTimeoutMs, ...(signal ? { signal } : {}) });
      return { ...(result.description !== undefined ? { description: result.description } : {}), messages: result.messages as unknown as McpPromptMessage[] };
    });
  }

  async readResource(uri: string, signal?: AbortSignal): Promise<McpRequestOutcome<McpResourceContents[]>> {
    return this.request(async (client) => {
      const result = await client.readResource({ uri }, { timeout: this.options.callTimeoutMs, ...(signal ? { signal } : {}) });
      return result.contents as McpResourceContents[];
    });
  }

  /** Lists the tools again after the server announced a change (between turns only: see snapshotTools). */
  async refreshTools(): Promise<void> {
    const opened = this.opened;
    if (!opened || !this.toolsChanged) return;
    this.toolsChanged = false;
    try {
      this.tools = await listTools(opened.client, AbortSignal.timeout(this.options.startupTimeoutMs), this.options.onLog);
      this.setStatus(this.status);
    } catch (error) {
      this.options.onLog(`listing the changed tools failed: ${this.describeRequestError(error)}`);
    }
  }

  /** Lists prompts and resources again after the server announced a change (any time: they never reach a request). */
  async refreshPromptsAndResources(): Promise<void> {
    const opened = this.opened;
    if (!opened || !this.listsChanged) return;
    this.listsChanged = false;
    const extras = await listPromptsAndResources(opened.client, AbortSignal.timeout(this.options.startupTimeoutMs), this.logListFailure).catch(() => undefined);
    if (this.opened !== opened || !extras) return;
    Object.assign(this, extras);
    this.setStatus(this.status);
  }

  private readonly logListFailure = (what: string, error: unknown): void => this.log(`listing ${what} failed: ${this.describeRequestError(error)}`);

  private async request<T>(run: (client: Client) => Promise<T>): Promise<McpRequestOutcome<T>> {
    const opened = this.opened;
    if (!opened || this.status.state !== 'ready') return { ok: false, reason: `the MCP server "${this.config.name}" is not running${this.statusSuffix()}` };
    try {
      return { ok: true, value: await run(opened.client) };
    } catch (error) {
      return { ok: false, reason: this.describeRequestError(error, opened.transport) };
    }
  }

  private async connect(generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    this.setStatus({ state: 'starting' });
    this.stderrTail.length = 0;
    // References are resolved before the clock starts: an ${input:...} may wait for the user to type it.
    const resolved = await resolveServer(this.config, this.options.references);
    if (stale()) return;
    if (!resolved.ok) return this.fail(resolved.reason);
    this.secrets = resolved.secrets;
    const controller = new AbortController();
    this.startAbort = controller;
    const seconds = Math.round(this.options.startupTimeoutMs / 100) / 10;
    const timer = setTimeout(() => controller.abort(new StartFailure(`did not answer within ${seconds} s`)), this.options.startupTimeoutMs);
    let opened: Opened | undefined;
    try {
      opened = await this.open(resolved.launch, controller.signal, generation);
      const { client } = opened;
      const capabilities = client.getServerCapabilities() ?? {};
      const tools = capabilities.tools ? await listTools(client, controller.signal, this.log) : [];
      const extras = await listPromptsAndResources(client, controller.signal, this.logListFailure);
      if (stale()) {
        await opened.close();
        return;
      }
      Object.assign(this, { tools, ...extras, toolsChanged: false, listsChanged: false });
      this.opened = opened;
      const current = opened;
      client.onclose = () => {
        if (this.opened !== current) return;
        this.opened = undefined;
        this.fail(`stopped unexpectedly${this.exitDetail(current.transport)}`);
        // Whatever the crashed server had started in its process group goes with it.
        void current.close();
      };
      this.setStatus({ state: 'ready' });
    } catch (error) {
      await opened?.close();
      if (stale()) return;
      const reason = controller.signal.aborted && controller.signal.reason instanceof StartFailure ? controller.signal.reason.message : error instanceof StartFailure ? error.message : this.describeRequestError(error);
      this.fail(reason);
    } finally {
      clearTimeout(timer);
      if (this.startAbort === controller) this.startAbort = undefined;
      if (this.launchingGeneration === generation) this.launching = undefined;
    }
  }

  private async open(launch: ResolvedLaunch, signal: AbortSignal, generation: number): Promise<Opened> {
    if (launch.transport === 'stdio') {
      const transport = new ProcessGroupStdioTransport(
        {
          command: launch.command,
          args: launch.args,
          // Only the SDK's short list of safe variables (PATH, HOME, ...) plus the configured ones: the host's
          // environment, with its API keys, is not handed to every server.
          env: { ...getDefaultEnvironment(), ...launch.env },
          ...(launch.cwd !== undefined || this.options.defaultCwd !== undefined
            ? { cwd: launch.cwd !== undefined && this.options.defaultCwd !== undefined ? resolvePath(this.options.defaultCwd, launch.cwd) : (launch.cwd ?? this.options.defaultCwd) }
            : {}),
        },
        (line) => this.onStderr(line),
      );
      this.launching = transport;
      this.launchingGeneration = generation;
      try {
        return await this.connectClient(transport, signal, () => transport.killNow());
      } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') throw new StartFailure(`could not start "${launch.command}": it was not found (is it installed and on the PATH?)`);
        if (transport.exit && !signal.aborted) throw new StartFailure(`exited during start-up${this.exitDetail(transport)}`);
        throw error;
      }
    }
    const url = new URL(launch.url);
    const requestInit = { headers: launch.headers };
    if (launch.transport === 'sse') return this.connectClient(new SSEClientTransport(url, { requestInit }), signal);
    try {
      return await this.connectClient(new StreamableHTTPClientTransport(url, { requestInit }), signal);
    } catch (error) {
      // The spec's backwards-compatibility rule: a 4xx to the streamable POST means an older, SSE-only server.
      const status = error instanceof StreamableHTTPError ? error.code : undefined;
      if (signal.aborted || status === undefined || status < 400 || status >= 500 || status === 401 || status === 403) throw error;
      this.log(`streamable HTTP answered ${status}; trying the legacy SSE transport`);
      return this.connectClient(new SSEClientTransport(url, { requestInit }), signal);
    }
  }

  private async connectClient(transport: Transport, signal: AbortSignal, killNow?: () => void): Promise<Opened> {
    const client = new Client(this.options.clientInfo, { capabilities: {} });
    client.onerror = (error) => this.log(`protocol: ${error.message}`);
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      const data = notification.params.data;
      this.log(`[${notification.params.level}] ${typeof data === 'string' ? data : JSON.stringify(data)}`);
    });
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      this.toolsChanged = true;
    });
    client.setNotificationHandler(PromptListChangedNotificationSchema, () => void (this.listsChanged = true));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => void (this.listsChanged = true));
    const close = async () => {
      try {
        await client.close();
      } catch {
        // Closing is best effort; the stdio transport kills the group whatever happens.
      }
      await transport.close().catch(() => undefined);
    };
    try {
      await client.connect(transport, { signal, timeout: this.options.startupTimeoutMs });
    } catch (error) {
      await close();
      throw error;
    }
    return { client, transport, close, killNow: killNow ?? (() => void close()) };
  }

  private readonly log = (line: string): void => {
    this.options.onLog(redactSecrets(line, this.secrets));
  };

  private onStderr(line: string): void {
    const clean = redactSecrets(line, this.secrets);
    this.stderrTail.push(clean);
    if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
    this.options.onLog(clean);
  }

  /** ": exit code 1: <the last lines it wrote to stderr>", for a status reason. */
  private exitDetail(transport: Transport | undefined): string {
    const exit = transport instanceof ProcessGroupStdioTransport ? transport.exit : undefined;
    const how = exit ? (exit.signal ? ` (killed by ${exit.signal})` : ` with exit code ${exit.code}`) : '';
    const said = this.stderrTail.slice(-3).join(' | ');
    return `${how}${said ? `: ${said.length > 400 ? `${said.slice(0, 399)}…` : said}` : ''}`;
  }

  private describeRequestError(error: unknown, transport?: Transport, timeoutMs?: number): string {
    if (error instanceof StartFailure) return error.message;
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return `timed out: the server did not answer${timeoutMs !== undefined ? ` within ${Math.round(timeoutMs / 100) / 10} s` : ' in time'}`;
    }
    if (error instanceof McpError) {
      if (/connection closed/i.test(error.message)) return `the server closed the connection${transport ? this.exitDetail(transport) : ''}`;
      const message = error.message.replace(/^MCP error -?\d+: /, '');
      if (isSchemaDump(message)) return `the server's answer does not follow the MCP protocol (${firstIssue(message)})`;
      return redactSecrets(message, this.secrets);
    }
    if (error instanceof StreamableHTTPError) return `the server answered ${error.code ?? 'an error'}: ${redactSecrets(error.message, this.secrets)}`;
    const message = error instanceof Error ? error.message : String(error);
    // A result that does not follow the protocol fails the SDK's schema check with a long zod dump.
    if (isSchemaDump(message)) return `the server's answer does not follow the MCP protocol (${firstIssue(message)})`;
    return redactSecrets(message, this.secrets);
  }

  private statusSuffix(): string {
    return this.status.state === 'failed' ? ` (${this.status.reason})` : this.status.state === 'starting' ? ' yet (it is starting)' : '';
  }

  private fail(reason: string): void {
    this.tools = [];
    this.prompts = [];
    this.resources = [];
    this.resourceTemplates = [];
    this.setStatus({ state: 'failed', reason: redactSecrets(reason, this.secrets) });
  }

  private setStatus(status: McpServerStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}

function isSchemaDump(message: string): boolean {
  return /"code":\s*"(invalid_[a-z_]+|unrecognized_keys|custom|too_small|too_big)"/.test(message);
}

/** "content: Invalid input: expected array, received string" from a zod issue list (possibly after a prefix). */
function firstIssue(message: string): string {
  try {
    const issues = JSON.parse(message.slice(message.indexOf('['))) as { path?: unknown[]; message?: string }[];
    const issue = issues[0];
    if (issue) return `${(issue.path ?? []).join('.') || 'result'}: ${issue.message ?? 'invalid'}`;
  } catch {
    // Not a JSON list of issues.
  }
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
