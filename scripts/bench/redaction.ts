// Benchmarks redactSecrets, which runs on every log line and error body: 1 MB of each kind of text (prose, JSON
// logs, base64, hex, non-ASCII, keys everywhere) with two known keys, median of 5 runs after a warm-up, and the
// degenerate inputs that would show a search that stopped being linear. One JSON line per measure.
import { redactSecrets } from '../../src/common/redact';
import { medianMs, report } from './measure';

const RUNS = 5;
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


for (const [name, text] of Object.entries(inputs)) {
  report(`redact_1mb_${name}_ms`, medianMs(() => redactSecrets(text, [KEY, SECOND_KEY]), RUNS), 'ms', RUNS);
}
report('redact_1mb_degenerate_ms', medianMs(() => redactSecrets('a'.repeat(MB), ['a'.repeat(16)]), RUNS), 'ms', RUNS);
