// Accept writes the file (when its buffer was clean), but Undo only changes the buffer: after an Undo that
// takes an accepted change back out, the disk still has it. Rather than save behind the user's back on Undo,
// this says so once per file and accept, with a Save button, so what ends up on disk is never a surprise.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

interface Watched {
  /** The text before the accept: an Undo that brings the buffer back to it undid the accepted change. */
  before: string;
  relativePath: string;
}

export class AcceptedUndoNote extends Disposable {
  private readonly watched = new Map<string, Watched>();

  constructor() {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.watched.delete(document.uri.toString())));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.watched.delete(document.uri.toString())));
  }

  /** An accept saved `uri`, whose text was `before`: watch for the Undo that takes it back. */
  acceptedAndSaved(uri: vscode.Uri, before: string, relativePath: string): void {
    this.watched.set(uri.toString(), { before, relativePath });
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.reason !== vscode.TextDocumentChangeReason.Undo) return;
    const key = event.document.uri.toString();
    const watched = this.watched.get(key);
    if (!watched || !event.document.isDirty || event.document.getText() !== watched.before) return;
    this.watched.delete(key);
    const document = event.document;
    void vscode.window
      .showInformationMessage(`Kimi: Undo took the accepted change out of ${watched.relativePath} in the editor; the file on disk still has it until you save.`, 'Save')
      .then(async (choice) => {
        if (choice === 'Save' && !document.isClosed) await document.save();
      });
  }
}
