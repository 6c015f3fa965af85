// `npm run test:faults`: every fault, data-safety and attack case of test/faults, one after another, each a
// real run against the real modules. Prints a table (case | expected | observed | result), the totals, and
// `faults: N passed, N failed`; exits 1 when any case failed. Arguments narrow the run to matching case names.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allFaultCases } from '../test/faults/cases/index';
import { ArtifactLog } from '../test/faults/harness/artifacts';
import { canaryKey, clip, securityClasses, type CaseResult, type FaultCase, type SecurityClass, type SuiteContext } from '../test/faults/suite';

const CASE_TIMEOUT_MS = 20_000;

interface Row {
  testCase: FaultCase;
  result: CaseResult;
  ms: number;
}

async function runCase(testCase: FaultCase, context: SuiteContext): Promise<CaseResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CaseResult>((resolve) => {
    timer = setTimeout(() => resolve({ observed: 'did not finish', failures: [`timed out after ${CASE_TIMEOUT_MS / 1000} s`] }), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([testCase.run(context), timeout]);
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { observed: 'crashed', failures: [`the case threw: ${reason}`] };
  } finally {
    clearTimeout(timer);
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function printTable(rows: Row[]): void {
  console.log('| case | expected | observed | result |');
  console.log('|---|---|---|---|');
  for (const { testCase, result } of rows) {
    const passed = result.failures.length === 0;
    const observed = passed ? result.observed : `${clip(result.failures.join('; '), 160)} (seen: ${clip(result.observed, 80)})`;
    console.log(`| ${cell(testCase.name)} | ${cell(testCase.expected)} | ${cell(observed)} | ${passed ? 'pass' : 'FAIL'} |`);
  }
}

function printTotals(rows: Row[], seconds: number): number {
  const passed = (row: Row) => row.result.failures.length === 0;
  const ofKind = (kind: FaultCase['kind']) => rows.filter((row) => row.testCase.kind === kind);
  const sum = (pick: (result: CaseResult) => number | undefined) => rows.reduce((total, row) => total + (pick(row.result) ?? 0), 0);
  const failed = rows.filter((row) => !passed(row));
  console.log('');
  console.log(`faults survived: ${ofKind('fault').filter(passed).length} of ${ofKind('fault').length}`);
  console.log(`data-safety cases safe: ${ofKind('data').filter(passed).length} of ${ofKind('data').length}, bytes lost: ${sum((result) => result.bytesLost)}`);
  console.log(`attacks tried: ${sum((result) => result.attacks)}, escapes: ${sum((result) => result.escapes)}`);
  printSecurityClasses(rows);
  console.log(`time: ${seconds.toFixed(1)} s`);
  for (const row of failed) {
    console.log(`\nFAILED ${row.testCase.name}:`);
    for (const failure of row.result.failures) console.log(`  - ${failure}`);
  }
  console.log(`faults: ${rows.length - failed.length} passed, ${failed.length} failed, 0 skipped`);
  return failed.length === 0 ? 0 : 1;
}

/** Per class of the security issue: the cases, the attacks really tried and the escapes seen. */
function printSecurityClasses(rows: Row[]): void {
  console.log('');
  console.log('| security class | cases | attacks tried | escapes |');
  console.log('|---|---:|---:|---:|');
  for (const [id, title] of Object.entries(securityClasses) as [SecurityClass, string][]) {
    const ofClass = rows.filter((row) => row.testCase.securityClass === id);
    const attacks = ofClass.reduce((total, row) => total + (row.result.attacks ?? 0), 0);
    const escapes = ofClass.reduce((total, row) => total + (row.result.escapes ?? 0), 0);
    console.log(`| ${title} | ${ofClass.length} | ${attacks} | ${escapes} |`);
  }
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const cases = allFaultCases.filter((testCase) => filters.length === 0 || filters.some((filter) => testCase.name.includes(filter)));
  if (cases.length === 0) {
    console.error('No fault case matched.');
    console.log('faults: crashed: no fault case matched');
    return 1;
  }
  const tempRoot = await mkdtemp(join(tmpdir(), 'kimi-faults-'));
  const context: SuiteContext = { apiKey: canaryKey(), tempRoot, artifacts: new ArtifactLog() };
  const started = performance.now();
  const rows: Row[] = [];
  process.stdout.write(`running ${cases.length} cases: `);
  try {
    for (const testCase of cases) {
      const caseStarted = performance.now();
      const result = await runCase(testCase, context);
      rows.push({ testCase, result, ms: performance.now() - caseStarted });
      process.stdout.write(result.failures.length === 0 ? '.' : 'F');
    }
    process.stdout.write('\n\n');
  } finally {
    await rm(tempRoot, { recursive: true, force: true });
  }
  printTable(rows);
  return printTotals(rows, (performance.now() - started) / 1000);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(`faults: crashed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
