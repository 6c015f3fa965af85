// Entry point the extension host loads as `extensionTestsPath` (the @vscode/test-electron contract):
// runs every compiled *.test.js beside it with mocha and settles with the result.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { formatResultLine } from './result-line';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of testFiles) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${passes} passing, ${failed} failing, ${pending} pending`);
        console.log(formatResultLine({ passed: passes, failed, skipped: pending, files: testFiles.length }));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (testFiles.length === 0) reject(new Error('no integration test files were found'));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
