// The buttons on code blocks in the chat: copy, insert at the cursor of the last focused editor, and apply
// (which proposes the change for review rather than writing it).
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export type ProposeReplacement = (document: vscode.TextDocument, range: vscode.Range, code: string) => Promise<void>;

export class CodeBlockActions extends Disposable {
  /** The chat webview takes focus when its buttons are clicked, so remember the editor the user was in. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(private readonly proposeReplacement: ProposeReplacement) {
    super();
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    );
  }

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  async insert(code: string): Promise<void> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showWarningMessage('Kimi: open a file to insert the code into.');
      return;
    }
    await editor.edit((builder) => builder.replace(editor.selection, code));
  }

  /** Replaces the selection, or the whole file when nothing is selected, through the change review. */
  async apply(code: string): Promise<void> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showWarningMessage('Kimi: open the file the code belongs to, then press Apply again.');
      return;
    }
    const document = editor.document;
    const range = editor.selection.isEmpty
      ? new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length))
      : editor.selection;
    await this.proposeReplacement(document, range, code);
  }

  private targetEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (editor && vscode.window.visibleTextEditors.includes(editor)) return editor;
    return vscode.window.visibleTextEditors[0];
  }
}
