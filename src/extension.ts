// Entry point: builds the services and registers views and commands. Nothing else lives here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kimiAssistant.showLogs', () => undefined),
  );
}

export function deactivate(): void {}
