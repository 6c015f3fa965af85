// The documents the client has open, kept in sync incrementally, with where each was last edited (the
// context of a completion includes the user's recent edits in other files).
import { fileURLToPath } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { RecentEdits } from '../common/completions/recentEdits';

export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();
  readonly recent = new RecentEdits();

  constructor(private readonly roots: () => string[]) {}

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument }) => {
      this.documents.set(textDocument.uri, TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text));
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return;
      const updated = TextDocument.update(document, contentChanges, textDocument.version);
      this.documents.set(textDocument.uri, updated);
      this.recent.noteChange(textDocument.uri, this.displayPath(textDocument.uri), updated.getText(), changedLine(contentChanges));
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.documents.delete(textDocument.uri);
      this.recent.forget(textDocument.uri);
    });
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Relative to the workspace folder that holds it, else the file path, else the URI. */
  displayPath(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    const path = fileURLToPath(uri);
    for (const root of this.roots()) {
      const inside = relative(root, path);
      if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split('\\').join('/');
    }
    return path;
  }
}

function changedLine(changes: TextDocumentContentChangeEvent[]): number {
  const last = changes[changes.length - 1];
  return last && 'range' in last ? last.range.start.line : 0;
}
