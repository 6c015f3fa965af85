// First run: open the walkthrough once, and give it a sample snippet to try the editor commands on.
import * as vscode from 'vscode';

const WALKTHROUGH = 'kimi-assistant.kimi-assistant#gettingStarted';
const SHOWN_KEY = 'kimiAssistant.walkthroughShown';

const SAMPLE = `// A small function to try Kimi on: select it (or put the cursor inside) and run
// "Kimi: Explain Selection" from the right-click menu or with Ctrl+Alt+K E.
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
`;

export function registerOnboarding(context: vscode.ExtensionContext): vscode.Disposable[] {
  if (!context.globalState.get<boolean>(SHOWN_KEY)) {
    void context.globalState.update(SHOWN_KEY, true);
    void vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  }
  return [
    vscode.commands.registerCommand('kimiAssistant.openWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false)),
    vscode.commands.registerCommand('kimiAssistant.openSample', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: SAMPLE });
      const editor = await vscode.window.showTextDocument(document);
      const start = SAMPLE.split('\n').findIndex((line) => line.startsWith('function'));
      editor.selection = new vscode.Selection(start, 0, start + 4, 1);
    }),
  ];
}
