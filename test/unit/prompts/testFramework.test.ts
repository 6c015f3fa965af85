import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectTestFramework } from '../../../src/common/prompts/testFramework';

function project(files: Record<string, string>) {
  return { paths: Object.keys(files), read: (path: string) => files[path] };
}

describe('test framework detection for Generate Tests', () => {
  test('vitest from devDependencies, with the naming convention of existing tests', () => {
    const guess = detectTestFramework(project({ 'package.json': JSON.stringify({ devDependencies: { vitest: '^3' } }), 'src/a.ts': '', 'src/a.test.ts': '' }), 'src/b.ts');
    assert.deepEqual(guess, { name: 'vitest', convention: 'test files named *.test.ts beside the source' });
  });

  test('jest from the test script, spec files in a test folder', () => {
    const guess = detectTestFramework(project({ 'package.json': JSON.stringify({ scripts: { test: 'jest --ci' } }), 'tests/x.spec.js': '', 'tests/y.spec.js': '' }), 'lib/x.js');
    assert.equal(guess?.name, 'jest');
    assert.equal(guess?.convention, 'test files named *.spec.js under a test folder');
  });

  test('node --test from the script', () => {
    assert.equal(detectTestFramework(project({ 'package.json': JSON.stringify({ scripts: { test: 'node --test' } }) }), 'index.mjs')?.name, 'node:test (node --test)');
  });

  test('an existing test file for the source is reused', () => {
    const guess = detectTestFramework(project({ 'package.json': JSON.stringify({ devDependencies: { mocha: '*' } }), 'src/math.ts': '', 'test/math.test.ts': '' }), 'src/math.ts');
    assert.equal(guess?.name, 'mocha');
    assert.equal(guess?.existingTestFile, 'test/math.test.ts');
  });

  test('pytest from pyproject, conftest or test_ files; unittest otherwise', () => {
    assert.equal(detectTestFramework(project({ 'pyproject.toml': '[tool.pytest.ini_options]\n', 'app.py': '' }), 'app.py')?.name, 'pytest');
    assert.equal(detectTestFramework(project({ 'conftest.py': '', 'app.py': '' }), 'app.py')?.name, 'pytest');
    assert.equal(detectTestFramework(project({ 'app.py': '' }), 'app.py')?.name, 'unittest (Python standard library)');
    assert.equal(detectTestFramework(project({ 'app.py': '', 'test_app.py': '' }), 'app.py')?.existingTestFile, 'test_app.py');
  });

  test('go test, cargo test and JUnit from their build files', () => {
    assert.equal(detectTestFramework(project({ 'go.mod': 'module x', 'main.go': '' }), 'main.go')?.name, 'Go testing (go test)');
    assert.equal(detectTestFramework(project({ 'Cargo.toml': '[package]', 'src/lib.rs': '' }), 'src/lib.rs')?.name, 'Rust built-in tests (cargo test)');
    assert.equal(detectTestFramework(project({ 'pom.xml': '<artifactId>junit-jupiter</artifactId>' }), 'src/main/java/A.java')?.name, 'JUnit 5');
  });

  test('nothing recognisable gives no guess, and a broken package.json is not fatal', () => {
    assert.equal(detectTestFramework(project({ 'README.md': '' }), 'notes.txt'), undefined);
    assert.equal(detectTestFramework(project({ 'package.json': '{ broken' }), 'a.ts'), undefined);
  });
});
