// The Kimi language server's targets (issue 16), against the fake Kimi server, with the minified bundle as
// shipped, driven over stdio by vscode-languageserver-protocol's client: start time, the server's overhead from
// the completion request to the HTTP request, from the model's last byte to the item, how fast a superseded or
// cancelled request closes its HTTP stream, and resident memory after a run of ~100 completions (at once, and
// after 3 s idle). Medians; JSON lines.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CancellationTokenSource,
  DidOpenTextDocumentNotification,
  InlineCompletionRequest,
  InlineCompletionTriggerKind,
  type InlineCompletionList,
} from 'vscode-languageserver-protocol/node';
import { languageServerNodeArgs } from '../../src/node/languageServerLaunch';
import { startFakeKimi, type FakeKimi, type RecordedRequest } from '../../test/fixtures/fake-kimi/server';
import { startServerSession, type ServerSession } from '../../test/harness/languageServer';
import { median, report } from './measure';

const RUNS = 20;
const START_RUNS = 7;

let documents = 0;
/** A fresh document each time, so the cache never answers. */
async function openDocument(server: ServerSession): Promise<{ uri: string; position: { line: number; character: number } }> {
  const uri = `file:///bench/file${documents++}.ts`;
  const text = `${Array.from({ length: 120 }, (_, index) => `const value${index} = compute(${index}, ${documents});`).join('\n')}\nexport function total() {\n  return \n}\n`;
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  return { uri, position: { line: 121, character: 9 } };
}

function complete(server: ServerSession, uri: string, position: { line: number; character: number }, token?: CancellationTokenSource) {
  return server.connection.sendRequest(InlineCompletionRequest.type, { textDocument: { uri }, position, context: { triggerKind: InlineCompletionTriggerKind.Automatic } }, token?.token) as Promise<InlineCompletionList | null>;
}

const chats = (fake: FakeKimi) => fake.requests.filter((request) => request.path === '/v1/chat/completions');

async function nextChat(fake: FakeKimi, count: number): Promise<RecordedRequest> {
  while (chats(fake).length <= count) await new Promise((resolve) => setImmediate(resolve));
  return chats(fake)[count];
}

async function until(check: () => boolean): Promise<void> {
  const end = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const fake = await startFakeKimi({ flavor: 'moonshot' });
  const settings = { provider: 'moonshot', baseUrl: fake.url, completions: { debounceMs: 0 } };
  try {
    const starts: number[] = [];
    for (let run = 0; run < START_RUNS; run++) {
      const session = await startServerSession({ settings, initializationOptions: { apiKey: fake.apiKey }, minify: true, nodeArgs: [...languageServerNodeArgs] });
      starts.push(session.startMs);
      await session.close();
    }
    report('lsp_server_start_ms', median(starts), 'ms', START_RUNS);
    // For reading the figure above on a loaded machine: a bare `node -e 0` from spawn to exit.
    const bare: number[] = [];
    for (let run = 0; run < START_RUNS; run++) {
      const started = performance.now();
      await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
      bare.push(performance.now() - started);
    }
    report('node_bare_start_ms', median(bare), 'ms', START_RUNS);

    const server = await startServerSession({ settings, initializationOptions: { apiKey: fake.apiKey }, minify: true, nodeArgs: [...languageServerNodeArgs] });
    const overheads: number[] = [];
    const tails: number[] = [];
    // Two untimed completions first, so the first HTTP connection and JIT are not measured.
    for (let run = -2; run < RUNS; run++) {
      const { uri, position } = await openDocument(server);
      fake.enqueue({ kind: 'reply', content: 'compute(1, 2) + 3;', chunkSize: 4 });
      const before = chats(fake).length;
      const sentAt = performance.now();
      const answer = complete(server, uri, position);
      const request = await nextChat(fake, before);
      const result = await answer;
      const itemAt = performance.now();
      if (!result?.items.length) throw new Error('no completion item');
      if (run < 0) continue;
      overheads.push(request.receivedAt - sentAt);
      await until(() => request.finishedAt !== undefined);
      tails.push(itemAt - request.finishedAt!);
    }
    report('lsp_request_to_http_ms', median(overheads), 'ms', RUNS, 2);
    report('lsp_last_byte_to_item_ms', median(tails), 'ms', RUNS, 2);

    const superseded: number[] = [];
    const cancelled: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { uri, position } = await openDocument(server);
      // Superseded: a newer request for the same document, with no $/cancelRequest for the old one.
      fake.enqueue({ kind: 'fault', fault: 'hang' }, { kind: 'reply', content: 'x;' });
      let before = chats(fake).length;
      const first = complete(server, uri, position);
      const hung = await nextChat(fake, before);
      const supersededAt = performance.now();
      const second = complete(server, uri, { ...position, character: position.character - 1 });
      await until(() => hung.abortedAt !== undefined);
      superseded.push(hung.abortedAt! - supersededAt);
      await Promise.all([first, second]);
      // Cancelled: $/cancelRequest from the client.
      fake.enqueue({ kind: 'fault', fault: 'hang' });
      before = chats(fake).length;
      const source = new CancellationTokenSource();
      const third = complete(server, uri, { ...position, character: position.character - 2 }, source).catch(() => null);
      const hungAgain = await nextChat(fake, before);
      const cancelledAt = performance.now();
      source.cancel();
      await until(() => hungAgain.abortedAt !== undefined);
      cancelled.push(hungAgain.abortedAt! - cancelledAt);
      await third;
    }
    report('lsp_superseded_abort_ms', median(superseded), 'ms', RUNS, 2);
    report('lsp_cancel_request_abort_ms', median(cancelled), 'ms', RUNS, 2);

    // Right after the last request, and after the pause a user makes (V8 gives memory back when idle).
    const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
    report('lsp_server_rss_busy_mb', rssMb(), 'MB', 1);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    report('lsp_server_rss_mb', rssMb(), 'MB', 1);
    await server.close();
  } finally {
    await fake.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
