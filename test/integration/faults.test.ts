// Provider faults in the real extension host: each ends with a sentence and an action on the turn, keeps
// what was streamed, touches no file, and leaves a conversation the strict server accepts on the next turn.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { faults } from '../fixtures/fake-kimi/server';
import type { ScriptedResponse } from '../fixtures/fake-kimi/server';
import { fakeModelSuite, openCalculatorInNewChat } from './fake-model';

interface FaultCase {
  name: string;
  responses: ScriptedResponse[];
  /** Expected end of the turn. */
  status: 'done' | 'error' | 'stopped';
  action?: string;
  message: RegExp;
  /** Text streamed before the fault that must be kept. */
  keeps?: string;
  requests: number;
  /** The tool result the model must get back in the second request. */
  toolError?: RegExp;
  /** kimiAssistant.* settings for this case only. */
  settings?: Record<string, unknown>;
}

const partial = { reasoning: 'Thinking about it.', content: 'The first part of the answer arrives, ', chunkSize: 6 };

const cases: FaultCase[] = [
  { name: '401 wrong key', responses: [faults.authFailed()], status: 'error', action: 'setKey', message: /key/i, requests: 1 },
  { name: '403 out of credits', responses: [faults.outOfCredits()], status: 'error', action: 'topUp', message: /credit|balance|top up/i, requests: 1 },
  { name: '429 quota exhausted is not retried', responses: [faults.quotaExhausted()], status: 'error', action: 'topUp', message: /quota|balance|credit/i, requests: 1 },
  { name: '429 with Retry-After is retried and then answers', responses: [faults.rateLimited(1), { kind: 'reply', content: 'Answer after waiting.' }], status: 'done', message: /^$/, keeps: 'Answer after waiting.', requests: 2 },
  { name: 'connection reset mid-stream keeps the partial answer', responses: [faults.connectionReset(8, partial)], status: 'error', action: 'retry', message: /connection|network|interrupted/i, keeps: 'The first', requests: 1 },
  { name: 'stream cut without [DONE] keeps the partial answer', responses: [faults.cutWithoutDone(8, partial)], status: 'error', action: 'retry', message: /.+/, keeps: 'The first', requests: 1 },
  { name: 'a malformed chunk keeps the partial answer', responses: [faults.malformedChunk(8, partial)], status: 'error', action: 'retry', message: /.+/, keeps: 'The first', requests: 1 },
  { name: 'leaked tool-call markup is reported, not shown', responses: [{ kind: 'reply', content: 'Let me look. ', leakToolMarkup: true, toolCalls: [{ name: 'read_file', arguments: '{"path":"src/calculator.ts"}' }] }], status: 'error', message: /.+/, requests: 1 },
  { name: '500 then success is retried once', responses: [faults.serverError(500), { kind: 'reply', content: 'Answer after a retry.' }], status: 'done', message: /^$/, keeps: 'Answer after a retry.', requests: 2 },
  { name: '503 persisting is retried to the limit, then offers Retry', responses: Array.from({ length: 4 }, () => faults.serverError(503)), status: 'error', action: 'retry', message: /server|unavailable|503/i, requests: 4 },
  {
    name: 'invalid tool-call JSON goes back to the model as a tool error',
    responses: [{ kind: 'reply', toolCalls: [{ name: 'read_file', arguments: '{"path": "src/calc' }] }, { kind: 'reply', content: 'Retried without the tool.' }],
    status: 'done',
    message: /^$/,
    keeps: 'Retried without the tool.',
    requests: 2,
    toolError: /not valid JSON/i,
  },
  {
    name: 'an unknown tool goes back to the model as a tool error',
    responses: [{ kind: 'reply', toolCalls: [{ name: 'delete_repository', arguments: '{}' }] }, { kind: 'reply', content: 'Answered without it.' }],
    status: 'done',
    message: /^$/,
    keeps: 'Answered without it.',
    requests: 2,
    toolError: /Unknown tool/,
  },
  {
    name: 'a request that hangs ends at the client timeout, the partial answer kept',
    responses: [faults.hang(8, partial)],
    status: 'error',
    action: 'retry',
    message: /did not finish|timed? ?out/i,
    keeps: 'The first',
    requests: 1,
    settings: { requestTimeoutSeconds: 10 },
  },
  { name: 'reasoning only, output budget used up', responses: [{ kind: 'reply', reasoning: 'A very long chain of thought that never ends', finishReason: 'length' }], status: 'done', action: 'openSettings', message: /output limit|maxOutputTokens/i, requests: 1 },
];

