// The palette commands of long tasks: choose the chat mode, approve the waiting plan, compact the conversation.
// Each also takes its argument directly (automation and keybindings), so no prompt is needed.
import * as vscode from 'vscode';
import { chatModeLabels, chatModes } from '../../common/modes/modeNames';
import { chatModeSchema } from '../../common/modes/modeSchema';
import type { ChatController } from '../chat/chatController';

const modeDetails = {
  ask: 'Answers only: no tools',
  plan: 'Reads the workspace and writes a plan and a todo list to approve; changes nothing',
  agent: 'Reads, proposes edits and runs commands (each reviewed as set in the settings)',
} as const;

export function registerLongTaskCommands(chat: ChatController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kimiAssistant.setMode', async (argument?: unknown) => {
      const given = chatModeSchema.safeParse(argument);
      if (given.success) return chat.setMode(given.data);
      const picked = await vscode.window.showQuickPick(
        chatModes.map((mode) => ({ label: chatModeLabels[mode], detail: modeDetails[mode], mode })),
        { title: 'Kimi: Chat Mode' },
      );
      if (picked) await chat.setMode(picked.mode);
    }),
    vscode.commands.registerCommand('kimiAssistant.approvePlan', (argument?: unknown) =>
      chat.approvePlan(typeof argument === 'string' ? argument : undefined),
    ),
    vscode.commands.registerCommand('kimiAssistant.compactConversation', (argument?: unknown) =>
      chat.compact(typeof argument === 'string' ? argument : undefined),
    ),
  ];
}
