// The redactor runs on every log line and error body: a megabyte of text with a key or two in it must stay cheap,
// whatever the text looks like (prose, JSON logs, base64, hex, escapes, non-ASCII) and however often the key repeats.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../src/common/redact';

const MB = 1 << 20;
const KEY = 'sk-Tq7vX2mLp9Rz4Kw8Yb3Nc6HdQe5Fj1Ua';
const SECOND_KEY = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';

function repeatTo(length: number, make: (i: number) => string): string {
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const part = make(i);
    parts.push(part);
    total += part.length;
  }
  return parts.join('');
}

const words = 'the request failed because model kimi returned status code internationalization configuration of a fox'.split(' ');
const bytes = Buffer.from(Array.from({ length: (MB * 3) / 4 }, (_, i) => (i * 2654435761) >>> 24));
const inputs: Record<string, string> = {
  prose: repeatTo(MB, (i) => `${words[(i * 7919) % words.length]}${i % 13 ? ' ' : '.\n'}`),
  jsonLog: repeatTo(MB, (i) => {
    const line = { t: 1_700_000_000_000 + i, msg: `[kimi] attempt ${i} status 200`, path: '\\/v1\\/chat', body: 'a\\nb \\u00e9 %20' };
    return `${JSON.stringify(line)}\n`;
  }),
  base64: bytes.toString('base64'),
  mimeBase64: bytes.toString('base64').replace(/(.{76})/g, '$1\r\n'),
  hex: bytes.subarray(0, MB / 2).toString('hex'),
  nonAscii: repeatTo(MB, (i) => `${words[i % words.length]}ä😀 `),
  keysEverywhere: repeatTo(MB, (i) => `${KEY} ${Buffer.from(`u:${KEY}`).toString('base64')} ${i % 2 ? encodeURIComponent(KEY) : SECOND_KEY}\n`),
};

function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('redactSecrets performance', () => {
  // Typically 5-20 ms each on an idle machine; the bound leaves room for a busy CI box but catches a search that
  // stopped being linear.
  for (const [name, text] of Object.entries(inputs)) {
    test(`1 MB of ${name} with two known keys`, () => {
      const ms = bestOf(3, () => redactSecrets(text, [KEY, SECOND_KEY]));
      assert.ok(ms < 150, `${name}: ${ms.toFixed(1)} ms`);
    });
  }

  test('the key is found in a megabyte of text, and only it is removed', () => {
    const text = `${inputs.prose.slice(0, MB / 2)} ${Buffer.from(`user:${KEY}`).toString('base64')} ${inputs.prose.slice(MB / 2)}`;
    const redacted = redactSecrets(text, [KEY]);
    assert.equal(redacted, `${inputs.prose.slice(0, MB / 2)} [redacted] ${inputs.prose.slice(MB / 2)}`);
  });

  test('degenerate keys and texts (one character over and over) stay linear', () => {
    const cases: [string, string][] = [
      ['a'.repeat(MB), 'a'.repeat(16)],
      ['QUFB'.repeat(MB / 4), 'A'.repeat(30)],
      ['%41'.repeat(MB / 3), 'A'.repeat(20)],
      ['0'.repeat(MB), '\u0000'.repeat(20)],
    ];
    for (const [text, key] of cases) {
      const ms = bestOf(1, () => assert.equal(redactSecrets(text, [key]), '[redacted]'));
      assert.ok(ms < 1000, `${JSON.stringify(text.slice(0, 4))}: ${ms.toFixed(1)} ms`);
    }
  });
});
