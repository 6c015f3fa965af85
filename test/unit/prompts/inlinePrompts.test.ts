import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildInlinePrompt, docConventionFor, refactorPresets, type InlineTarget } from '../../../src/common/prompts/inlinePrompts';

const target: InlineTarget = { path: 'src/math.ts', languageId: 'typescript', startLine: 10, endLine: 24 };

describe('inline command prompts', () => {
  test('explain names the file and the line range, and asks for no edits', () => {
    const prompt = buildInlinePrompt({ command: 'explain', target });
    assert.match(prompt, /^Explain lines 10-24 of src\/math\.ts/);
    assert.doesNotMatch(prompt, /edit_file/);
  });

  test('a target from the symbol provider is named by its symbol', () => {
    const prompt = buildInlinePrompt({ command: 'explain', target: { ...target, symbol: 'function median' } });
    assert.match(prompt, /Explain function median \(lines 10-24\) of src\/math\.ts/);
  });

  test('a single line is called a line', () => {
    assert.match(buildInlinePrompt({ command: 'explain', target: { ...target, endLine: 10 } }), /line 10 of/);
  });

  test('refactor carries the instruction and asks for a reviewable edit_file change to that file only', () => {
    const prompt = buildInlinePrompt({ command: 'refactor', target, instruction: 'Rename for clarity.' });
    assert.match(prompt, /Refactor lines 10-24 of src\/math\.ts\. Rename for clarity\./);
    assert.match(prompt, /Change only src\/math\.ts, through edit_file/);
  });

  test('refactor without an instruction falls back to the first preset', () => {
    assert.ok(buildInlinePrompt({ command: 'refactor', target }).includes(refactorPresets[0].instruction));
  });

  test('fix lists every diagnostic with line, severity, source and code', () => {
    const prompt = buildInlinePrompt({
      command: 'fix',
      target,
      diagnostics: [
        { line: 12, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", source: 'ts', code: '2322' },
        { line: 20, severity: 'warning', message: 'Unused variable.' },
      ],
    });
    assert.match(prompt, /- line 12 error: Type 'string' is not assignable to type 'number'\. \(ts 2322\)/);
    assert.match(prompt, /- line 20 warning: Unused variable\.$/m);
    assert.match(prompt, /edit_file/);
  });

  test('fix without diagnostics asks the model to find the likely bug', () => {
    assert.match(buildInlinePrompt({ command: 'fix', target }), /No diagnostics are reported there/);
  });

  test('document uses the convention of the language', () => {
    const cases: [string, RegExp][] = [
      ['typescript', /JSDoc/],
      ['python', /docstrings \(PEP 257\)/],
      ['rust', /Rustdoc comments \(\/\/\/\)/],
      ['go', /Go doc comments/],
      ['java', /Javadoc/],
      ['csharp', /XML documentation comments/],
      ['cobol', /idiomatic for this language/],
    ];
    for (const [languageId, convention] of cases) {
      assert.match(buildInlinePrompt({ command: 'document', target: { ...target, languageId } }), convention, languageId);
      assert.match(docConventionFor(languageId), convention);
    }
    assert.match(buildInlinePrompt({ command: 'document', target }), /Do not change any code/);
  });

  test('tests name the framework and where the tests go', () => {
    const fresh = buildInlinePrompt({ command: 'tests', target, testFramework: { name: 'vitest', convention: 'test files named *.test.ts beside the source' } });
    assert.match(fresh, /The project uses vitest; test files named \*\.test\.ts beside the source\./);
    assert.match(fresh, /Create a new test file with write_file/);
    const existing = buildInlinePrompt({ command: 'tests', target, testFramework: { name: 'jest', existingTestFile: 'src/math.test.ts' } });
    assert.match(existing, /Add the tests to the existing test file src\/math\.test\.ts with edit_file/);
    assert.match(buildInlinePrompt({ command: 'tests', target }), /Find out from the project files which test framework/);
  });

  test('ask puts the question first and the target after it', () => {
    const prompt = buildInlinePrompt({ command: 'ask', target, instruction: 'Is this thread-safe?' });
    assert.match(prompt, /^Is this thread-safe\?\n\n\(About lines 10-24 of src\/math\.ts\.\)$/);
  });

  test('prompts are deterministic (the provider cache keys on exact bytes)', () => {
    const input = { command: 'fix' as const, target, diagnostics: [{ line: 1, severity: 'error' as const, message: 'x' }] };
    assert.equal(buildInlinePrompt(input), buildInlinePrompt(structuredClone(input)));
  });
});
