// Shared by the integration suites that talk to a model: a strict fake Kimi server in this host, the
// extension pointed at it, and helpers to put a file back and wait for the editor to catch up.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startFakeKimi, type FakeKimi } from '../fixtures/fake-kimi/server';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { activateKimi, workspaceRoot } from './extension-host';

export async function connectFakeModel(apiKey: string, options: { contextWindow?: number } = {}): Promise<FakeKimi> {
  const fake = await startFakeKimi({ flavor: 'aimlapi', apiKey, ...options });
  const config = vscode.workspace.getConfiguration('kimiAssistant');
  await config.update('provider', 'aimlapi', vscode.ConfigurationTarget.Global);
  await config.update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: apiKey, provider: 'aimlapi' });
  return fake;
}

export async function disconnectFakeModel(fake: FakeKimi): Promise<void> {
  await vscode.commands.executeCommand('kimiAssistant.clearApiKey', { provider: 'aimlapi' });
  await vscode.workspace.getConfiguration('kimiAssistant').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
  await fake.close();
}

/**
 * For the enclosing suite: the extension activated and pointed at a fresh fake Kimi before its other
 * suiteSetup hooks run, and disconnected after its tests. The fields are set once the suite has started.
 */
export function fakeModelSuite(apiKey: string, options: { contextWindow?: number } = {}): { readonly api: KimiAssistantApi; readonly fake: FakeKimi } {
  const state = {} as { api: KimiAssistantApi; fake: FakeKimi };
  suiteSetup(async () => {
    state.api = await activateKimi();
    state.fake = await connectFakeModel(apiKey, options);
  });
  suiteTeardown(() => disconnectFakeModel(state.fake));
  return state;
}

/** Puts a file back to the given text on disk and in its (clean) buffer, with no editor open. */
export async function resetFile(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  // Undo leaves the buffer dirty: drop that first, or the file on disk and the buffer disagree.
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) {
    await vscode.window.showTextDocument(open);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // Rewriting identical bytes still moves the file's mtime, and the editor hears of it only later: a save
  // before then looks like a conflict with a newer file on disk and fails. Write only what differs; a
  // different text is then awaited below, so the editor has seen the new version before the test goes on.
  if ((await readFile(uri.fsPath, 'utf8').catch(() => undefined)) !== text) await writeFile(uri.fsPath, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await waitFor(() => document.getText() === text, 'the document reloads from disk');
  return document;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Opens src/calculator.ts with lines 2-4 selected (what Ask About Selection sends) in a new chat; returns a
 * hash of the file on disk, to prove a case touched no file.
 */
export async function openCalculatorInNewChat(): Promise<() => Promise<string>> {
  const file = vscode.Uri.joinPath(workspaceRoot(), 'src/calculator.ts');
  const editor = await vscode.window.showTextDocument(file);
  editor.selection = new vscode.Selection(1, 0, 3, 1);
  await vscode.commands.executeCommand('kimiAssistant.newChat');
  return async () => createHash('sha256').update(await readFile(file.fsPath)).digest('hex');
}
