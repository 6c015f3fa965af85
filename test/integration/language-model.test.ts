// Kimi as a language model for other extensions, in the real extension host: a separate fixture extension
// (test/fixtures/lm-consumer-extension) selects the `kimi` models through vscode.lm and, against the strict fake
// server with thinking on, runs a tool loop, cancels a stream and meets a rejected key.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { classifyHttpError } from '../../src/common/llm/errors';
import type { FakeKimi, RecordedRequest } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, waitFor } from './fake-model';

const KEY = 'lm-test-key';
const K26 = 'moonshot/kimi-k2-6';
const CONSUMER = 'kimi-assistant-tests.lm-consumer';

interface Step {
  text: string;
  toolCalls: Array<{ callId: string; name: string; input: { path?: string } }>;
}

interface ReceivedError {
  isLanguageModelError: boolean;
  isCancellation: boolean;
  name: string;
  code?: string;
  message: string;
}

function run<T>(scenario: string, options: Record<string, unknown> = {}): Promise<T> {
  return vscode.commands.executeCommand<T>('lmConsumer.run', scenario, options) as Promise<T>;
}

interface WireMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
  reasoning_content?: string;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

function chatRequests(fake: FakeKimi, from: number): RecordedRequest[] {
  return fake.requests.slice(from).filter((request) => request.path === '/v1/chat/completions');
}

function messagesOf(request: RecordedRequest): WireMessage[] {
  return (request.body as { messages: WireMessage[] }).messages;
}

// A 1x1 transparent PNG.
const PNG = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 0, 1, 0, 0, 5, 0, 1, 13, 10, 45, 180, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130];

