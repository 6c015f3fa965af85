import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSelectionActionMessages, extractCodeBlock } from '../../../src/common/prompts/selectionActions';

describe('selection code actions for editors without the chat view', () => {
  test('the code is the first fenced block; an answer without a fence is code; an empty one is nothing', () => {
    assert.equal(extractCodeBlock('Here you go:\n```ts\nconst a = 1;\n```\nAnd more:\n```ts\nno\n```'), 'const a = 1;');
    assert.equal(extractCodeBlock('const a = 1;\n'), 'const a = 1;');
    assert.equal(extractCodeBlock('```\n\n```'), undefined);
  });

  test('Fix lists the diagnostics; Add Documentation names the convention; Generate Tests says where the block goes', () => {
    const base = { path: 'src/a.py', languageId: 'python', startLine: 3, endLine: 4, selection: 'def f():\n  return 1', before: '', after: '' };
    const fix = String(buildSelectionActionMessages({ ...base, kind: 'fix', diagnostics: [{ line: 4, severity: 'error', message: 'bad indent' }] })[1].content);
    assert.match(fix, /line 4 error: bad indent/);
    assert.match(fix, /lines 3-4/);
    assert.match(String(buildSelectionActionMessages({ ...base, kind: 'document' })[1].content), /PEP 257/);
    assert.match(String(buildSelectionActionMessages({ ...base, kind: 'tests' })[1].content), /inserted after the selection/);
  });
});
