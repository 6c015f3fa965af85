// Moving the keyboard focus between the editor and the chat: "Kimi: Focus Chat Input" puts it in the chat's
// input, or, pressed while the focus is already in the chat, back in the editor (so one key goes there and
// back); "Kimi: Return to Editor from Chat" only goes back. The webview reports where its focus is: VS Code's
// `focusedView` context key does not follow the focus into a webview view, so a `when` clause cannot tell.
import * as vscode from 'vscode';

export interface ChatInput {
  readonly hasFocus: boolean;
  focusInput(): void;
}

const returnToEditor = () => vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');

export function registerChatFocusCommands(chat: ChatInput): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kimiAssistant.focusInput', () => (chat.hasFocus ? returnToEditor() : chat.focusInput())),
    vscode.commands.registerCommand('kimiAssistant.returnToEditor', returnToEditor),
  ];
}
