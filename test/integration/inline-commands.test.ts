// The editor commands in the real editor: what they send the model, where the answer goes, and that every
// change they cause arrives through the review.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi, workspaceRoot } from './extension-host';
import { connectFakeModel, disconnectFakeModel, resetFile, waitFor } from './fake-model';

type RecordedBody = { messages?: { role: string; content?: unknown }[]; tools?: { function?: { name?: string } }[] };

const FILE = 'src/calculator.ts';

suite('inline commands', function () {
  this.timeout(60_000);
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  let root: vscode.Uri;
  let uri: vscode.Uri;
  let original: string;
  let manifest: string;

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel('inline-test-key');
    root = workspaceRoot();
    uri = vscode.Uri.joinPath(root, FILE);
    original = await readFile(uri.fsPath, 'utf8');
    manifest = await readFile(vscode.Uri.joinPath(root, 'package.json').fsPath, 'utf8');
  });

  suiteTeardown(async () => {
    await writeFile(uri.fsPath, original);
    await writeFile(vscode.Uri.joinPath(root, 'package.json').fsPath, manifest);
    await disconnectFakeModel(fake);
  });

  setup(async () => {
    await resetFile(uri, original);
  });

  async function selectAverage(): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(uri);
    const start = editor.document.getText().split('\n').findIndex((line) => line.includes('function average'));
    editor.selection = new vscode.Selection(start, 0, start + 6, 1);
    return editor;
  }

  function lastUserText(): string {
    const body = fake.requests.at(-1)?.body as RecordedBody | undefined;
    const content = body?.messages?.filter((message) => message.role === 'user').at(-1)?.content;
    return typeof content === 'string' ? content : JSON.stringify(content);
  }

  test('Explain Selection sends the selection with its file, lines and language', async () => {
    fake.enqueue({ kind: 'reply', reasoning: 'Summing then dividing.', content: 'It computes the **mean** of the values.' });
    await selectAverage();
    const before = fake.requests.length;
    await vscode.commands.executeCommand('kimiAssistant.explainSelection');
    assert.equal(fake.requests.length, before + 1, 'one request');
    const text = lastUserText();
    assert.match(text, /Explain .*lines 6-12 of src\/calculator\.ts/);
    assert.match(text, /function average\(values: number\[\]\)/, 'the selected code is attached');
    assert.match(text, /calculator\.ts, lines 6-12 \(typescript\)/, 'the context names file, lines and language');
  });

  test('with no selection the command acts on the enclosing function', async () => {
    fake.enqueue({ kind: 'reply', content: 'It adds.' });
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    await waitFor(async () => ((await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? []).length > 0, 'TypeScript reports symbols', 30_000);
    await vscode.commands.executeCommand('kimiAssistant.explainSelection');
    assert.match(lastUserText(), /function add \(lines 2-4\)/);
  });

  test('Refactor with a preset proposes a diff; Accept applies it and Undo reverts it', async () => {
    const refactored = original.replace(/let total = 0;\n  for \(let i = 0; i < values.length; i\+\+\) \{\n    total = total \+ values\[i\];\n  \}\n/, 'const total = values.reduce((sum, value) => sum + value, 0);\n');
    assert.notEqual(refactored, original, 'the fixture has the loop to refactor');
    fake.enqueue(
      { kind: 'reply', reasoning: 'Use reduce.', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: FILE, content: refactored }) }] },
      { kind: 'reply', content: 'Replaced the loop with reduce.' },
    );
    await selectAverage();
    const turn = vscode.commands.executeCommand('kimiAssistant.refactorSelection', { instruction: 'Simplify this code.' });
    const review = await waitFor(async () => (await api.pendingReviews())[0], 'the refactoring opens for review');
    assert.match(lastUserText(), /Refactor .*Simplify this code\..*edit_file/s);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), original, 'nothing is written before the user accepts');
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    await turn;
    assert.equal(document.getText(), refactored);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });

  test('the lightbulb offers "Fix with Kimi" for a diagnostic and the fix goes through the review', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('kimi-test');
    try {
      const range = new vscode.Range(10, 9, 10, 30);
      const problem = new vscode.Diagnostic(range, 'Division by zero when values is empty.', vscode.DiagnosticSeverity.Error);
      problem.source = 'test-lint';
      problem.code = 'no-div-zero';
      diagnostics.set(uri, [problem]);
      await vscode.window.showTextDocument(uri);
      const actions = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
        return found?.find((action) => action.title.startsWith('Fix with Kimi'));
      }, 'the quick fix is offered');
      assert.equal(actions.kind?.value, vscode.CodeActionKind.QuickFix.value);
      const fixed = original.replace('return total / values.length;', 'return values.length === 0 ? 0 : total / values.length;');
      fake.enqueue(
        { kind: 'reply', toolCalls: [{ name: 'edit_file', arguments: JSON.stringify({ path: FILE, old_string: '  return total / values.length;', new_string: '  return values.length === 0 ? 0 : total / values.length;' }) }] },
        { kind: 'reply', content: 'Guarded the division.' },
      );
      assert.ok(actions.command);
      const turn = vscode.commands.executeCommand(actions.command.command, ...(actions.command.arguments ?? []));
      const review = await waitFor(async () => (await api.pendingReviews())[0], 'the fix opens for review');
      const prompt = lastUserText();
      assert.match(prompt, /Division by zero when values is empty\. \(test-lint no-div-zero\)/, 'the diagnostic text, source and code are sent');
      assert.match(prompt, /line 11 error/);
      await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
      await turn;
      assert.equal(await readFile(uri.fsPath, 'utf8'), fixed);
    } finally {
      diagnostics.dispose();
    }
  });

  test('Generate Tests in a vitest project proposes a new test file named the project\'s way', async () => {
    await writeFile(vscode.Uri.joinPath(root, 'package.json').fsPath, JSON.stringify({ name: 'sample', private: true, scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } }, null, 2));
    const testFile = 'src/calculator.test.ts';
    const testUri = vscode.Uri.joinPath(root, testFile);
    await rm(testUri.fsPath, { force: true });
    const content = "import { describe, expect, it } from 'vitest';\nimport { average } from './calculator';\n\ndescribe('average', () => {\n  it('averages', () => expect(average([1, 2, 3])).toBe(2));\n});\n";
    fake.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: testFile, content }) }] },
      { kind: 'reply', content: 'Run them with `npx vitest run`.' },
    );
    await selectAverage();
    const turn = vscode.commands.executeCommand('kimiAssistant.generateTests');
    const review = await waitFor(async () => (await api.pendingReviews())[0], 'the test file opens for review');
    assert.equal(review.relativePath, testFile);
    assert.match(lastUserText(), /uses vitest/);
    await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
    await turn;
    assert.equal(await readFile(testUri.fsPath, 'utf8'), content);
    await rm(testUri.fsPath, { force: true });
  });
});

