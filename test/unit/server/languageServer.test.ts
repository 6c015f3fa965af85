// The real server bundle over stdio, driven by vscode-languageserver-protocol's client connection, against the
// fake Kimi server: completions in both prompt modes, the cache, $/cancelRequest aborting the HTTP stream,
// one message per failure kind while typing, and a selection code action applied through workspace/applyEdit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InlineCompletionRequest,
  InlineCompletionTriggerKind,
  type CodeAction,
  type InlineCompletionList,
} from 'vscode-languageserver-protocol/node';
import { faults, startFakeKimi, type FakeKimi, type Flavor } from '../../fixtures/fake-kimi/server';
import { startServerSession, type ServerSession } from '../../harness/languageServer';

const uri = 'file:///work/demo/src/math.ts';
const text = "import { clamp } from './clamp';\n\nexport function add(a: number, b: number): number {\n  return \n}\n";
const cursor = { line: 3, character: 9 };

async function session(fake: FakeKimi, flavor: Flavor, key: string): Promise<ServerSession> {
  const server = await startServerSession({
    settings: { provider: flavor === 'moonshot' ? 'moonshot' : 'aimlapi', baseUrl: fake.url, completions: { debounceMs: 0 } },
    initializationOptions: { apiKey: key },
  });
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  return server;
}

