// Runs the plain-Node test layer: every test/unit/**/*.test.ts through node's test runner (TypeScript via tsx).
// Arguments narrow the run to files whose path contains one of them: `npm run test:unit -- llm edits`.
// `--dot` prints one character per test; the full report then goes to test-results/unit.tap, and the counts
// are printed at the end in the spec reporter's words either way.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  process.exit(1);
}

const dot = process.argv.includes('--dot');
mkdirSync('test-results', { recursive: true });
const tapFile = 'test-results/unit.tap';
const reporters = dot
  ? ['--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`]
  : ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...reporters, '--test-concurrency=2', ...files], { stdio: 'inherit' });

if (dot) {
  // The dot reporter prints no totals: take them from the TAP report, and list what failed.
  const tap = readFileSync(tapFile, 'utf8');
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const failures = tap.split('\n').filter((line) => /^\s*not ok \d+/.test(line) && !/# (SKIP|TODO)/.test(line));
  if (failures.length > 0) console.log(`\nFailed (details in ${tapFile}):\n${failures.map((line) => `  ${line.trim()}`).join('\n')}`);
  console.log(`\nℹ tests ${count('tests')}\nℹ pass ${count('pass')}\nℹ fail ${count('fail')}\nℹ skipped ${count('skipped')}\nℹ todo ${count('todo')}`);
}
process.exit(result.status ?? 1);
