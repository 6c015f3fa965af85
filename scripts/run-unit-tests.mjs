// Runs the plain-Node test layer: every test/unit/**/*.test.ts through node's test runner (TypeScript via tsx).
// Arguments narrow the run to files whose path contains one of them: `npm run test:unit -- llm edits`.
// `--dot` prints one character per test (and the failures at the end) instead of the spec report. The counts
// come from a per-file census (test/harness/file-census.mjs, in a temporary file of this run's own, since other
// runs may share the checkout): a file that declares no test, or a run with no test at all, fails. Ends with
// `unit: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { finishNodeTestLayer } from '../test/harness/file-census.mjs';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = findTests('test/unit')
  .map((file) => relative('.', file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('No unit test files matched.');
  console.log('unit: crashed: no unit test file matched');
  process.exit(1);
}

const censusDir = mkdtempSync(join(tmpdir(), 'kimi-unit-census-'));
const censusFile = join(censusDir, 'census.json');
const screen = process.argv.includes('--dot') ? 'dot' : 'spec';
const reporters = [
  `--test-reporter=${screen}`, '--test-reporter-destination=stdout',
  '--test-reporter=./test/harness/file-census.mjs', `--test-reporter-destination=${censusFile}`,
];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporters, '--test-concurrency=2', ...files], { stdio: 'inherit' });
const exitCode = finishNodeTestLayer('unit', censusFile, files, result.status ?? result.signal);
rmSync(censusDir, { recursive: true, force: true });
process.exit(exitCode);
