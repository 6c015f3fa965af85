// The redactor on large and degenerate inputs: correct results (the key and only the key removed). How fast it
// is belongs to the bench (scripts/bench/redaction.ts), not to a timed unit test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../src/common/redact';

const MB = 1 << 20;
const KEY = 'sk-Tq7vX2mLp9Rz4Kw8Yb3Nc6HdQe5Fj1Ua';
const words = 'the request failed because model kimi returned status code internationalization configuration of a fox'.split(' ');
const prose = Array.from({ length: MB / 8 }, (_, i) => `${words[(i * 7919) % words.length]}${i % 13 ? ' ' : '.\n'}`).join('');

describe('redactSecrets on large inputs', () => {
  test('the key is found in a megabyte of text, and only it is removed', () => {
    const text = `${prose.slice(0, MB / 2)} ${Buffer.from(`user:${KEY}`).toString('base64')} ${prose.slice(MB / 2)}`;
    assert.equal(redactSecrets(text, [KEY]), `${prose.slice(0, MB / 2)} [redacted] ${prose.slice(MB / 2)}`);
  });

  test('degenerate keys and texts (one character over and over) are redacted whole', () => {
    const cases: [string, string][] = [
      ['a'.repeat(MB), 'a'.repeat(16)],
      ['QUFB'.repeat(MB / 4), 'A'.repeat(30)],
      ['%41'.repeat(MB / 3), 'A'.repeat(20)],
      ['0'.repeat(MB), '\u0000'.repeat(20)],
    ];
    for (const [text, key] of cases) assert.equal(redactSecrets(text, [key]), '[redacted]');
  });
});