suite('provider faults in the real extension host', function () {
  this.timeout(90_000);
  const kimi = fakeModelSuite('faults-test-key');
  let fileHash: () => Promise<string>;

  suiteSetup(async () => {
    fileHash = await openCalculatorInNewChat();
  });

  for (const faultCase of cases) {
    test(faultCase.name, async () => {
      const before = await fileHash();
      const requestsBefore = kimi.fake.requests.length;
      kimi.fake.enqueue(...faultCase.responses);
      const config = vscode.workspace.getConfiguration('kimiAssistant');
      for (const [key, value] of Object.entries(faultCase.settings ?? {})) await config.update(key, value, vscode.ConfigurationTarget.Global);
      try {
        await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: `Case: ${faultCase.name}` });
      } finally {
        for (const key of Object.keys(faultCase.settings ?? {})) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      const turn = kimi.api.currentConversation()?.turns.at(-1);
      assert.ok(turn && turn.role === 'assistant', 'the answer turn exists');
      assert.equal(turn.status, faultCase.status);
      if (faultCase.action) assert.equal(turn.error?.action, faultCase.action);
      assert.match(turn.error?.message ?? '', faultCase.message);
      assert.doesNotMatch(turn.error?.message ?? '', /faults-test-key|at .*\.js:\d+/, 'no key and no stack in the sentence');
      if (faultCase.keeps) assert.ok(turn.text.includes(faultCase.keeps), `kept "${faultCase.keeps}" in "${turn.text}"`);
      assert.ok(!turn.text.includes('<|tool_call'), 'raw tool markup is never shown');
      assert.equal(kimi.fake.requests.length - requestsBefore, faultCase.requests, 'requests made (retries)');
      if (faultCase.toolError) {
        const body = kimi.fake.requests.at(-1)?.body as { messages?: { role: string }[] } | undefined;
        const toolResults = (body?.messages ?? []).filter((message) => message.role === 'tool');
        assert.match(JSON.stringify(toolResults.at(-1)), faultCase.toolError, 'the model is told what was wrong with its call');
      }
      assert.equal(await fileHash(), before, 'no file touched');

      // Resumable: the next question goes out with this history and the strict server accepts it.
      kimi.fake.enqueue({ kind: 'reply', content: 'Still here.' });
      await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Are you still there?', conversation: 'current' });
      const next = kimi.fake.requests.at(-1);
      assert.equal(next?.rejected, undefined, `the follow-up was rejected: ${JSON.stringify(next?.rejected?.body)}`);
      const answer = kimi.api.currentConversation()?.turns.at(-1);
      assert.ok(answer?.role === 'assistant' && answer.status === 'done', 'the follow-up is answered');
    });
  }
});

suite('context overflow in the real extension host', function () {
  this.timeout(60_000);
  // A server whose window is small enough for one pasted log to overflow it, as the real 256k one does.
  const kimi = fakeModelSuite('overflow-test-key', { contextWindow: 4_000 });

  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('kimiAssistant').update('maxOutputTokens', 1_000, vscode.ConfigurationTarget.Global);
    await openCalculatorInNewChat();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kimiAssistant').update('maxOutputTokens', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a request over the window ends in one context error that offers a new chat, and a new chat works', async () => {
    const requestsBefore = kimi.fake.requests.length;
    const log = 'GET /index.html 200 12ms\n'.repeat(800);
    await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: `Summarize this log:\n${log}` });
    const turn = kimi.api.currentConversation()?.turns.at(-1);
    assert.ok(turn && turn.role === 'assistant', 'the answer turn exists');
    assert.equal(turn.status, 'error');
    assert.equal(turn.error?.action, 'shortenContext');
    assert.match(turn.error?.message ?? '', /context|too long|fit/i);
    assert.equal(kimi.fake.requests.length - requestsBefore, 1, 'a context error is not retried');
    assert.equal(kimi.fake.requests.at(-1)?.rejected?.status, 400, 'the server refused it as over its window');

    const overflowed = kimi.api.currentConversation()?.id;
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    kimi.fake.enqueue({ kind: 'reply', content: 'A short answer.' });
    await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Explain this briefly.' });
    const next = kimi.fake.requests.at(-1);
    assert.equal(next?.rejected, undefined, `the new chat's request was rejected: ${JSON.stringify(next?.rejected?.body)}`);
    assert.notEqual(kimi.api.currentConversation()?.id, overflowed, 'the question went to a new chat');
    const answer = kimi.api.currentConversation()?.turns.at(-1);
    assert.ok(answer?.role === 'assistant' && answer.status === 'done', 'the new chat is answered');
  });
});
