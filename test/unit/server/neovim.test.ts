// Debian's Neovim, headless, with its built-in LSP client (a client we did not write) against the real server
// bundle and the fake Kimi server: initialize, then "Kimi: Refactor" on a selection changes the buffer through
// workspace/applyEdit. Neovim is installed by the test setup (test/harness/setup.mjs) when missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';
import { buildServerBundle } from '../../harness/languageServer';
import { ensureNeovim, repoRoot } from '../../harness/setup.mjs';

let fake: FakeKimi;
before(async () => {
  fake = await startFakeKimi({ flavor: 'moonshot' });
});
after(() => fake.close());

test('Neovim initializes the server and applies a Refactor code action on a selection to the buffer', async () => {
  const nvim = ensureNeovim();
  const server = await buildServerBundle();
  const folder = mkdtempSync(join(tmpdir(), 'kimi-nvim-'));
  const file = join(folder, 'math.ts');
  writeFileSync(file, 'const one = 1;\nexport function add(a: number, b: number): number {\n  return a + b;\n}\nconsole.log(add(one, 2));\n');
  const refactored = 'export const add = (a: number, b: number): number => a + b;';
  fake.enqueue({ kind: 'reply', content: `\`\`\`ts\n${refactored}\n\`\`\`` });
  const resultFile = join(folder, 'result.json');
  // Not spawnSync: the fake Kimi server lives in this process and must keep answering.
  const child = spawn(nvim, ['--headless', '--clean', '-u', 'NONE', '-n', '-c', `luafile ${join(repoRoot, 'test/fixtures/neovim/codeAction.lua')}`, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: folder, XDG_STATE_HOME: folder, XDG_DATA_HOME: folder,
      KIMI_NODE: process.execPath, KIMI_SERVER: server, KIMI_ROOT: folder, KIMI_BASE_URL: fake.url, KIMI_KEY: fake.apiKey,
      KIMI_START: '2', KIMI_END: '4', KIMI_RESULT: resultFile,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (...args) => resolve(args)));
  clearTimeout(timer);
  assert.equal(code, 0, `nvim exited ${code ?? signal}: ${stderr}`);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { status: string; initialized: boolean; titles: string[]; lines: string[]; messages: string[] };
  assert.equal(result.initialized, true);
  assert.deepEqual(result.titles, ['Kimi: Refactor', 'Kimi: Add Documentation', 'Kimi: Generate Tests']);
  assert.equal(result.status, 'changed', `${JSON.stringify(result)} requests: ${JSON.stringify(fake.requests.map((request) => request.rejected ?? request.path))}`);
  assert.deepEqual(result.lines, ['const one = 1;', refactored, 'console.log(add(one, 2));']);
  // What reached the model: the selection, from Neovim's own range parameters.
  const body = fake.requests.at(-1)?.body as { messages: { content: string }[]; thinking: unknown };
  assert.match(body.messages[1].content, /The selection, lines 2-4:\n```typescript\nexport function add/);
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.deepEqual(result.messages, []);
});
