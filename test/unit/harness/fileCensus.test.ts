// The runner cannot be fooled: files that declare no test, files that crash and runs without tests all fail.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeLayer, parseLayerLine, ranNoTests } from '../../harness/counts.mjs';
import { finishNodeTestLayer, readCensus } from '../../harness/file-census.mjs';

const censusReporter = join(import.meta.dirname, '..', '..', 'harness', 'file-census.mjs');

const sources: Record<string, string> = {
  'empty.test.mjs': 'export {};\n',
  'crash.test.mjs': "throw new Error('boom');\n",
  'two.test.mjs': "import { test } from 'node:test';\ntest('a', () => {});\ntest('b', () => {});\n",
  'suite.test.mjs': "import { describe, it } from 'node:test';\ndescribe('s', () => { it('x', () => {}); it.skip('y', () => {}); it.todo('z'); });\n",
  'failing.test.mjs': "import { test } from 'node:test';\ntest('f', () => { throw new Error('no'); });\n",
  // Tests declared in a shared cases file count too (node:test names that file as theirs).
  'cases.mjs': "import { test } from 'node:test';\nexport const registerCases = () => { test('c1', () => {}); test('c2', () => {}); };\n",
  'shared.test.mjs': "import { describe } from 'node:test';\nimport { registerCases } from './cases.mjs';\ndescribe('shared', () => registerCases());\n",
};
const testFiles = Object.keys(sources).filter((name) => name.endsWith('.test.mjs'));

/** Runs the named fixture files under node:test with the census reporter; returns the census path. */
function runCensus(dir: string, names: string[]): string {
  const census = join(dir, `census-${names.length}-${names[0]}.json`);
  const files = names.map((name) => join(dir, name));
  // Without NODE_TEST_CONTEXT the inner run reports for itself instead of to this test runner.
  const { NODE_TEST_CONTEXT: _outer, ...env } = process.env;
  const reporters = ['--test-reporter=dot', '--test-reporter-destination=stdout', `--test-reporter=${censusReporter}`, `--test-reporter-destination=${census}`];
  spawnSync(process.execPath, ['--test', ...reporters, ...files], { encoding: 'utf8', env });
  return census;
}

function withFixtures(work: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'kimi-census-'));
  try {
    for (const [name, source] of Object.entries(sources)) writeFileSync(join(dir, name), source);
    work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('file census', () => {
  test('counts real tests per file; an empty file and a crashing file are one failure each, never a pass', () => {
    withFixtures((dir) => {
      const verdict = readCensus(runCensus(dir, testFiles), testFiles.map((name) => join(dir, name)));
      assert.ok(verdict);
      assert.deepEqual(verdict.counts, { passed: 5, failed: 3, skipped: 2 });
      assert.deepEqual(verdict.filesWithoutTests, [join(dir, 'empty.test.mjs')]);
      assert.deepEqual(verdict.filesThatFailed, [join(dir, 'crash.test.mjs')]);
    });
  });

  test('a file the census never saw counts as declaring no test; a missing census is undefined', () => {
    withFixtures((dir) => {
      const census = runCensus(dir, ['two.test.mjs']);
      const verdict = readCensus(census, [join(dir, 'two.test.mjs'), join(dir, 'never-run.test.mjs')]);
      assert.deepEqual(verdict?.counts, { passed: 2, failed: 1, skipped: 0 });
      assert.equal(readCensus(join(dir, 'absent.json'), []), undefined);
    });
  });

  test('the layer line: an empty-only run fails with exit 1 although node exited 0', (context) => {
    withFixtures((dir) => {
      const lines: string[] = [];
      context.mock.method(console, 'log', (line: string) => lines.push(line));
      const file = join(dir, 'empty.test.mjs');
      assert.equal(finishNodeTestLayer('unit', runCensus(dir, ['empty.test.mjs']), [file], 0), 1);
      assert.deepEqual(parseLayerLine(lines.join('\n'), 'unit'), { passed: 0, failed: 1, skipped: 0 });
      lines.length = 0;
      assert.equal(finishNodeTestLayer('unit', runCensus(dir, ['two.test.mjs']), [join(dir, 'two.test.mjs')], 0), 0);
      assert.equal(lines.at(-1), 'unit: 2 passed, 0 failed, 0 skipped');
    });
  });
});

describe('layer counts', () => {
  test('a layer that ran nothing (or only skipped) ran no tests', () => {
    assert.equal(ranNoTests({ passed: 0, failed: 0, skipped: 0 }), true);
    assert.equal(ranNoTests({ passed: 0, failed: 0, skipped: 4 }), true);
    assert.equal(ranNoTests({ passed: 1, failed: 0, skipped: 0 }), false);
    assert.equal(ranNoTests({ passed: 0, failed: 1, skipped: 0 }), false);
  });

  test('judging a layer: zero tests, a crash, a missing line, a timeout or a bad exit each add a failure', () => {
    const run = (output: string, code: number | string = 0, timedOut = false) => ({ output, code, timedOut });
    assert.deepEqual(judgeLayer('unit', run('unit: 3 passed, 0 failed, 1 skipped'), 1000), { passed: 3, failed: 0, skipped: 1, note: '' });
    assert.deepEqual(judgeLayer('unit', run('unit: 0 passed, 0 failed, 2 skipped'), 1000), { passed: 0, failed: 1, skipped: 2, note: 'ran no test' });
    assert.deepEqual(judgeLayer('e2e', run('e2e: crashed: no browser', 1), 1000), { passed: 0, failed: 1, skipped: 0, note: 'crashed: no browser' });
    assert.equal(judgeLayer('faults', run('ℹ pass 12', 0), 1000).failed, 1);
    assert.deepEqual(judgeLayer('unit', run('unit: 5 passed, 0 failed, 0 skipped', 'SIGTERM', true), 60_000), { passed: 5, failed: 1, skipped: 0, note: 'timed out after 60.0 s' });
    assert.equal(judgeLayer('unit', run('unit: 5 passed, 0 failed, 0 skipped', 1), 1000).note, 'exited 1 although no test failed');
  });

  test('reads the last count line or a crash line, ignoring colour codes', () => {
    const output = 'faults: 1 passed, 0 failed, 0 skipped\n\u001b[32mfaults: 5 passed, 1 failed, 2 skipped\u001b[0m\n';
    assert.deepEqual(parseLayerLine(output, 'faults'), { passed: 5, failed: 1, skipped: 2 });
    assert.deepEqual(parseLayerLine('e2e: crashed: no browser', 'e2e'), { crashed: 'no browser' });
    assert.equal(parseLayerLine('unit: 3 passed', 'unit'), undefined);
  });
});
