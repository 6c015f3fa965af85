// The extension loads in a real extension host and hands back its public API.
import assert from 'node:assert/strict';
import { activateKimi, kimiExtension } from './extension-host';

suite('activation', () => {
  test('the extension activates', async () => {
    await activateKimi();
    assert.equal(kimiExtension().isActive, true);
  });

  test('activate() reports how long activation took', async () => {
    const api = await activateKimi();
    assert.ok(Number.isFinite(api.activationTimeMs), `activationTimeMs is ${api.activationTimeMs}`);
    assert.ok(api.activationTimeMs >= 0 && api.activationTimeMs < 10_000, `activationTimeMs is ${api.activationTimeMs}`);
  });
});
