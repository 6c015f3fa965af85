// What the MCP tests share: configurations for the real servers installed from npm (everything, filesystem)
// and the fixtures of test/fixtures/mcp, the everything server over HTTP on a loopback port the system picks,
// a manager that is always disposed, a way to tell whether a process still runs, and a small catalog of one
// server's tools for the tests of the adapters built on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { McpServerConfig, McpStdioServerConfig } from '../../../src/common/mcp/config';
import type { ReferenceContext } from '../../../src/common/mcp/references';
import { buildToolCatalog, type McpToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { McpServerManager, type McpServerManagerOptions } from '../../../src/node/mcp/serverManager';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
export const everythingEntry = join(packageDir('@modelcontextprotocol/server-everything'), 'dist', 'index.js');
export const filesystemEntry = join(packageDir('@modelcontextprotocol/server-filesystem'), 'dist', 'index.js');
const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'mcp');
export const hostileEntry = join(fixtures, 'hostileServer.mjs');
export const stubbornEntry = join(fixtures, 'stubbornServer.mjs');
const loopbackPreload = join(fixtures, 'loopbackOnly.mjs');

export function stdioServer(name: string, args: string[], extra: Partial<McpStdioServerConfig> = {}): McpStdioServerConfig {
  return { name, source: 'user', disabled: false, alwaysAllow: [], transport: 'stdio', command: process.execPath, args, env: {}, ...extra };
}

export const everythingStdio = (name = 'everything') => stdioServer(name, [everythingEntry, 'stdio']);

export function remoteServer(name: string, url: string, transport: 'http' | 'sse' = 'http'): McpServerConfig {
  return { name, source: 'user', disabled: false, alwaysAllow: [], transport, url, headers: {} };
}

/** A ready user server "gh" with a read-only tool (list_issues) and a destructive one (close_issue). */
export function githubCatalog(): McpToolCatalog {
  return buildToolCatalog({
    servers: [{
      server: 'gh',
      source: 'user',
      status: { state: 'ready' },
      tools: [
        { name: 'list_issues', inputSchema: { type: 'object', properties: { repo: { type: 'string' } } }, annotations: { readOnlyHint: true } },
        { name: 'close_issue', inputSchema: { type: 'object', properties: { id: { type: 'number' } } }, annotations: { destructiveHint: true } },
      ],
    }],
  });
}

export const noReferences: ReferenceContext = { env: {}, input: async () => undefined };

/** A manager with short limits; `disposeAll` (in `after`) ends every one a test made, whatever happened. */
const managers: McpServerManager[] = [];
export function newManager(options: Partial<McpServerManagerOptions> = {}): McpServerManager & { logs: string[] } {
  const logs: string[] = [];
  const manager = new McpServerManager({
    references: noReferences,
    startupTimeoutMs: 15_000,
    callTimeoutMs: 15_000,
    onLog: (server, line) => logs.push(`${server}: ${line}`),
    ...options,
  });
  managers.push(manager);
  return Object.assign(manager, { logs });
}

export async function disposeAll(): Promise<void> {
  await Promise.all(managers.splice(0).map((manager) => manager.dispose()));
  await Promise.all(httpServers.splice(0).map((server) => server.stop()));
}

export interface HttpServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const httpServers: HttpServer[] = [];

/** The everything server's own HTTP transport (`streamableHttp` on /mcp, `sse` on /sse), on 127.0.0.1. */
export function startEverythingHttp(transport: 'streamableHttp' | 'sse'): Promise<HttpServer> {
  const child = spawn(process.execPath, ['--import', loopbackPreload, everythingEntry, transport], {
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const server: HttpServer = { url: '', pid: child.pid ?? -1, stop: () => stopChild(child) };
  httpServers.push(server);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the everything HTTP server did not start within 15 s')), 15_000);
    let output = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match && !server.url) {
        clearTimeout(timer);
        server.url = `http://127.0.0.1:${match[1]}/${transport === 'sse' ? 'sse' : 'mcp'}`;
        resolve(server);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!server.url) reject(new Error(`the everything HTTP server exited with ${code}: ${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      resolve();
    }
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until `check` holds, polling; false when the time runs out. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
