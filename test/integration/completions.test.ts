// Ghost-text completions in the real extension host: vscode-languageclient starts the Kimi language server when
// completions are turned on, VS Code's inline-suggestion controller shows its answer after typing, the command
// Tab is bound to accepts it and the one Escape is bound to dismisses it; a crashed server is restarted and
// the user is told once. The fake Kimi server is the model (AI/ML API flavor: the prefix/suffix prompt).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { faults, type FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, waitFor } from './fake-model';

const KEY = 'completions-test-key';
const chatRequests = (fake: FakeKimi) => fake.requests.filter((request) => request.path === '/v1/chat/completions');
const lastUserText = (fake: FakeKimi) => {
  const body = chatRequests(fake).at(-1)?.body as { messages: { role: string; content: string }[] } | undefined;
  return body?.messages.at(-1)?.content ?? '';
};

async function typeAtEnd(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  for (const char of text) await vscode.commands.executeCommand('type', { text: char });
}

const START = 'export function multiply(a: number, b: number): number {\n  \n}\n';

/** Puts the file back to `text`, the cursor at the end of line 1. */
async function resetEditor(editor: vscode.TextEditor, text = START): Promise<void> {
  await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
  await editor.edit((builder) => builder.replace(whole, text));
  const end = editor.document.lineAt(1).range.end;
  editor.selection = new vscode.Selection(end, end);
}

/** Accepts a suggestion as Tab does, once one is showing. */
async function acceptWhenShown(editor: vscode.TextEditor, expected: string): Promise<void> {
  await waitFor(async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    return editor.document.getText().includes(expected);
  }, `the suggestion "${expected}" is shown and accepted`, 20_000);
}

suite('Ghost-text completions through vscode-languageclient', function () {
  this.timeout(90_000);
  let api: KimiAssistantApi;
  let fake: FakeKimi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel(KEY);
    fake.setFallback(() => ({ kind: 'reply', content: '```ts\na * b;\n```' }));
    const settings = vscode.workspace.getConfiguration('kimiAssistant');
    await settings.update('completions.debounceMs', 20, vscode.ConfigurationTarget.Global);
    assert.equal((await api.completions()).enabled, false, 'off until the user turns them on');
    assert.equal((await api.completions()).running, false, 'no server while off');
    await vscode.commands.executeCommand('kimiAssistant.toggleCompletions');
    await waitFor(async () => (await api.completions()).pid, 'the language server runs', 30_000);
    const root = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(root, 'src/ghost.ts');
    await writeFile(file.fsPath, START);
    editor = await vscode.window.showTextDocument(file);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.getConfiguration('kimiAssistant').update('completions.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('kimiAssistant').update('completions.debounceMs', undefined, vscode.ConfigurationTarget.Global);
    await disconnectFakeModel(fake);
  });

  test('ghost text appears after typing and Tab (inlineSuggest.commit) accepts it', async () => {
    const before = chatRequests(fake).length;
    await typeAtEnd(editor, 1, 'return ');
    await acceptWhenShown(editor, 'return a * b;');
    assert.equal(editor.document.lineAt(1).text, '  return a * b;');
    assert.ok(chatRequests(fake).length > before);
    assert.match(lastUserText(fake), /return <CURSOR>\n\}/, 'the prompt had the typed text and the cursor');
    assert.equal(editor.document.lineCount, 4, 'the closing brace was not duplicated');
    const state = await api.completions();
    assert.ok(state.costToday.usd > 0, 'today’s cost counts the completion');
  });

  test('Escape (inlineSuggest.hide) dismisses the suggestion', async () => {
    await resetEditor(editor);
    fake.setFallback(() => ({ kind: 'reply', content: 'b * a;' }));
    const before = chatRequests(fake).length;
    await typeAtEnd(editor, 1, 'const product = ');
    await waitFor(() => chatRequests(fake).length > before && /const product = <CURSOR>/.test(lastUserText(fake)) && chatRequests(fake).at(-1)?.finishedAt !== undefined, 'Kimi answered');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    assert.equal(editor.document.lineAt(1).text, '  const product = ', 'nothing was inserted after Escape');
    // The suggestion was there to dismiss: asked again (from the cache, no request), Tab takes it.
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await acceptWhenShown(editor, 'const product = b * a;');
  });

  test('a crashed server is restarted and the user is told once', async () => {
    const first = (await api.completions()).pid!;
    process.kill(first, 'SIGKILL');
    const second = await waitFor(async () => {
      const pid = (await api.completions()).pid;
      return pid !== undefined && pid !== first ? pid : undefined;
    }, 'a new server process', 30_000);
    process.kill(second, 'SIGKILL');
    await waitFor(async () => {
      const pid = (await api.completions()).pid;
      return pid !== undefined && pid !== second && pid !== first;
    }, 'a third server process', 30_000);
    const state = await api.completions();
    assert.equal(state.restarts, 2);
    assert.deepEqual(state.notices, ['Kimi completions: the language server stopped unexpectedly and has been restarted.']);
    // And the restarted server still completes, for the document it was given again.
    await resetEditor(editor);
    fake.setFallback(() => ({ kind: 'reply', content: 'a * b * 1;' }));
    await typeAtEnd(editor, 1, 'return ');
    await acceptWhenShown(editor, 'return a * b * 1;');
  });

  for (const [status, fault, words] of [[401, faults.authFailed(), 'rejected the API key'], [429, faults.rateLimited(30), 'limiting the request rate']] as const) {
    test(`a ${status} while the user types is said once, not once per keystroke`, async () => {
      await resetEditor(editor);
      const noticesBefore = (await api.completions()).notices.length;
      const before = chatRequests(fake).length;
      fake.setFallback(() => fault);
      for (const char of 'let x = 1') {
        await vscode.commands.executeCommand('type', { text: char });
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      await waitFor(() => chatRequests(fake).length - before >= 3, 'several keystrokes reached the endpoint');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const notices = (await api.completions()).notices.slice(noticesBefore);
      assert.equal(notices.length, 1, JSON.stringify(notices));
      assert.match(notices[0], new RegExp(`^Kimi completions: AI/ML API .*${words}`));
      // A completion that works again lets the next failure be said again.
      fake.setFallback(() => ({ kind: 'reply', content: '+ 1;' }));
      await vscode.commands.executeCommand('type', { text: ' ' });
      await acceptWhenShown(editor, 'let x = 1 + 1;');
    });
  }

  test('turning completions off stops the server', async () => {
    const pid = (await api.completions()).pid!;
    await vscode.commands.executeCommand('kimiAssistant.toggleCompletions');
    await waitFor(async () => !(await api.completions()).running, 'the client stops');
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 'the server process ends');
  });
});
