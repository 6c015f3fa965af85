// "Kimi: Open Answer in Accessible View": the focused (or last) answer as read-only markdown in an editor,
// where a screen reader reads it line by line with the editor's own keys, as VS Code's accessible view does.
// Served from memory under its own scheme: nothing is written to disk and closing it asks nothing.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export const ACCESSIBLE_VIEW_SCHEME = 'kimi-answer';

export interface AnswerSource {
  answerForAccessibleView(): { turnId: string; number: number; markdown: string } | undefined;
}

export class AccessibleView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly answers: AnswerSource) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(ACCESSIBLE_VIEW_SCHEME, this));
    this.register(vscode.commands.registerCommand('kimiAssistant.openAccessibleView', () => this.open()));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async open(): Promise<void> {
    const answer = this.answers.answerForAccessibleView();
    if (!answer) {
      void vscode.window.showInformationMessage('Kimi: there is no answer to show yet.');
      return;
    }
    // One document per answer: opening it again shows what it says now (an answer still streaming grows).
    const uri = vscode.Uri.from({ scheme: ACCESSIBLE_VIEW_SCHEME, path: `/Kimi answer ${answer.number}.md`, query: answer.turnId });
    this.texts.set(uri.toString(), answer.markdown);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  }
}
