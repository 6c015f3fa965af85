import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gatherCompletionContext } from '../../../src/common/completions/completionContext';
import { buildCompletionPrompt, CURSOR_MARKER } from '../../../src/common/completions/completionPrompt';
import { RecentEdits } from '../../../src/common/completions/recentEdits';
import { estimateTokens } from '../../../src/common/context/tokens';

const longFile = [
  "import { readFile } from 'node:fs/promises';",
  "import type { Config } from './config';",
  ...Array.from({ length: 400 }, (_, index) => `const value${index} = compute(${index}); // filler line ${index}`),
  'export function load(path: string) {',
  '  const text = ',
  '}',
  ...Array.from({ length: 400 }, (_, index) => `export const after${index} = ${index};`),
].join('\n');
const cursor = longFile.indexOf('  const text = ') + '  const text = '.length;

describe('completion context and prompt', () => {
  test('the context stays within its token budget and cuts at whole lines', () => {
    const context = gatherCompletionContext({ path: 'src/load.ts', languageId: 'typescript', text: longFile, offset: cursor }, [], 1000);
    const used = estimateTokens(context.prefix) + estimateTokens(context.suffix) + context.imports.reduce((sum, line) => sum + estimateTokens(line), 0);
    assert.ok(used <= 1000, `used ${used}`);
    assert.ok(context.prefix.endsWith('export function load(path: string) {\n  const text = '));
    assert.ok(context.prefix.startsWith('const value'), 'starts at a line start');
    assert.ok(context.suffix.startsWith('\n}\nexport const after0 = 0;'));
    assert.ok(context.suffix.length < longFile.length - cursor);
  });

  test('imports outside the window come along, once', () => {
    const context = gatherCompletionContext({ path: 'src/load.ts', languageId: 'typescript', text: longFile, offset: cursor }, [], 1000);
    assert.deepEqual(context.imports, ["import { readFile } from 'node:fs/promises';", "import type { Config } from './config';"]);
    const small = gatherCompletionContext({ path: 'a.ts', languageId: 'typescript', text: "import x from 'x';\nx(", offset: 20 }, []);
    assert.deepEqual(small.imports, []);
  });

  test('recently edited other files come along, newest first, never the file itself', () => {
    const recent = new RecentEdits();
    recent.noteChange('file:///a', 'a.ts', 'one\ntwo\nthree', 1);
    recent.noteChange('file:///self', 'self.ts', 'self', 0);
    recent.noteChange('file:///b', 'b.ts', 'bee', 0);
    const context = gatherCompletionContext({ path: 'self.ts', languageId: 'typescript', text: 'x', offset: 1 }, recent.snippets());
    assert.deepEqual(context.recentSnippets, [{ path: 'b.ts', text: 'bee' }, { path: 'a.ts', text: 'one\ntwo\nthree' }]);
  });

  test('partial mode: the prefix is the last, partial assistant message; the suffix is in the user turn', () => {
    const context = gatherCompletionContext({ path: 'm.py', languageId: 'python', text: 'def f(a):\n    return \n\nprint(f(1))\n', offset: 21 }, []);
    const prompt = buildCompletionPrompt(context, 'partial');
    assert.equal(prompt.messages.length, 3);
    assert.deepEqual(prompt.messages[2], { role: 'assistant', content: 'def f(a):\n    return ', partial: true });
    assert.match(String(prompt.messages[1].content), /```python\n\n\nprint\(f\(1\)\)\n\n```/);
  });

  test('prefix/suffix mode: one user turn with the cursor marked, no partial message', () => {
    const context = gatherCompletionContext({ path: 'm.py', languageId: 'python', text: 'def f(a):\n    return \n', offset: 21 }, []);
    const prompt = buildCompletionPrompt(context, 'prefixSuffix');
    assert.equal(prompt.messages.at(-1)?.role, 'user');
    assert.ok(String(prompt.messages.at(-1)?.content).includes(`    return ${CURSOR_MARKER}\n`));
  });

  test('the system prompt is byte-identical across requests (prefix cache)', () => {
    const a = buildCompletionPrompt(gatherCompletionContext({ path: 'a', languageId: 'c', text: 'int a', offset: 5 }, []), 'partial');
    const b = buildCompletionPrompt(gatherCompletionContext({ path: 'b', languageId: 'go', text: 'x', offset: 0 }, []), 'partial');
    assert.equal(a.messages[0].content, b.messages[0].content);
  });

  test('code containing a fence cannot close the prompt fence', () => {
    const text = 'const md = `\n```\n`;\nconst x = ';
    const prompt = buildCompletionPrompt(gatherCompletionContext({ path: 'a.ts', languageId: 'typescript', text, offset: text.length }, []), 'prefixSuffix');
    assert.match(String(prompt.messages[1].content), /^a\.ts \(typescript\):\n````typescript\n/m);
  });
});
