// The system prompt must be byte-identical whenever the rules files are the same: the provider's prefix
// cache depends on it. Order of discovery, line endings and blank files must not change a byte.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSystemPrompt, type RulesFile } from '../../../src/common/context/systemPrompt';

const agents: RulesFile = { path: 'AGENTS.md', content: 'Use tabs.\n' };
const style: RulesFile = { path: '.kimi/rules/style.md', content: '  Prefer const.  \n' };
const tests: RulesFile = { path: '.kimi/rules/tests.md', content: 'Write node:test tests.' };

describe('buildSystemPrompt', () => {
  test('without rules it is the base prompt, identical on every call', () => {
    const base = buildSystemPrompt();
    assert.equal(buildSystemPrompt([]), base);
    assert.match(base, /^You are Kimi Assistant/);
    assert.doesNotMatch(base, /<rules/);
  });

  test('the same rules in any order give the identical prompt', () => {
    const orders = [
      [agents, style, tests],
      [tests, agents, style],
      [style, tests, agents],
      [tests, style, agents],
    ];
    const prompts = new Set(orders.map((order) => buildSystemPrompt(order)));
    assert.equal(prompts.size, 1);
  });

  test('rules are sorted by path in code-unit order and trimmed', () => {
    const prompt = buildSystemPrompt([agents, tests, style]);
    const files = [...prompt.matchAll(/<rules file="([^"]+)">/g)].map((match) => match[1]);
    // Uppercase sorts before lowercase and "." before letters in code-unit order, whatever the locale.
    assert.deepEqual(files, ['.kimi/rules/style.md', '.kimi/rules/tests.md', 'AGENTS.md']);
    assert.ok(prompt.includes('<rules file=".kimi/rules/style.md">\nPrefer const.\n</rules>'));
    assert.ok(prompt.startsWith(buildSystemPrompt()));
  });

  test('code-unit order: "B.md" before "a.md" (localeCompare would differ)', () => {
    const prompt = buildSystemPrompt([
      { path: 'a.md', content: 'lower' },
      { path: 'B.md', content: 'upper' },
    ]);
    assert.ok(prompt.indexOf('file="B.md"') < prompt.indexOf('file="a.md"'));
  });

  test('empty and blank rules files are ignored', () => {
    const withBlank = buildSystemPrompt([agents, { path: 'EMPTY.md', content: '' }, { path: 'BLANK.md', content: ' \n\t\n' }]);
    assert.equal(withBlank, buildSystemPrompt([agents]));
    assert.equal(buildSystemPrompt([{ path: 'EMPTY.md', content: '\n' }]), buildSystemPrompt());
  });

  test('two files with the same path are ordered by content, not by input order', () => {
    const first = { path: 'AGENTS.md', content: 'Root folder rules.' };
    const second = { path: 'AGENTS.md', content: 'Other folder rules.' };
    assert.equal(buildSystemPrompt([first, second]), buildSystemPrompt([second, first]));
  });

  test('CRLF and LF versions of a file give the same prompt', () => {
    const lf = buildSystemPrompt([{ path: 'AGENTS.md', content: 'one\ntwo\n' }]);
    const crlf = buildSystemPrompt([{ path: 'AGENTS.md', content: 'one\r\ntwo\r\n' }]);
    assert.equal(crlf, lf);
  });

  test('a change to a rule changes the prompt', () => {
    assert.notEqual(buildSystemPrompt([agents]), buildSystemPrompt([{ ...agents, content: 'Use spaces.' }]));
  });
});
