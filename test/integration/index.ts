// Entry point the extension host loads as `extensionTestsPath` (the @vscode/test-electron contract):
// runs every compiled *.test.js beside it with mocha and settles with the result. A file that declares no
// test counts as one failure, and so does a run without any test.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { formatResultLine } from './result-line';

/** The test files mocha loaded no test from (files are named as in `testFiles`). */
function filesWithoutTests(mocha: Mocha, testFiles: string[]): string[] {
  const declared = new Set<string>();
  const visit = (suite: Mocha.Suite): void => {
    for (const test of suite.tests) if (test.file) declared.add(test.file);
    suite.suites.forEach(visit);
  };
  visit(mocha.suite);
  return testFiles.filter((file) => !declared.has(join(__dirname, file)));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of testFiles) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${passes} passing, ${failures} failing, ${pending} pending`);
        const withoutTests = filesWithoutTests(mocha, testFiles);
        for (const file of withoutTests) console.log(`${file} declares no test (counted as a failure)`);
        const failed = failures + withoutTests.length + (passes + failures === 0 ? 1 : 0);
        console.log(formatResultLine({ passed: passes, failed, skipped: pending, files: testFiles.length }));
        if (failed > 0) reject(new Error(passes + failures === 0 ? 'no integration test ran' : `${failed} integration test(s) or file(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
