// `npm run test:e2e`: packages the VSIX, installs it into a throw-away extensions folder the way a user
// would, then runs test/e2e/*.test.ts (node:test; each file drives code-server in Chromium, light and dark
// themes). Ends with `e2e: N passed, N failed, N skipped` (or a crash line) and the matching exit code; as in the
// unit layer, a file that declares no test or a run with no test fails (test/harness/file-census.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { artifactDir, testResultsDir } from '../test/harness/artifacts';
import { installExtension } from '../test/harness/code-server';
import { E2E_EXTENSIONS_DIR_VARIABLE } from '../test/harness/e2e-session';
import { finishNodeTestLayer } from '../test/harness/file-census.mjs';
import { logStep, printCrashLine, runInRepo, timed } from '../test/harness/layer-report';
import { endGroupsListedIn, onCleanup, PID_FILE_VARIABLE, runThenCleanUp } from '../test/harness/processes';
import { ensureVsCodeTestTools, repoRoot } from '../test/harness/setup.mjs';

const LAYER = 'e2e';
/**
 * 13 workbench sessions take 6 to 8.5 minutes on a 2-core machine (most of each is code-server starting and
 * the extension activating); the ceiling leaves room for a loaded machine and stays inside the 15 minutes
 * that scripts/test-all.mjs gives this layer.
 */
const TESTS_TIMEOUT_MS = 12 * 60_000;
const VSIX_PATH = join(repoRoot, 'dist', 'kimi-assistant.vsix');
/** A VSIX this large has swallowed node_modules or .cache: a missing .vscodeignore, not an extension. */
const MAX_VSIX_BYTES = 20 * 1024 * 1024;

/** Arguments narrow the run to files whose name contains one of them: `npm run test:e2e -- chat`. */
function e2eTestFiles(filters: string[]): string[] {
  const dir = join(repoRoot, 'test', 'e2e');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    // A filter is part of a file name, or a path to the file (test/e2e/review.test.ts).
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(basename(filter))))
    .sort()
    .map((name) => relative(repoRoot, join(dir, name)));
}

/** Runs the test files with node:test in a child process group, its output streamed; resolves with its exit code. */
function runTestFiles(files: string[], censusFile: string, env: NodeJS.ProcessEnv): Promise<number | string> {
  return new Promise((resolve) => {
    const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./test/harness/file-census.mjs', `--test-reporter-destination=${censusFile}`];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', ...reporters, '--test-concurrency=1', `--test-timeout=${5 * 60_000}`, ...files],
      { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stdout);
    const closed = new Promise<void>((resolveClosed) => child.once('close', () => resolveClosed()));
    // The test processes stop their own servers on SIGTERM; give them a moment to do so.
    const endChild = async () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([closed, new Promise((resolveLater) => setTimeout(resolveLater, 10_000))]);
    };
    const unregister = onCleanup('e2e test process', endChild);
    const timer = setTimeout(() => {
      console.error(`[${LAYER}] the end-to-end tests did not finish within ${TESTS_TIMEOUT_MS / 60_000} min; stopping them`);
      void endChild();
    }, TESTS_TIMEOUT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      unregister();
      resolve(code ?? signal ?? 'unknown');
    });
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  artifactDir(LAYER);
  const tools = await timed(LAYER, 'setting up code-server and Chromium', () => ensureVsCodeTestTools());
  await timed(LAYER, 'packaging the VSIX (npm run package)', () => runInRepo('npm', ['run', 'package']));
  if (!existsSync(VSIX_PATH)) throw new Error(`npm run package did not produce ${VSIX_PATH}`);
  const vsixBytes = statSync(VSIX_PATH).size;
  if (vsixBytes > MAX_VSIX_BYTES) throw new Error(`${VSIX_PATH} is ${(vsixBytes / 1e6).toFixed(0)} MB: check .vscodeignore`);

  const workDir = mkdtempSync(join(tmpdir(), 'kimi-e2e-install-'));
  onCleanup(`temp folder ${workDir}`, () => rmSync(workDir, { recursive: true, force: true }));
  const extensionsDir = join(workDir, 'extensions');
  await timed(LAYER, 'installing the VSIX with code-server --install-extension', () =>
    installExtension(tools, VSIX_PATH, extensionsDir, workDir));

  const pidFile = join(workDir, 'child-process-groups.txt');
  // Runs after the test process has been asked to stop (cleanups run newest first): ends whatever it left.
  onCleanup('process groups left by test files', () => endGroupsListedIn(pidFile).then(() => undefined));
  const files = e2eTestFiles(process.argv.slice(2).filter((arg) => !arg.startsWith('--')));
  if (files.length === 0) throw new Error('no test/e2e/*.test.ts file matched');
  const censusFile = join(workDir, 'census.json');
  const exitCode = await timed(LAYER, `running ${files.length} test file(s)`, () =>
    runTestFiles(files, censusFile, { ...process.env, [E2E_EXTENSIONS_DIR_VARIABLE]: extensionsDir, [PID_FILE_VARIABLE]: pidFile }));
  const leftovers = await endGroupsListedIn(pidFile);
  if (leftovers > 0) logStep(LAYER, `ended ${leftovers} process group(s) a test process left behind`);

  logStep(LAYER, `screenshots in ${relative(repoRoot, join(testResultsDir, LAYER))}/`);
  logStep(LAYER, `finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return finishNodeTestLayer(LAYER, censusFile, files, exitCode);
}

runThenCleanUp(main, (reason) => {
  console.error(`[${LAYER}] ${reason}`);
  printCrashLine(LAYER, reason);
});