suite('Kimi as a language model for other extensions', () => {
  let fake: FakeKimi;

  suiteSetup(async () => {
    assert.ok(vscode.extensions.getExtension(CONSUMER), 'the consumer fixture extension is loaded beside ours');
    await activateKimi();
    fake = await connectFakeModel(KEY);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kimiAssistant').update('model', undefined, vscode.ConfigurationTarget.Global);
    await disconnectFakeModel(fake);
  });

  test('the kimi vendor offers K2.6, K2.5 and the custom model to another extension', async () => {
    await vscode.workspace.getConfiguration('kimiAssistant').update('model', 'my-org/custom-kimi', vscode.ConfigurationTarget.Global);
    const models = await waitFor(
      async () => {
        const listed = await run<Array<{ id: string; name: string; vendor: string; family: string; maxInputTokens: number }>>('list');
        return listed.some((model) => model.id === 'my-org/custom-kimi') && listed;
      },
      'the custom model is listed',
    );
    assert.deepEqual(models.map((model) => model.id), [K26, 'moonshot/kimi-k2-5', 'my-org/custom-kimi']);
    assert.ok(models.every((model) => model.vendor === 'kimi'));
    assert.deepEqual(models.map((model) => model.family), ['kimi-k2.6', 'kimi-k2.5', 'my-org/custom-kimi']);
    // The window minus the default 32,768-token output budget; a model the catalog does not know gets 131,072.
    assert.deepEqual(models.map((model) => model.maxInputTokens), [262_144 - 32_768, 262_144 - 32_768, 131_072 - 32_768]);
    await vscode.workspace.getConfiguration('kimiAssistant').update('model', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(await run<number>('countTokens', { modelId: K26, text: 'abcdefgh' }), 2, 'our estimator: about 4 characters a token');
  });

  test('a three-step tool loop with thinking on: every request accepted, each reasoning replayed exactly', async () => {
    const from = fake.requests.length;
    const reasonings = ['First the entry point.', 'Now the helper it imports.', 'And its tests.'];
    fake.enqueue(
      { kind: 'reply', reasoning: reasonings[0], content: 'Reading.', toolCalls: [{ name: 'read_file', arguments: '{"path": "src/main.ts"}' }], toolArgSplit: 'random' },
      { kind: 'reply', reasoning: reasonings[1], toolCalls: [{ name: 'read_file', arguments: '{"path":"src/util.ts"}' }], argsBeforeName: true },
      {
        kind: 'reply',
        reasoning: reasonings[2],
        toolCalls: [
          { name: 'read_file', arguments: '{"path":"test/util.test.ts"}' },
          { name: 'read_file', arguments: '{"path":"test/main.test.ts"}' },
        ],
      },
      { kind: 'reply', reasoning: 'Enough read.', content: 'parse() lives in src/util.ts.' },
    );
    const result = await run<{ steps: Step[]; error?: ReceivedError }>('toolLoop', {
      modelId: K26,
      prompt: 'Where is parse() defined?',
      maxSteps: 6,
      image: { bytes: PNG, mimeType: 'image/png' },
    });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(result.steps.length, 4);
    assert.deepEqual(
      result.steps.map((step) => step.toolCalls.map((call) => call.input.path)),
      [['src/main.ts'], ['src/util.ts'], ['test/util.test.ts', 'test/main.test.ts'], []],
    );
    assert.equal(result.steps[3]?.text, 'parse() lives in src/util.ts.');
    const ids = result.steps.flatMap((step) => step.toolCalls.map((call) => call.callId));
    assert.deepEqual(ids, ['functions.read_file:0', 'functions.read_file:1', 'functions.read_file:2', 'functions.read_file:3'], 'the provider ids, unchanged');

    const requests = chatRequests(fake, from);
    assert.equal(requests.length, 4);
    for (const request of requests) assert.equal(request.rejected, undefined, `rejected: ${JSON.stringify(request.rejected?.body)}`);
    const last = messagesOf(requests[3] as RecordedRequest);
    const assistants = last.filter((message) => message.role === 'assistant');
    assert.deepEqual(assistants.map((message) => message.reasoning_content), reasonings, 'each tool-call turn carries its own reasoning, exactly');
    assert.equal(assistants[0]?.content, 'Reading.');
    assert.equal(assistants[0]?.tool_calls?.[0]?.function.arguments, '{"path": "src/main.ts"}', 'arguments go back byte for byte');
    assert.deepEqual(last.filter((message) => message.role === 'tool').map((message) => message.tool_call_id), ids);
    const firstUser = last.find((message) => message.role === 'user');
    assert.ok(Array.isArray(firstUser?.content), 'the image made the user content a parts array');
    const image = (firstUser?.content as Array<{ type: string; image_url?: { url: string } }>).find((part) => part.type === 'image_url');
    assert.match(image?.image_url?.url ?? '', /^data:image\/png;base64,iVBORw0KGgo/);
    assert.deepEqual((requests[0]?.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name), ['read_file']);
  });

  test('cancelling the request stops the stream and closes the HTTP request', async () => {
    const from = fake.requests.length;
    const longText = 'An answer that streams for a long while. '.repeat(40);
    fake.enqueue({ kind: 'reply', reasoning: 'Thinking.', content: longText, chunkSize: 4, chunkDelayMs: 30 });
    const result = await run<{ ended: string; error?: ReceivedError; partsAfterCancel: number; msToEnd: number; text?: string }>('cancel', { modelId: K26, prompt: 'Tell me a long story.' });
    assert.equal(result.ended, 'error', JSON.stringify(result));
    assert.equal(result.error?.isCancellation, true, `the stream ends as cancelled: ${JSON.stringify(result.error)}`);
    assert.ok(result.msToEnd < 3000, `the stream ended ${result.msToEnd} ms after cancelling (the full answer takes over 12 s)`);
    assert.ok((result.text ?? '').length > 0 && (result.text ?? '').length < longText.length / 4, `the answer stopped early (${result.text?.length} characters)`);
    const [request] = chatRequests(fake, from);
    await waitFor(() => request?.closedBeforeEnd === true, 'the fake server sees the connection closed before the answer ended');
    // Nothing is left behind: the next request goes through.
    const after = await run<{ text?: string; error?: ReceivedError }>('send', { modelId: K26, prompt: 'still there?' });
    assert.equal(after.text, 'You said: still there?');
  });

  test('a rejected key arrives as a LanguageModelError carrying our sentence', async () => {
    await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: 'wrong-key', provider: 'aimlapi' });
    try {
      const from = fake.requests.length;
      const result = await run<{ error?: ReceivedError }>('send', { modelId: K26, prompt: 'hello' });
      const sentence = classifyHttpError(401, undefined, undefined, { providerLabel: 'AI/ML API', model: K26 }).message;
      assert.equal(result.error?.isLanguageModelError, true, JSON.stringify(result.error));
      assert.equal(result.error?.code, 'NoPermissions');
      assert.equal(result.error?.message, sentence);
      assert.equal(chatRequests(fake, from)[0]?.rejected?.status, 401);
    } finally {
      await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: KEY, provider: 'aimlapi' });
    }
  });

  test('without a key nothing is sent and the error says how to set one', async () => {
    await vscode.commands.executeCommand('kimiAssistant.clearApiKey', { provider: 'aimlapi' });
    try {
      const from = fake.requests.length;
      const result = await run<{ error?: ReceivedError }>('send', { modelId: K26, prompt: 'hello' });
      assert.equal(result.error?.isLanguageModelError, true, JSON.stringify(result.error));
      assert.equal(result.error?.message, 'No API key is set for AI/ML API: run "Kimi: Set API Key".');
      assert.equal(fake.requests.length, from, 'no request without a key');
    } finally {
      await vscode.commands.executeCommand('kimiAssistant.setApiKey', { key: KEY, provider: 'aimlapi' });
    }
  });
});
