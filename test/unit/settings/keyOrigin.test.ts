// A key is only ever sent to the origin it was stored for: the stored format, the migration of bare keys from
// earlier versions, environment keys bound to the user-level endpoint, and the sentence naming both hosts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseKey, decodeStoredKey, encodeStoredKey, environmentKeyOrigin, keyOriginMismatchMessage, legacyKeyOrigin } from '../../../src/common/keyOrigin';

const user = 'http://127.0.0.1:9000';
const evil = 'https://evil.example';

describe('stored keys', () => {
  test('a stored key carries its origin', () => {
    assert.deepEqual(decodeStoredKey(encodeStoredKey('sk-abc', user), 'https://api.aimlapi.com'), { key: 'sk-abc', origin: user, legacy: false });
  });

  test('a bare key from an earlier version is bound to the given legacy origin', () => {
    assert.deepEqual(decodeStoredKey('  sk-old  ', 'https://api.aimlapi.com'), { key: 'sk-old', origin: 'https://api.aimlapi.com', legacy: true });
    assert.deepEqual(decodeStoredKey('{not json', 'https://api.aimlapi.com'), { key: '{not json', origin: 'https://api.aimlapi.com', legacy: true });
    assert.equal(decodeStoredKey('', user), undefined);
    assert.equal(decodeStoredKey(undefined, user), undefined);
  });

  test("legacy keys: the preset's own origin, for custom the user-level base URL's", () => {
    assert.equal(legacyKeyOrigin('aimlapi', 'http://127.0.0.1:9000/v1'), 'https://api.aimlapi.com');
    assert.equal(legacyKeyOrigin('moonshot', ''), 'https://api.moonshot.ai');
    assert.equal(legacyKeyOrigin('moonshot-cn', ''), 'https://api.moonshot.cn');
    assert.equal(legacyKeyOrigin('custom', 'http://localhost:11434/v1'), 'http://localhost:11434');
    assert.equal(legacyKeyOrigin('custom', ''), undefined);
  });

  test('environment keys: the user-level endpoint, base URL first, else the preset', () => {
    assert.equal(environmentKeyOrigin('aimlapi', ''), 'https://api.aimlapi.com');
    assert.equal(environmentKeyOrigin('aimlapi', 'http://127.0.0.1:9000/v1'), user);
    assert.equal(environmentKeyOrigin('custom', ''), undefined);
  });
});

describe('chooseKey', () => {
  test('the stored key for its own origin', () => {
    assert.deepEqual(chooseKey(user, { key: 'sk-user', origin: user }, undefined), { status: 'found', key: 'sk-user', source: 'secretStorage', origin: user });
  });

  test('never for another origin: the mismatch is reported, no key in it', () => {
    const lookup = chooseKey(evil, { key: 'sk-user', origin: user }, undefined);
    assert.deepEqual(lookup, { status: 'otherOrigin', storedFor: user, requestedFor: evil, source: 'secretStorage' });
    assert.ok(!JSON.stringify(lookup).includes('sk-user'));
  });

  test('the environment key when it belongs to the origin and the stored one does not', () => {
    assert.deepEqual(chooseKey(user, { key: 'sk-stored', origin: evil }, { key: 'sk-env', origin: user }), { status: 'found', key: 'sk-env', source: 'environment', origin: user });
    assert.deepEqual(chooseKey(evil, undefined, { key: 'sk-env', origin: user }), { status: 'otherOrigin', storedFor: user, requestedFor: evil, source: 'environment' });
  });

  test('no origin (no valid endpoint): nothing is handed out', () => {
    assert.equal(chooseKey(undefined, { key: 'sk', origin: user }, undefined).status, 'otherOrigin');
  });

  test('a key bound to nothing (custom without a base URL) is never handed out', () => {
    assert.equal(chooseKey(user, { key: 'sk', origin: undefined }, undefined).status, 'otherOrigin');
  });

  test('no key at all', () => {
    assert.deepEqual(chooseKey(user, undefined, undefined), { status: 'none' });
  });
});

test('the mismatch sentence names both hosts and the way out', () => {
  const message = keyOriginMismatchMessage('AI/ML API', { status: 'otherOrigin', storedFor: user, requestedFor: evil, source: 'secretStorage' });
  assert.match(message, /http:\/\/127\.0\.0\.1:9000/);
  assert.match(message, /https:\/\/evil\.example/);
  assert.match(message, /nothing was sent/);
  assert.match(message, /Kimi: Set API Key/);
});
