// Secrets never reach a log line: known keys verbatim, and anything shaped like a key.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactKnownSecrets, redactSecrets } from '../../src/common/redact';

describe('redactSecrets', () => {
  test('known secrets are removed wherever they appear, every time', () => {
    const key = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    const text = `key=${key}; again ${key}, in a url https://x.test/?k=${key}`;
    const redacted = redactSecrets(text, [key]);
    assert.equal(redacted.includes(key), false);
    assert.equal(redacted.split('[redacted]').length - 1, 3);
    assert.ok(redacted.startsWith('key=[redacted]; again [redacted],'));
  });

  test('known secrets are matched trimmed', () => {
    const key = 'zzzz-secret-value-1234';
    assert.equal(redactSecrets(`sent ${key} to the server`, [`  ${key}\n`]), 'sent [redacted] to the server');
  });

  test('several known secrets, with regex characters, are all removed literally', () => {
    const keys = ['abc.*+?^$123', 'second-secret-42'];
    assert.equal(redactSecrets('x abc.*+?^$123 y second-secret-42 z abcXXX123', keys), 'x [redacted] y [redacted] z abcXXX123');
  });

  test('very short known secrets are not used, so ordinary words survive', () => {
    assert.equal(redactSecrets('the cat sat', ['cat', '']), 'the cat sat');
  });

  test('sk- shaped keys are removed', () => {
    const moonshotKey = `sk-${'A1b2C3d4'.repeat(6)}`;
    assert.equal(redactSecrets(`Incorrect API key provided: ${moonshotKey}.`), 'Incorrect API key provided: [redacted].');
    assert.equal(redactSecrets('sk-proj_abc-DEF_123456'), '[redacted]');
  });

  test('Bearer tokens are removed, the scheme kept, in any case', () => {
    assert.equal(redactSecrets('Authorization: Bearer abcdef0123456789'), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('authorization: bearer abc.def/ghi+jkl='), 'authorization: bearer [redacted]');
    assert.equal(redactSecrets('{"Authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"}'), '{"Authorization":"Bearer [redacted]"}');
  });

  test('values labelled as API keys are removed, the label kept', () => {
    assert.equal(redactSecrets('x-api-key: 0123456789abcdef'), 'x-api-key: [redacted]');
    assert.equal(redactSecrets('{"api_key": "0123456789abcdef"}'), '{"api_key": "[redacted]"}');
    assert.equal(redactSecrets('https://h.test/v1?apiKey=0123456789abcdef&x=1'), 'https://h.test/v1?apiKey=[redacted]&x=1');
  });

  test('ordinary text is left alone', () => {
    const text = 'The task-list has a risk-free sk-8 step; Bearer short; desk-topography; my api key is missing.';
    assert.equal(redactSecrets(text), text);
  });

  test('the result never contains the secret even when shapes overlap', () => {
    const key = 'sk-overlapping0123456789';
    const redacted = redactSecrets(`Bearer ${key}`, [key]);
    assert.equal(redacted.includes('overlapping'), false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Encoded forms of a known key: what a hostile or buggy server may echo back.

/** A Moonshot-style key, an AI/ML API-style hex key, and keys with `-`, `_` and `.` in them. */
const MOONSHOT_KEY = 'sk-Tq7vX2mLp9Rz4Kw8Yb3Nc6HdQe5Fj1Ua';
const HEX_KEY = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const DOTTED_KEY = 'tok.Xq3-Lm_9Rw.8Zt-Pk_2Vb.7Hn';
const UNDERSCORE_KEY = 'live_4eC39HqLyjWDarjtT1zdp7dc';
const KEYS = [MOONSHOT_KEY, HEX_KEY, DOTTED_KEY, UNDERSCORE_KEY];

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const hex = (text: string) => Buffer.from(text).toString('hex');
const percent = (char: string, upper = true) => {
  const code = char.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upper ? code.toUpperCase() : code}`;
};
/** Every 12-character window of the key: none may survive in any form. */
const windows = (key: string) => Array.from({ length: key.length - 11 }, (_, i) => key.slice(i, i + 12));

/**
 * Whether any 12-character window of the key can still be read in the text: as it is, with whitespace and
 * escapes undone, or in any base64 or hex run (at every offset). Deliberately simple and slow, independent of
 * the code under test.
 */
function leaks(text: string, key: string): boolean {
  const unescaped = text
    .replace(/\\[nrt]/g, '')
    .replace(/\s+/g, '')
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/\\\//g, '/')
    .replace(/&#[xX]([0-9a-fA-F]+);?/g, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&#(\d+);?/g, (_, code: string) => String.fromCodePoint(Number(code)));
  let decoded = unescaped;
  for (let round = 0; round < 3; round++) {
    decoded = decoded.replace(/%([0-9a-fA-F]{2})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
  }
  const readable = [text, unescaped, decoded];
  for (const run of decoded.match(/[A-Za-z0-9+/_-]{16,}/g) ?? []) {
    for (let offset = 0; offset < 4; offset++) readable.push(Buffer.from(run.slice(offset), 'base64').toString('latin1'));
  }
  for (const run of decoded.match(/[0-9a-fA-F]{24,}/g) ?? []) {
    for (let offset = 0; offset < 2; offset++) readable.push(Buffer.from(run.slice(offset), 'hex').toString('latin1'));
  }
  return windows(key).some((window) => readable.some((form) => form.includes(window)));
}

/** Redacts, checks nothing of the key is left in any form, and that redacting again changes nothing. */
function redactsClean(text: string, key: string, extraSecrets: string[] = []): string {
  assert.ok(leaks(text, key), 'the test text must hold the key in some form');
  const redacted = redactSecrets(text, [key, ...extraSecrets]);
  assert.equal(leaks(redacted, key), false, `the key can still be read in ${JSON.stringify(redacted)}`);
  assert.equal(redactSecrets(redacted, [key, ...extraSecrets]), redacted, 'redacting is idempotent');
  return redacted;
}

describe('known keys: verbatim and fragments', () => {
  test('a key with `-`, `_` or `.` in it is removed as a whole', () => {
    for (const key of KEYS) assert.equal(redactsClean(`401: key ${key} rejected`, key), '401: key [redacted] rejected');
  });

  test('a 12-character piece of the key, from anywhere in it, is removed', () => {
    for (const key of KEYS) {
      for (const start of [0, 3, 7, key.length - 12]) {
        const piece = key.slice(start, start + 12);
        assert.equal(redactsClean(`partial echo: "${piece}..."`, key), 'partial echo: "[redacted]..."', `${key} from ${start}`);
      }
    }
  });

  test('a truncated key, and two pieces of it glued together, are removed', () => {
    const key = DOTTED_KEY;
    assert.equal(redactsClean(`key=${key.slice(0, -3)}…`, key), 'key=[redacted]…');
    assert.equal(redactsClean(`${key.slice(0, 14)}|${key.slice(14)}`, key), '[redacted]|[redacted]');
  });

  test('short masks of the key stay, so users can tell their keys apart', () => {
    const key = MOONSHOT_KEY;
    const masked = `Incorrect API key provided: ${key.slice(0, 5)}***${key.slice(-4)}`;
    assert.equal(redactSecrets(masked, [key]), masked);
    const piece = key.slice(4, 15); // 11 characters: below the fragment length
    assert.equal(redactSecrets(`only ${piece} here`, [key]), `only ${piece} here`);
  });

  test('a short key (6 to 11 characters) is removed only whole, in any form', () => {
    const key = 'pw-9x7Q';
    assert.equal(redactSecrets(`a ${key} b pw-9x7 c`, [key]), 'a [redacted] b pw-9x7 c');
    assert.equal(redactSecrets(`a ${[...key].map((char) => percent(char)).join('')} b`, [key]), 'a [redacted] b');
    for (let offset = 0; offset < 3; offset++) {
      assert.equal(redactSecrets(`a ${base64('u'.repeat(offset) + key)} b`, [key]), 'a [redacted] b', `offset ${offset}`);
    }
    assert.equal(redactSecrets(`a ${hex(key)} b`, [key]), 'a [redacted] b');
  });

  test('the key is found among non-ASCII text, and the text around it is kept exactly', () => {
    const key = UNDERSCORE_KEY;
    assert.equal(redactsClean(`é ${key} ü 😀 ${key.slice(2, 16)} 😀 — fin`, key), 'é [redacted] ü 😀 [redacted] 😀 — fin');
  });

  test('a key with non-ASCII characters is found verbatim, escaped and in base64', () => {
    const key = 'pässwörd-Ωmega-12345';
    assert.equal(redactSecrets(`a ${key} b`, [key]), 'a [redacted] b');
    assert.equal(redactSecrets(`a ${encodeURIComponent(key)} b`, [key]), 'a [redacted] b');
    const json = JSON.stringify(key).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.equal(redactSecrets(`a ${json} b`, [key]), 'a "[redacted]" b');
    assert.equal(redactSecrets(`a ${base64(`user:${key}`)} b`, [key]), 'a [redacted] b');
  });

  test('several keys at once, each in another form', () => {
    const text = `a ${MOONSHOT_KEY} b ${base64(`x:${HEX_KEY}`)} c ${encodeURIComponent(DOTTED_KEY).replace(/\./g, '%2E')} d`;
    const redacted = redactSecrets(text, [MOONSHOT_KEY, HEX_KEY, DOTTED_KEY]);
    assert.equal(redacted, 'a [redacted] b [redacted] c [redacted] d');
  });
});

describe('known keys: percent-encoded', () => {
  test('fully encoded, in upper- or lower-case hex', () => {
    for (const key of KEYS) {
      for (const upper of [true, false]) {
        const encoded = [...key].map((char) => percent(char, upper)).join('');
        assert.equal(redactsClean(`GET /v1?k=${encoded}&model=kimi`, key), 'GET /v1?k=[redacted]&model=kimi');
      }
    }
  });

  test('any subset of the characters encoded', () => {
    for (const key of KEYS) {
      for (const every of [2, 3, 5]) {
        const encoded = [...key].map((char, i) => (i % every === 1 ? percent(char, i % 2 === 0) : char)).join('');
        assert.equal(redactsClean(`k=${encoded}&x=1`, key), 'k=[redacted]&x=1', `${key} every ${every}`);
      }
    }
  });

  test('as encodeURIComponent leaves it, with the reserved characters encoded', () => {
    const key = 'AKIA/Tq7v+X2mL=p9Rz4Kw8';
    assert.equal(redactsClean(`callback?token=${encodeURIComponent(key)}&x=1`, key), 'callback?token=[redacted]&x=1');
  });

  test('double-encoded (%25XX), fully or in part, and mixed with single encoding', () => {
    for (const key of KEYS) {
      const double = [...key].map((char) => `%25${percent(char).slice(1)}`).join('');
      assert.equal(redactsClean(`redirect=${double}&x=1`, key), 'redirect=[redacted]&x=1');
      const mixed = [...key].map((char, i) => (i % 3 === 0 ? `%25${percent(char).slice(1)}` : i % 3 === 1 ? percent(char) : char)).join('');
      assert.equal(redactsClean(`redirect=${mixed}&x=1`, key), 'redirect=[redacted]&x=1');
    }
  });

  test('a percent-encoded 12-character piece of the key', () => {
    const piece = HEX_KEY.slice(10, 22);
    assert.equal(redactsClean(`k=${[...piece].map((char) => percent(char)).join('')}&x=1`, HEX_KEY), 'k=[redacted]&x=1');
  });
});

describe('known keys: base64', () => {
  test('the key alone, standard or URL-safe, with or without padding', () => {
    for (const key of KEYS) {
      for (const prefix of ['', 'a', 'ab']) {
        const standard = base64(prefix + key);
        assert.equal(redactsClean(`token ${standard} end`, key), 'token [redacted] end');
        assert.equal(redactsClean(`token ${standard.replace(/=+$/, '')} end`, key), 'token [redacted] end');
        assert.equal(redactsClean(`token ${base64url(prefix + key)} end`, key), 'token [redacted] end');
      }
    }
  });

  test('embedded in a longer blob at every byte offset', () => {
    for (const key of KEYS) {
      for (let offset = 0; offset < 7; offset++) {
        const blob = base64(`${'#'.repeat(offset)}${key}${'?'.repeat(9 - offset)} and some more bytes after it`);
        assert.equal(redactsClean(`data:${blob};`, key), 'data:[redacted];', `${key} at byte ${offset}`);
      }
    }
  });

  test('an Authorization: Basic header of user:key', () => {
    for (const key of KEYS) {
      assert.equal(redactsClean(`Authorization: Basic ${base64(`user:${key}`)}\r\n`, key), 'Authorization: Basic [redacted]\r\n');
      assert.equal(redactsClean(`basic ${base64(`${key}:`)}`, key), 'basic [redacted]');
    }
  });

  test('base64 of a JSON body holding the key, as a JSON string value', () => {
    const body = JSON.stringify({ model: 'kimi-k2', api_key: DOTTED_KEY, messages: [{ role: 'user', content: 'hi' }] });
    const echoed = JSON.stringify({ error: { message: 'bad request', request_body: base64(body) } });
    assert.equal(redactsClean(echoed, DOTTED_KEY), '{"error":{"message":"bad request","request_body":"[redacted]"}}');
  });

  test('MIME-wrapped at 76 columns: the whole blob goes, the text around it stays', () => {
    const body = `${'lorem ipsum dolor sit amet '.repeat(8)}key=${MOONSHOT_KEY}&${'consectetur adipiscing '.repeat(8)}`;
    const wrapped = base64(body).replace(/(.{76})/g, '$1\r\n');
    assert.ok(wrapped.split('\r\n').length > 5);
    const header = 'Content-Transfer-Encoding: base64\r\n\r\n';
    assert.equal(redactsClean(`${header}${wrapped}\r\n--boundary--`, MOONSHOT_KEY), `${header}[redacted]\r\n--boundary--`);
  });

  test('wrapped with indentation, and with the key split across the line break', () => {
    for (let split = 4; split < 8; split++) {
      const blob = base64(`user:${UNDERSCORE_KEY}`);
      const text = `  credential:\n    ${blob.slice(0, split * 4)}\n    ${blob.slice(split * 4)}\n  next: 1`;
      assert.equal(redactsClean(text, UNDERSCORE_KEY), '  credential:\n    [redacted]\n  next: 1');
    }
  });

  test('a 12-character piece of the key inside base64', () => {
    for (let offset = 0; offset < 3; offset++) {
      const piece = HEX_KEY.slice(5, 17);
      assert.equal(redactsClean(`v=${base64(`${'-'.repeat(offset)}${piece}...`)};`, HEX_KEY), 'v=[redacted];', `offset ${offset}`);
    }
  });

  test('percent-encoded base64 in a query string, and JSON-escaped base64 (`\\/`)', () => {
    const key = MOONSHOT_KEY;
    // Bytes picked so the blob has `+`, `/` and padding in it.
    const blob = Buffer.concat([Buffer.from([0xfb, 0xff]), Buffer.from(key), Buffer.from([0xfe])]).toString('base64');
    assert.match(blob, /^\+\/.*=$/);
    assert.equal(redactsClean(`/cb?auth=${encodeURIComponent(blob)}&next=1`, key), '/cb?auth=[redacted]&next=1');
    assert.equal(redactsClean(`{"auth":"${blob.replace(/\//g, '\\/')}"}`, key), '{"auth":"[redacted]"}');
  });
});

describe('known keys: wrapped across lines', () => {
  test('hard-wrapped at 40 columns, by \\n, \\r\\n, \\n plus indentation or a space', () => {
    for (const key of KEYS) {
      for (const breakWith of ['\n', '\r\n', '\n      ', ' ', '\t']) {
        for (const at of [1, 6, 13, key.length - 2]) {
          const text = `Error: the key ${key.slice(0, at)}${breakWith}${key.slice(at)} is not valid`;
          assert.equal(redactsClean(text, key), 'Error: the key [redacted] is not valid', `${JSON.stringify(breakWith)} at ${at}`);
        }
      }
    }
  });

  test('an error body wrapped at 40 columns, the key across several lines', () => {
    const key = `${MOONSHOT_KEY}${HEX_KEY}`; // long enough for three lines
    const body = `{"error":"invalid api key: ${key}"}`;
    const wrapped = body.replace(/(.{40})/g, '$1\n');
    assert.ok(wrapped.split('\n').length >= 3);
    const redacted = redactsClean(wrapped, key);
    assert.equal(redacted, '{"error":"invalid api key: [redacted]"}');
  });

  test('a JSON string with literal \\n escapes (and indentation) inside the key', () => {
    for (const key of KEYS) {
      const text = JSON.stringify({ detail: `key ${key.slice(0, 9)}\n  ${key.slice(9, 20)}\r\n${key.slice(20)} refused` });
      assert.equal(redactsClean(text, key), '{"detail":"key [redacted] refused"}');
    }
  });

  test('one marker covers the whole wrapped key', () => {
    const key = UNDERSCORE_KEY;
    const redacted = redactSecrets(`x ${key.slice(0, 10)}\n${key.slice(10, 20)}\n${key.slice(20)} y`, [key]);
    assert.equal(redacted, 'x [redacted] y');
  });
});

describe('known keys: escaped', () => {
  test('JSON \\uXXXX escapes of some or all of the characters, in either case of hex digit', () => {
    for (const key of KEYS) {
      for (const every of [1, 2, 4]) {
        for (const upper of [false, true]) {
          const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`;
          const escaped = [...key].map((char, i) => (i % every === 0 ? escape(char) : char)).join('');
          assert.equal(redactsClean(`{"message":"bad key ${escaped}"}`, key), '{"message":"bad key [redacted]"}', `every ${every}`);
        }
      }
    }
  });

  test('`\\/` in a key with slashes, and a JSON string inside a JSON string', () => {
    const key = 'AKIA/Tq7v+X2mL/p9Rz4Kw8';
    assert.equal(redactsClean(JSON.stringify({ key }).replace(/\//g, '\\/'), key), '{"key":"[redacted]"}');
    const inner = JSON.stringify({ error: `key ${DOTTED_KEY.slice(0, 10)}\n${DOTTED_KEY.slice(10)} refused`.replace(/o/g, '\u00f6') });
    const outer = JSON.stringify({ body: inner.replace(/k/g, '\\u006b') });
    assert.ok(outer.includes('\\\\u006b') && outer.includes('\\\\n'));
    assert.equal(leaks(redactSecrets(outer, [DOTTED_KEY]), DOTTED_KEY), false);
    assert.equal(redactSecrets(outer, [DOTTED_KEY]).includes('[redacted]'), true);
  });

  test('HTML entities, decimal and hex, for some or all of the characters', () => {
    for (const key of KEYS) {
      const all = [...key].map((char) => `&#${char.charCodeAt(0)};`).join('');
      assert.equal(redactsClean(`<p>Key: ${all}</p>`, key), '<p>Key: [redacted]</p>');
      const code = (char: string) => char.charCodeAt(0).toString(16);
      const some = [...key].map((char, i) => [`&#x${code(char)};`, `&#X${code(char).toUpperCase()};`, char][i % 3]).join('');
      assert.equal(redactsClean(`<p>Key: ${some}</p>`, key), '<p>Key: [redacted]</p>');
    }
  });

  test('hex of the whole key, lower or upper case, alone or inside a longer hex dump', () => {
    for (const key of KEYS) {
      assert.equal(redactsClean(`hex=${hex(key)};`, key), 'hex=[redacted];');
      assert.equal(redactsClean(`HEX=${hex(key).toUpperCase()};`, key), 'HEX=[redacted];');
      assert.equal(redactsClean(`dump 00ff${hex(`\n${key}\n`)}00ff end`, key), 'dump [redacted] end');
    }
  });

  test('hex of a 12-character piece of the key, and `\\x` escapes', () => {
    const piece = MOONSHOT_KEY.slice(8, 20);
    assert.equal(redactsClean(`h=${hex(piece)};`, MOONSHOT_KEY), 'h=[redacted];');
    const escaped = [...MOONSHOT_KEY].map((char) => `\\x${char.charCodeAt(0).toString(16)}`).join('');
    assert.equal(redactSecrets(`b'${escaped}'`, [MOONSHOT_KEY]), "b'[redacted]'");
  });

  test('forms combined: percent-encoded and wrapped, HTML entities in JSON, escapes inside base64 runs', () => {
    const key = DOTTED_KEY;
    const pct = [...key].map((char) => percent(char)).join('');
    assert.equal(redactsClean(`k=${pct.slice(0, 30)}\n    ${pct.slice(30)}&x`, key), 'k=[redacted]&x');
    const html = [...key].map((char) => `&#${char.charCodeAt(0)};`).join('');
    assert.equal(redactsClean(JSON.stringify({ html: `<b>${html}</b>` }), key), '{"html":"<b>[redacted]</b>"}');
    const blob = base64(`user:${key}`);
    const encoded = [...blob].map((char) => (/[A-Z]/.test(char) ? percent(char) : encodeURIComponent(char))).join('');
    assert.equal(redactsClean(`Basic%20${encoded}%20end`, key), 'Basic%20[redacted]%20end');
  });
});

describe('known keys: what stays', () => {
  const key = MOONSHOT_KEY;

  test('ordinary prose and code are left exactly as they are', () => {
    const prose =
      'The request failed because the model returned an unexpected status.\n' +
      'Internationalization and configuration settings were straightforward; see https://docs.test/a/b?x=1&y=%20z.\n' +
      '    Indented, wrapped,\r\n  and “quoted” text — with emoji 😀 — stays.';
    const code =
      'function decode(s: string) {\n' +
      '  return s.replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));\n' +
      '}\nconst x = "\\u00e9\\n\\t" + `&#38;` + "&amp;";';
    for (const text of [prose, code]) {
      assert.equal(redactSecrets(text, KEYS), text);
      assert.equal(redactKnownSecrets(text, KEYS), text);
    }
  });

  test('base64 and hex of unrelated data are left alone', () => {
    const unrelated = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 73 + 41) % 256));
    const png = `data:image/png;base64,${unrelated.toString('base64')}`;
    const mime = unrelated.toString('base64').replace(/(.{76})/g, '$1\n');
    const sha = `sha256=${unrelated.subarray(0, 32).toString('hex')}`;
    const json = `{"payload":"${base64(JSON.stringify({ model: 'kimi', messages: [{ role: 'user', content: 'hello' }] }))}"}`;
    for (const text of [png, mime, sha, json, `Basic ${base64('just a phrase, no colon')}`]) {
      assert.equal(redactSecrets(text, KEYS), text);
    }
  });

  test('a 12-character ordinary word, and words sharing a shorter piece with the key, are left alone', () => {
    const text = `configurable straightforward ${key.slice(3, 11)}xyz ${key.slice(10, 20)} - ${key.slice(12, 23)}`;
    assert.equal(redactSecrets(text, [key]), text);
    // Each piece is below 12 characters, and together they are not a piece of the key: they are not adjacent in it.
    assert.equal(redactSecrets(`${key.slice(20, 30)} ${key.slice(3, 13)}`, [key]), `${key.slice(20, 30)} ${key.slice(3, 13)}`);
  });

  test('two adjacent pieces of the key split by a space are the key wrapped, and go', () => {
    assert.equal(redactSecrets(`x ${key.slice(3, 13)} ${key.slice(13, 23)} y`, [key]), 'x [redacted] y');
  });

  test('"Basic" in prose, and Basic credentials that are not user:password, are left alone', () => {
    const text = `Basic usage: see Basic configuration; Basic ${base64('\x00\x01binary:\x02')} and Basic ${base64('nocolonhere')}`;
    assert.equal(redactSecrets(text), text);
  });

  test('any Basic credential that decodes to user:password goes, known key or not', () => {
    assert.equal(redactSecrets(`Authorization: Basic ${base64('admin:hunter2')}`), 'Authorization: Basic [redacted]');
    assert.equal(redactSecrets(`proxy-authorization: basic ${base64url('ü:pässwörd?>>')}`), 'proxy-authorization: basic [redacted]');
  });

  test('escapes that decode to something else are not taken for the key', () => {
    const piece = key.slice(3, 14);
    const text = `%${piece} \\${piece} &#${piece} %25${piece}`;
    assert.equal(redactSecrets(text, [key]), text);
  });
});

describe('redactKnownSecrets', () => {
  test('removes the known keys in every form, with the marker given, and applies no shapes', () => {
    const text = `Bearer abcdefghijklmnop ${MOONSHOT_KEY} ${base64(`u:${HEX_KEY}`)} sk-otherkey12345`;
    assert.equal(redactKnownSecrets(text, [MOONSHOT_KEY, HEX_KEY], '***'), 'Bearer abcdefghijklmnop *** *** sk-otherkey12345');
    assert.equal(redactKnownSecrets(text, []), text);
  });
});
