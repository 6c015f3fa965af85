// The chat view is contributed and VS Code can show it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKimi } from './extension-host';

suite('chat view', () => {
  suiteSetup(async () => {
    await activateKimi();
  });

  test('the chat view can be focused', async () => {
    // VS Code registers `<view id>.focus` only for contributed views; running it opens the container and
    // resolves the webview view.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kimiAssistant.chatView.focus'), 'kimiAssistant.chatView.focus is not registered');
    await vscode.commands.executeCommand('kimiAssistant.chatView.focus');
  });
});
