// Reading and changing documents the way the editor sees them: the open buffer when there is one (dirty
// or not), the disk otherwise. Changes go through one WorkspaceEdit that touches only the changed span,
// so Undo restores it and cursors and markers elsewhere stay put.
import * as vscode from 'vscode';
import { textAsEditorWouldRead } from '../../common/edits/editorDecoding';

/**
 * The document's current text, or undefined when the file does not exist. A file the editor has not loaded
 * is read from disk when its bytes read the same either way, so that the agent's reads neither load a text
 * model nor have every language service parse the file.
 */
export async function readDocumentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
  const files = vscode.workspace.getConfiguration('files', uri);
  const plain = textAsEditorWouldRead(bytes, { encoding: files.get<string>('encoding', 'utf8'), autoGuessEncoding: files.get<boolean>('autoGuessEncoding', false) });
  if (plain !== undefined) return plain;
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}

export interface ApplyOptions {
  /** Create the file first (a proposed new file). */
  create?: boolean;
  /** Always save afterwards (scratch files). */
  save?: boolean;
  /** Save afterwards only when the document had no unsaved changes before: never save the user's pending work. */
  saveIfClean?: boolean;
}

/** What became of the change on disk: written, left in the open editor on purpose, or refused by the save. */
export type SaveOutcome = 'saved' | 'left-unsaved' | 'save-failed';

export async function applyTextToDocument(uri: vscode.Uri, text: string, options: ApplyOptions = {}): Promise<SaveOutcome> {
  const edit = new vscode.WorkspaceEdit();
  if (options.create) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused to create ${uri.fsPath}.`);
    const created = await vscode.workspace.openTextDocument(uri);
    return options.save || options.saveIfClean ? saveDocument(created) : 'left-unsaved';
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const current = document.getText();
  if (current !== text) {
    const { start, endInCurrent, replacement } = changedSpan(current, text);
    edit.replace(uri, new vscode.Range(document.positionAt(start), document.positionAt(endInCurrent)), replacement);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused the edit to ${uri.fsPath}.`);
  }
  return options.save || (options.saveIfClean && !wasDirty) ? saveDocument(document) : 'left-unsaved';
}

/**
 * `save()` resolves false rather than throwing when VS Code does not write the file (the disk copy is
 * newer, a read-only or full disk, a save participant that failed): the change is then only in the buffer.
 */
async function saveDocument(document: vscode.TextDocument): Promise<SaveOutcome> {
  return (await document.save()) ? 'saved' : 'save-failed';
}

/** The smallest single replacement that turns `current` into `next` (common prefix and suffix kept). */
export function changedSpan(current: string, next: string): { start: number; endInCurrent: number; replacement: string } {
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair or a CRLF between the kept and the replaced parts.
  while (start > 0 && (isLowSurrogate(current.charCodeAt(start)) || (current[start] === '\n' && current[start - 1] === '\r'))) start--;
  return { start, endInCurrent: current.length - suffix, replacement: next.slice(start, next.length - suffix) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
