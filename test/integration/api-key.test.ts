// The key commands' automation path (an argument instead of an input box) stores and removes the key in
// SecretStorage. The runner starts this host without AIMLAPI_API_KEY, so only a stored key can count.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { activateKimi } from './extension-host';

suite('API key', () => {
  let api: KimiAssistantApi;

  suiteSetup(async () => {
    api = await activateKimi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('kimiAssistant.clearApiKey', { provider: 'aimlapi' });
  });

  test('no key is stored at first', async () => {
    assert.equal(await api.hasApiKey('aimlapi'), false);
  });

  test('Set API Key with an argument stores the key', async () => {
    await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: 'sk-test-123', provider: 'aimlapi' });
    assert.equal(await api.hasApiKey('aimlapi'), true);
  });

  test('a key stored for one provider does not count for another', async () => {
    await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: 'sk-test-123', provider: 'aimlapi' });
    assert.equal(await api.hasApiKey('moonshot'), false);
  });

  test('Clear API Key removes the stored key', async () => {
    await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: 'sk-test-123', provider: 'aimlapi' });
    await vscode.commands.executeCommand('kimiAssistant.clearApiKey', { provider: 'aimlapi' });
    assert.equal(await api.hasApiKey('aimlapi'), false);
  });
});
