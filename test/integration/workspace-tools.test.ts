// The model's read-only tools and the rules files in the real extension host, on a workspace that holds a
// secret: search and diagnostics leave the secret file out, a rules file that is really a link to it is not
// put into the prompt, and the ordinary files still are.
import assert from 'node:assert/strict';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi, workspaceRoot } from './extension-host';
import { connectFakeModel, disconnectFakeModel, openCalculatorInNewChat, waitFor } from './fake-model';

const SECRET = 'SECRET-MARKER-7f3a9c';
const CREATED = ['.env', 'AGENTS.md', '.kimi', 'src/notes.txt'];

suite('workspace tools and rules in the real host', function () {
  this.timeout(60_000);
  let api: KimiAssistantApi;
  let root: string;
  let diagnostics: vscode.DiagnosticCollection;

  suiteSetup(async () => {
    api = await activateKimi();
    root = workspaceRoot().fsPath;
    await writeFile(join(root, '.env'), `TOKEN=${SECRET}\n`);
    await symlink('../.env', join(root, 'src', 'notes.txt'));
    diagnostics = vscode.languages.createDiagnosticCollection('kimi-integration');
  });

  suiteTeardown(async () => {
    diagnostics.dispose();
    for (const path of CREATED) await rm(join(root, path), { recursive: true, force: true });
  });

  test('search over the whole workspace leaves the secret file and a link to it out, and says so', async () => {
    const outcome = await api.runReadOnlyTool('search', { pattern: 'TOKEN|SECRET-MARKER' });
    assert.ok(!outcome.content.includes(SECRET), `the secret is in the search result: ${outcome.content}`);
    assert.match(outcome.content, /sensitive file/);
    const ordinary = await api.runReadOnlyTool('search', { pattern: 'export function add' });
    assert.match(ordinary.content, /src\/calculator\.ts:\d+:/);
  });

  test('list_files names files without their content', async () => {
    const outcome = await api.runReadOnlyTool('list_files', { recursive: true });
    assert.match(outcome.content, /src\/calculator\.ts/);
    assert.ok(!outcome.content.includes(SECRET));
  });

  test('get_diagnostics reports the language services, but not what they say about a secret file', async () => {
    const folder = vscode.Uri.file(root);
    diagnostics.set(vscode.Uri.joinPath(folder, 'src', 'calculator.ts'), [new vscode.Diagnostic(new vscode.Range(1, 0, 1, 5), 'ordinary problem here', vscode.DiagnosticSeverity.Error)]);
    diagnostics.set(vscode.Uri.joinPath(folder, '.env'), [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), `bad value ${SECRET}`, vscode.DiagnosticSeverity.Warning)]);
    const all = await api.runReadOnlyTool('get_diagnostics', {});
    assert.match(all.content, /src\/calculator\.ts:2:1 error: ordinary problem here/);
    assert.ok(!all.content.includes(SECRET), `a diagnostic quoted the secret: ${all.content}`);
    assert.match(all.content, /sensitive file/);
    const one = await api.runReadOnlyTool('get_diagnostics', { path: 'src/calculator.ts' });
    assert.match(one.content, /ordinary problem here/);
  });

  test('read_file takes plain UTF-8 from disk without loading it into the editor, and leaves other bytes to the editor', async () => {
    const uriOf = (path: string): vscode.Uri => vscode.Uri.file(join(root, path));
    const loaded = (path: string): boolean => vscode.workspace.textDocuments.some((document) => document.uri.toString() === uriOf(path).toString());
    await writeFile(join(root, 'src', 'plain.ts'), 'export const greeting = "héllo";\r\nexport const count = 2;\r\n');
    const plain = await api.runReadOnlyTool('read_file', { path: 'src/plain.ts' });
    assert.match(plain.content, /export const greeting = "héllo";/);
    assert.equal(loaded('src/plain.ts'), false, 'read_file loaded a plain UTF-8 file into the editor');
    // Bytes the editor reads differently from a plain decoding: it must be the editor's reading.
    const cases: { path: string; bytes: Buffer; expected: RegExp }[] = [
      { path: 'src/mixed.ts', bytes: Buffer.from('export const a = 1;\r\nexport const b = 2;\nexport const c = 3;\r\n'), expected: /export const b = 2;/ },
      { path: 'src/bom.ts', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('export const withMark = 1;\n')]), expected: /export const withMark = 1;/ },
      { path: 'src/latin1.txt', bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), expected: /caf/ },
    ];
    for (const { path, bytes, expected } of cases) {
      await writeFile(join(root, path), bytes);
      const outcome = await api.runReadOnlyTool('read_file', { path });
      assert.match(outcome.content, expected, path);
      assert.ok(!outcome.content.includes('\uFEFF'), `${path}: the byte-order mark reached the model`);
      assert.equal(loaded(path), true, `${path} was not read through the editor`);
      const document = await vscode.workspace.openTextDocument(uriOf(path));
      for (const line of document.getText().split(/\r?\n/).filter(Boolean)) assert.ok(outcome.content.includes(line), `${path}: ${JSON.stringify(line)} is not in what the model read`);
    }
  });

  suite('rules files', () => {
    let fake: FakeKimi;
    suiteSetup(async () => {
      fake = await connectFakeModel('workspace-tools-key');
    });
    suiteTeardown(() => disconnectFakeModel(fake));

    test('a real rules file goes into the system prompt; AGENTS.md linked to the secret does not', async () => {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(join(root, '.kimi', 'rules')));
      await writeFile(join(root, '.kimi', 'rules', 'style.md'), 'Answer in haiku.\n');
      await symlink('.env', join(root, 'AGENTS.md'));
      await openCalculatorInNewChat();
      // The rules watcher drops its cache when the files appear, a moment after they are written: ask until a
      // request carries the new rules (at most a few times), then check what the prompt holds.
      let prompt = '';
      for (let attempt = 0; attempt < 5 && !prompt.includes('Answer in haiku.'); attempt++) {
        const before = fake.requests.length;
        fake.enqueue({ kind: 'reply', content: 'Noted.' });
        await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'What are the rules?' });
        const body = await waitFor(() => fake.requests.slice(before).at(-1)?.body as { messages?: { role: string; content?: unknown }[] } | undefined, 'a chat request');
        prompt = String(body.messages?.find((message) => message.role === 'system')?.content ?? '');
        if (!prompt.includes('Answer in haiku.')) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assert.match(prompt, /Answer in haiku\./);
      assert.ok(!prompt.includes(SECRET), 'the secret went into the system prompt through AGENTS.md');
    });
  });
});