/** Runs `body` against a fresh server with the demo file open; the server is closed whatever the body does. */
async function withSession(fake: FakeKimi, flavor: Flavor, body: (server: ServerSession) => Promise<void>, key = fake.apiKey): Promise<void> {
  const server = await session(fake, flavor, key);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

function complete(server: ServerSession, position = cursor, token?: CancellationTokenSource) {
  return server.connection.sendRequest(
    InlineCompletionRequest.type,
    { textDocument: { uri }, position, context: { triggerKind: InlineCompletionTriggerKind.Automatic } },
    token?.token,
  ) as Promise<InlineCompletionList | null>;
}

const chatRequests = (fake: FakeKimi) => fake.requests.filter((request) => request.path === '/v1/chat/completions');
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('Kimi language server over stdio', () => {
  let moonshot: FakeKimi;
  let aimlapi: FakeKimi;
  before(async () => {
    moonshot = await startFakeKimi({ flavor: 'moonshot' });
    aimlapi = await startFakeKimi({ flavor: 'aimlapi' });
  });
  after(async () => {
    await moonshot.close();
    await aimlapi.close();
  });

  test('initialize announces inline completions, code actions and the server', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      const { capabilities, serverInfo } = server.initializeResult;
      assert.equal(serverInfo?.name, 'kimi-language-server');
      assert.equal(capabilities.inlineCompletionProvider, true);
      assert.ok(capabilities.codeActionProvider);
      assert.deepEqual(capabilities.executeCommandProvider?.commands, ['kimi.selectionAction']);
    }));

  test('Moonshot: the prefix travels as a partial assistant message, thinking off, and the answer is trimmed', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      moonshot.enqueue({ kind: 'reply', content: 'a + b;\n}' });
      const result = await complete(server);
      assert.deepEqual(result?.items.map((item) => item.insertText), ['a + b;']);
      const body = chatRequests(moonshot).at(-1)?.body as { messages: { role: string; content: string; partial?: boolean }[]; thinking: unknown; max_completion_tokens: number };
      const last = body.messages.at(-1)!;
      assert.equal(last.role, 'assistant');
      assert.equal(last.partial, true);
      assert.ok(last.content.endsWith('export function add(a: number, b: number): number {\n  return '));
      assert.deepEqual(body.thinking, { type: 'disabled' });
      assert.equal(body.max_completion_tokens, 256);
      assert.match(body.messages[1].content, /The code after the cursor/);
      // The whole file fits the budget, so its imports come with the prefix, not a second time.
      assert.ok(last.content.startsWith("import { clamp } from './clamp';"));
      assert.doesNotMatch(body.messages[1].content, /Imports of/);
    }));

  test('AI/ML API: a prefix/suffix prompt with a cursor marker, no partial message', () =>
    withSession(aimlapi, 'aimlapi', async (server) => {
      aimlapi.enqueue({ kind: 'reply', content: '```ts\nreturn a + b;\n```' });
      const result = await complete(server);
      assert.deepEqual(result?.items.map((item) => item.insertText), ['a + b;']);
      const body = chatRequests(aimlapi).at(-1)?.body as { messages: { role: string; content: string; partial?: boolean }[] };
      assert.equal(body.messages.at(-1)?.role, 'user');
      assert.ok(body.messages.every((message) => message.partial === undefined));
      assert.match(body.messages.at(-1)!.content, /return <CURSOR>\n\}/);
    }));

  test('retyping the same prefix costs no request; typing into the suggestion serves the rest', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      moonshot.enqueue({ kind: 'reply', content: 'a + b;' });
      const sent = chatRequests(moonshot).length;
      assert.equal((await complete(server))?.items[0].insertText, 'a + b;');
      assert.equal((await complete(server))?.items[0].insertText, 'a + b;');
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: cursor, end: cursor }, text: 'a ' }],
      });
      assert.equal((await complete(server, { line: 3, character: 11 }))?.items[0].insertText, '+ b;');
      assert.equal(chatRequests(moonshot).length, sent + 1);
    }));

  test('$/cancelRequest aborts the HTTP stream behind the completion', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      moonshot.enqueue({ kind: 'fault', fault: 'hang' });
      const before = chatRequests(moonshot).length;
      const source = new CancellationTokenSource();
      const pending = complete(server, { line: 3, character: 8 }, source).catch((error: unknown) => error);
      await until(() => chatRequests(moonshot).length > before);
      source.cancel();
      await pending;
      const hung = chatRequests(moonshot)[before];
      await until(() => hung.abortedAt !== undefined);
      assert.ok(hung.abortedAt! - hung.receivedAt >= 0);
    }));

  for (const [name, script, category] of [['401', faults.authFailed(), 'rejected the API key'], ['429', faults.rateLimited(1), 'limiting the request rate']] as const) {
    test(`a ${name} while typing shows one message, not one per keystroke`, () =>
      withSession(aimlapi, 'aimlapi', async (server) => {
        for (let keystroke = 0; keystroke < 5; keystroke++) {
          aimlapi.enqueue(script);
          assert.equal(await complete(server, { line: 3, character: 9 - keystroke }), null);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(server.messages.length, 1, JSON.stringify(server.messages));
        assert.match(server.messages[0].message, new RegExp(`^Kimi completions: AI/ML API .*${category}`));
      }));
  }

  test('a wrong key is refused by the fake and reported once as the extension words it', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      assert.equal(await complete(server), null);
      assert.equal(await complete(server, { line: 3, character: 8 }), null);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(server.messages.map((message) => message.message), ['Kimi completions: Moonshot (international) rejected the API key: set a valid key.']);
    }, 'wrong-key'));

  test('Refactor on a selection asks Kimi, reports progress and applies the block through workspace/applyEdit', () =>
    withSession(moonshot, 'moonshot', async (server) => {
      const range = { start: { line: 2, character: 0 }, end: { line: 4, character: 1 } };
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })) as CodeAction[];
      assert.deepEqual(actions.map((action) => action.title), ['Kimi: Refactor', 'Kimi: Add Documentation', 'Kimi: Generate Tests']);
      const refactored = 'export const add = (a: number, b: number): number => a + b;';
      moonshot.enqueue({ kind: 'reply', reasoning: 'Arrow function.', content: `Here:\n\`\`\`ts\n${refactored}\n\`\`\`` });
      await server.connection.sendRequest(ExecuteCommandRequest.type, actions[0].command!);
      assert.equal(server.edits.length, 1);
      assert.deepEqual(server.edits[0].edit.changes?.[uri], [{ range, newText: refactored }]);
      const kinds = server.progress.map((value) => (value as { kind: string }).kind);
      assert.deepEqual([kinds[0], kinds.at(-1)], ['begin', 'end']);
    }));
});
