// Every command the manifest promises is really registered once the extension is active.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKimi, contributedCommands } from './extension-host';

suite('commands', () => {
  suiteSetup(async () => {
    await activateKimi();
  });

  test('the manifest contributes commands', () => {
    assert.ok(contributedCommands().length > 0);
  });

  test('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands().filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
