// Runs the real Kimi language server bundle (built from src/server like esbuild.mjs builds it) as a child
// process over stdio, driven by vscode-languageserver-protocol's client connection: the library VS Code's own
// language client uses. Records what the server sends the editor (messages, progress, edits).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { dropZodLocales } from '../../scripts/esbuildPlugins.mjs';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createMessageConnection,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type InitializeResult,
  type MessageConnection,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './setup.mjs';


const bundles = new Map<boolean, Promise<string>>();

/**
 * Builds server.js as esbuild.mjs does (minified as shipped, for the bench) once per process, into a temporary
 * folder (never the checkout's dist/, which other runs may share).
 */
export function buildServerBundle(options: { minify?: boolean } = {}): Promise<string> {
  const minify = options.minify ?? false;
  let bundle = bundles.get(minify);
  bundle ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kimi-server-'));
    await esbuild.build({
      absWorkingDir: repoRoot,
      entryPoints: { server: 'src/server/main.ts' },
      bundle: true,
      outdir,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
      minify,
      legalComments: 'none',
      define: { KIMI_SERVER_VERSION: '"test"' },
      plugins: [dropZodLocales],
    });
    return join(outdir, 'server.js');
  })();
  bundles.set(minify, bundle);
  return bundle;
}

export interface ServerSessionOptions {
  /** What the client answers to workspace/configuration for `kimiAssistant`. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  rootPath?: string;
  /** Run the minified bundle, as shipped. */
  minify?: boolean;
  /** Node options before the script, as the VS Code client passes them. */
  nodeArgs?: string[];
}

export interface ServerSession {
  connection: MessageConnection;
  child: ChildProcess;
  initializeResult: InitializeResult;
  /** window/showMessage, in order. */
  messages: ShowMessageParams[];
  logs: string[];
  progress: unknown[];
  edits: ApplyWorkspaceEditParams[];
  /** Custom notifications by method. */
  notifications: { method: string; params: unknown }[];
  settings: Record<string, unknown>;
  /** Milliseconds from spawn to the initialize result. */
  startMs: number;
  close(): Promise<void>;
}

const capabilities: ClientCapabilities = {
  workspace: { configuration: true, applyEdit: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: { synchronization: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } } },
};

export async function startServerSession(options: ServerSessionOptions = {}): Promise<ServerSession> {
  const script = await buildServerBundle({ minify: options.minify });
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, ...options.env },
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: Omit<ServerSession, 'initializeResult' | 'startMs'> = {
    connection, child, messages: [], logs: [], progress: [], edits: [], notifications: [],
    settings: options.settings ?? {},
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // A server that never answers `shutdown` (a test failed mid-request) is killed after 2 s: waiting on it
        // kept the whole test file, and so the unit layer, from ending.
        const polite = (async () => {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
        })().catch(() => child.kill('SIGKILL'));
        await Promise.race([Promise.all([polite, exited]), new Promise((resolve) => setTimeout(resolve, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      connection.dispose();
    },
  };
  child.stderr!.on('data', (chunk: Buffer) => session.logs.push(chunk.toString()));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => session.settings));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.onRequest(RegistrationRequest.type, () => undefined);
  // Recorded too, so a message sent as a request (that would wait for a button) is seen and fails the count tests.
  connection.onRequest(ShowMessageRequest.type, (params) => {
    session.messages.push(params);
    return null;
  });
  connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    session.edits.push(params);
    return { applied: true };
  });
  connection.onNotification(ShowMessageNotification.type, (params) => {
    session.messages.push(params);
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    session.logs.push(params.message);
  });
  connection.onUnhandledProgress((params) => {
    session.progress.push(params.value);
  });
  connection.onNotification((method, params) => {
    session.notifications.push({ method, params });
  });
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.rootPath ? `file://${options.rootPath}` : null,
    workspaceFolders: options.rootPath ? [{ uri: `file://${options.rootPath}`, name: 'root' }] : null,
    capabilities,
    initializationOptions: options.initializationOptions ?? {},
  });
  const startMs = performance.now() - started;
  await connection.sendNotification(InitializedNotification.type, {});
  return { ...session, initializeResult, startMs };
}
