// Moving the keyboard focus between the editor and the chat: "Kimi: Focus Chat Input" (from anywhere) and
// "Kimi: Return to Editor" (from the chat). One keybinding does both, depending on where the focus is.
import * as vscode from 'vscode';

export interface ChatInput {
  focusInput(): void;
}

export function registerChatFocusCommands(chat: ChatInput): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kimiAssistant.focusInput', () => chat.focusInput()),
    vscode.commands.registerCommand('kimiAssistant.returnToEditor', () => vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup')),
  ];
}
