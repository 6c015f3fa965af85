// Secrets never reach a log line: known keys verbatim, and anything shaped like a key.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../src/common/redact';

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
