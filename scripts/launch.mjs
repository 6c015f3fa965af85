// `npm run launch`: try the extension in a real VS Code. Builds and packages the VSIX; with the `code`
// command on PATH it installs the VSIX there and opens this folder, otherwise it starts code-server on
// 127.0.0.1 (8080, or a free port) with the extension installed and runs until Ctrl-C. No API key needed
// to start: the extension asks for one when it is first used.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerFlags, ensureVsCodeTestTools, repoRoot } from '../test/harness/setup.mjs';

const vsixPath = join(repoRoot, 'dist', 'kimi-assistant.vsix');
// Kept between launches, so a key set with "Kimi: Set API Key" and the chat history survive a restart.
const launchDir = join(repoRoot, '.cache', 'launch');
const PREFERRED_PORT = 8080;

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

/** The desktop `code` command (not code-server's remote CLI, which only works inside a code-server terminal). */
function desktopCodeAvailable() {
  if (process.env.VSCODE_IPC_HOOK_CLI) return false;
  const probe = spawnSync('code', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0 && /^\d+\.\d+\.\d+/.test(probe.stdout);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function launchInDesktopCode() {
  run('code', ['--install-extension', vsixPath, '--force']);
  run('code', [process.cwd()]);
  console.log('Opened VS Code with Kimi Assistant installed. Open the Kimi view in the activity bar to start.');
}

/** Polls until the server answers HTTP (true), or it exits or a minute passes (false, with the reason printed). */
async function waitUntilAnswering(url, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (!gone && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(gone ? 'code-server exited before it answered.' : `code-server did not answer at ${url} within a minute.`);
  return false;
}

async function launchInCodeServer() {
  const tools = ensureVsCodeTestTools();
  const userDataDir = join(launchDir, 'user-data');
  const extensionsDir = join(launchDir, 'extensions');
  const configPath = join(launchDir, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settingsPath = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsPath)) {
    // The built-in chat would otherwise take the secondary side bar next to ours.
    writeFileSync(settingsPath, JSON.stringify({ 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true }, null, 2));
  }
  writeFileSync(configPath, 'auth: none\ncert: false\n');
  const serverArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configPath];
  run(tools.node24Bin, [tools.codeServerEntry, ...serverArgs, '--install-extension', vsixPath, '--force']);

  const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await anyFreePort();
  const server = spawn(
    tools.node24Bin,
    [
      tools.codeServerEntry,
      ...serverArgs,
      ...codeServerFlags(port),
    ],
    { cwd: process.cwd(), detached: true, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH: `${tools.node24BinDir}:${process.env.PATH ?? ''}` } },
  );
  const stop = (signal) => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already stopped.
    }
    console.log(`\n${signal}: code-server stopped`);
  };
  process.once('SIGINT', () => stop('Ctrl-C'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const exited = new Promise((resolve) => server.once('exit', (exitCode) => resolve(exitCode ?? 0)));
  // The URL is printed once code-server answers: a click before that would only meet a connection error.
  const answering = await waitUntilAnswering(`http://127.0.0.1:${port}/healthz`, exited);
  if (!answering) process.exit(await exited);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(process.cwd())}`;
  console.log(`\nKimi Assistant is running in code-server: ${url}\nOpen it in a browser; press Ctrl-C here to stop.\n`);
  const code = await exited;
  process.exit(code);
}

try {
  run('npm', ['run', 'package']);
  if (desktopCodeAvailable()) launchInDesktopCode();
  else await launchInCodeServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
