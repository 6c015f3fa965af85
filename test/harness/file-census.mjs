// A node:test reporter that counts tests by file, so a run cannot pass on files that test nothing.
// Node 20 reports a file that declares no test as one passing test named after the file; this census
// tells that apart from real tests (`--test-reporter=./test/harness/file-census.mjs
// --test-reporter-destination=FILE` writes the JSON; readCensus judges it). Plain JavaScript: node loads it
// as a reporter before any TypeScript loader matters.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatCounts, ranNoTests } from './counts.mjs';

/**
 * Reporter: one JSON object `{ files: { [absolute path]: Tally } }` once the run ends. node:test names the
 * file where each test or suite was declared (a shared cases file, say), so tallies are per declaring file.
 */
export default async function* fileCensus(source) {
  const files = {};
  const tally = (file) => (files[file] ??= { passed: 0, failed: 0, skipped: 0, suites: 0, emptyFilePass: false, fileFailed: false });
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (!data.file) continue;
    const entry = tally(resolve(data.file));
    // The file itself, reported as a test: it failed to load or run, or (a pass, Node 20) it declared no test.
    if (data.nesting === 0 && resolve(data.name) === resolve(data.file)) {
      if (event.type === 'test:pass') entry.emptyFilePass = true;
      else entry.fileFailed = true;
    } else if (data.details?.type === 'suite') entry.suites += 1;
    else if (data.skip !== undefined || data.todo !== undefined) entry.skipped += 1;
    else if (event.type === 'test:pass') entry.passed += 1;
    else entry.failed += 1;
  }
  yield `${JSON.stringify({ files })}\n`;
}

/**
 * Judges a census against the files that were run. Every test counts wherever it was declared; then each
 * run file that failed to load is one failure, and so is each that declared no test or suite of its own
 * (Node 20 would have counted it as one pass). Undefined when the census was never written (the run died).
 */
export function readCensus(censusPath, testFiles) {
  let census;
  try {
    census = JSON.parse(readFileSync(censusPath, 'utf8'));
  } catch {
    return undefined;
  }
  const tallies = census.files ?? {};
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const entry of Object.values(tallies)) {
    counts.passed += entry.passed;
    counts.failed += entry.failed;
    counts.skipped += entry.skipped;
  }
  const filesWithoutTests = [];
  const filesThatFailed = [];
  for (const file of testFiles) {
    const entry = tallies[resolve(file)];
    if (entry?.fileFailed) filesThatFailed.push(file);
    else if (!entry || entry.emptyFilePass || entry.passed + entry.failed + entry.skipped + entry.suites === 0) filesWithoutTests.push(file);
  }
  counts.failed += filesThatFailed.length + filesWithoutTests.length;
  return { counts, filesWithoutTests, filesThatFailed };
}

/**
 * The end of a node:test layer (unit, e2e): names the files that tested nothing or failed to load, prints
 * `LAYER: N passed, N failed, N skipped` (or a crash line when there is no census) and returns the exit code.
 * A run with no test at all fails, whatever node's own exit code said.
 */
export function finishNodeTestLayer(layer, censusPath, testFiles, exitCode) {
  const verdict = readCensus(censusPath, testFiles);
  if (!verdict) {
    console.log(`${layer}: crashed: the test run exited with ${exitCode} without writing ${censusPath}`);
    return 1;
  }
  for (const file of verdict.filesWithoutTests) console.log(`✖ ${file} declares no test (counted as a failure)`);
  for (const file of verdict.filesThatFailed) console.log(`✖ ${file} failed to load or run (counted as a failure)`);
  const counts = { ...verdict.counts };
  if (ranNoTests(counts)) {
    console.log(`✖ ${layer}: no test ran (counted as a failure)`);
    counts.failed += 1;
  }
  console.log(`${layer}: ${formatCounts(counts)}`);
  return exitCode === 0 && counts.failed === 0 ? 0 : 1;
}
