// Starts code-server (a full VS Code 1.139 served to a browser) on 127.0.0.1 with a throw-away profile,
// and installs VSIX files into an extensions folder. Recipe and pitfalls: docs/real-vscode.md.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';
import { spawnTracked, type TrackedProcess } from './processes';
import { codeServerFlags, type VsCodeTestTools } from './setup.mjs';
import { HarnessTimeoutError, pollUntil } from './waits';

export interface CodeServerOptions {
  /** Names the log file and messages. */
  label: string;
  /** A temp folder owned by this server: profile, extensions, config and logs go inside. */
  workDir: string;
  /** Written to the profile's User/settings.json before start. */
  userSettings: Record<string, unknown>;
  /** Added to the server's environment, which the extension host inherits. */
  env?: Record<string, string>;
  /** Lets the workbench honour the URL's `payload` (extension development and tests paths). */
  smokeTestDriver?: boolean;
  /** Defaults to a fresh folder under workDir. */
  extensionsDir?: string;
  /** Defaults to a free port. */
  port?: number;
  /** Also print the server's output to this process's stdout. */
  echoLogs?: boolean;
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The server's own stdout and stderr. */
  readonly logPath: string;
  readonly process: TrackedProcess;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the browser workbench names a file on the server. */
  remoteUri(absolutePath: string): string;
  /** The workbench URL for a folder, with optional development options (`payload`). */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** Copies server and extension-host logs into `targetDir` (for failed runs). */
  copyLogsTo(targetDir: string): void;
  stop(): Promise<void>;
}

/** Real keys must never reach a test host (tests decide which key, if any, it sees). */
const API_KEY_VARIABLES = new Set(['AIMLAPI_API_KEY', 'MOONSHOT_API_KEY', 'KIMI_API_KEY']);

/** Drops the variables of an editor this script may itself run inside (they would confuse code-server) and real keys. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE' && !API_KEY_VARIABLES.has(name),
    ),
  );
}

function isolatedEnvironment(tools: VsCodeTestTools, workDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...inheritedEnvironment(),
    PATH: `${tools.node24BinDir}:${process.env.PATH ?? ''}`,
    // Keeps code-server and the extension host from writing into the real home folder.
    XDG_CONFIG_HOME: join(workDir, 'xdg-config'),
    XDG_DATA_HOME: join(workDir, 'xdg-data'),
    XDG_CACHE_HOME: join(workDir, 'xdg-cache'),
    ...extra,
  };
}

export async function startCodeServer(tools: VsCodeTestTools, options: CodeServerOptions): Promise<CodeServer> {
  const { workDir, label } = options;
  const userDataDir = join(workDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(workDir, 'extensions');
  const configPath = join(workDir, 'config.yaml');
  const logPath = join(workDir, `${label}.code-server.log`);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  // Without --config code-server writes ~/.config/code-server/config.yaml.
  writeFileSync(configPath, 'auth: none\ncert: false\n');
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    tools.codeServerEntry,
    ...codeServerFlags(port),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configPath,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const serverProcess = spawnTracked(`code-server (${label})`, tools.node24Bin, args, {
    logPath,
    echo: options.echoLogs,
    env: isolatedEnvironment(tools, workDir, options.env ?? {}),
    cwd: workDir,
  });
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const healthy = pollUntil(
    async () => {
      try {
        const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        return response.ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    startTimeoutMs,
    `code-server (${label}) did not answer /healthz on ${origin}`,
  );
  const exitedEarly = serverProcess.exited.then((code) => {
    throw new HarnessTimeoutError(`code-server (${label}) exited with ${code} before it was ready; see ${logPath}`);
  });
  try {
    await Promise.race([healthy, exitedEarly]);
  } catch (error) {
    await serverProcess.stop();
    throw error;
  }
  exitedEarly.catch(() => undefined);

  const remoteUri = (absolutePath: string) => `vscode-remote://127.0.0.1:${port}${absolutePath}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    logPath,
    process: serverProcess,
    remoteUri,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    copyLogsTo(targetDir) {
      mkdirSync(targetDir, { recursive: true });
      if (existsSync(logPath)) cpSync(logPath, join(targetDir, `${label}.code-server.log`));
      const hostLogs = join(userDataDir, 'logs');
      if (existsSync(hostLogs)) cpSync(hostLogs, join(targetDir, `${label}.vscode-logs`), { recursive: true });
    },
    stop: () => serverProcess.stop(),
  };
}

/** Installs a VSIX the way a user would (`code-server --install-extension`), into `extensionsDir`. */
export function installExtension(tools: VsCodeTestTools, vsixPath: string, extensionsDir: string, workDir: string): void {
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(workDir, 'install-config.yaml'), 'auth: none\n');
  const result = spawnSync(
    tools.node24Bin,
    [
      tools.codeServerEntry,
      '--user-data-dir', join(workDir, 'install-user-data'),
      '--extensions-dir', extensionsDir,
      '--config', join(workDir, 'install-config.yaml'),
      '--install-extension', vsixPath,
      '--force',
    ],
    { encoding: 'utf8', env: isolatedEnvironment(tools, workDir, {}), timeout: 90_000, killSignal: 'SIGKILL' },
  );
  if (result.error) throw new Error(`installing ${vsixPath} did not finish within 90 s: ${result.error.message}`);
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}
