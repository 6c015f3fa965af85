// Runs the plain-Node test layer: every test/unit/**/*.test.ts through node's test runner (TypeScript via tsx).
// Arguments narrow the run to files whose path contains one of them: `npm run test:unit -- llm edits`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
const reporter = process.argv.includes('--dot') ? 'dot' : 'spec';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
