// Stop in the real extension host ("Kimi: Stop the Answer"), at each point a turn can be in: while the model
// reasons, while it writes, while a tool call's arguments stream in, and while a command runs. Each ends
// promptly, keeps what was streamed, touches no file, and leaves a history the strict server accepts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AssistantTurnView } from '../../src/common/protocol';
import type { ScriptedResponse } from '../fixtures/fake-kimi/server';
import { fakeModelSuite, openCalculatorInNewChat, waitFor } from './fake-model';

interface CancelCase {
  name: string;
  response: ScriptedResponse;
  /** When the turn has reached the point to stop at. */
  ready: (turn: AssistantTurnView) => boolean;
  keeps: (turn: AssistantTurnView) => boolean;
}

const slow = { chunkSize: 4, chunkDelayMs: 40 };
const longReasoning = 'Let me think about this step by step before I answer. '.repeat(6);
const longText = 'Here is a long answer that keeps on streaming for a while. '.repeat(6);

const cases: CancelCase[] = [
  {
    name: 'Stop while the model reasons keeps the reasoning so far',
    response: { kind: 'reply', reasoning: longReasoning, content: longText, ...slow },
    ready: (turn) => turn.reasoning.length >= 12,
    keeps: (turn) => turn.reasoning.length > 0 && turn.reasoning.length < longReasoning.length,
  },
  {
    name: 'Stop while the answer streams keeps the text so far',
    response: { kind: 'reply', reasoning: 'Short.', content: longText, ...slow },
    ready: (turn) => turn.text.length >= 12,
    keeps: (turn) => turn.text.length > 0 && turn.text.length < longText.length,
  },
  {
    name: 'Stop while tool-call arguments stream runs no tool and keeps no half call',
    response: {
      kind: 'reply',
      reasoning: 'I will rewrite the file.',
      toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'src/calculator.ts', content: 'export const x = 1;\n'.repeat(200) }) }],
      toolArgSplit: 8,
      ...slow,
    },
    ready: (turn) => turn.reasoning.length >= 'I will rewrite the file.'.length,
    keeps: (turn) => turn.toolCalls.every((call) => call.status !== 'done'),
  },
  {
    name: 'Stop while a command runs ends it and answers the call in history',
    response: { kind: 'reply', reasoning: 'Run it.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'sleep 30' }) }] },
    ready: (turn) => turn.toolCalls.some((call) => call.tool === 'run_command' && call.status === 'running'),
    keeps: (turn) => turn.toolCalls.some((call) => call.tool === 'run_command'),
  },
];

suite('Stop in the real extension host', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('cancel-test-key');
  let fileHash: () => Promise<string>;

  suiteSetup(async () => {
    // The command runs without asking, so Stop meets it running (approval has its own tests).
    await vscode.workspace.getConfiguration('kimiAssistant').update('commandAllowList', ['sleep 30'], vscode.ConfigurationTarget.Global);
    fileHash = await openCalculatorInNewChat();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kimiAssistant').update('commandAllowList', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const cancelCase of cases) {
    test(cancelCase.name, async () => {
      const before = await fileHash();
      kimi.fake.enqueue(cancelCase.response);
      const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: `Case: ${cancelCase.name}` });
      const lastTurn = () => {
        const turn = kimi.api.currentConversation()?.turns.at(-1);
        return turn?.role === 'assistant' ? turn : undefined;
      };
      await waitFor(() => {
        const turn = lastTurn();
        return turn && turn.status === 'streaming' && cancelCase.ready(turn);
      }, 'the turn reaches the point to stop at');

      const stopped = Date.now();
      await vscode.commands.executeCommand('kimiAssistant.stop');
      await asked;
      const stopMs = Date.now() - stopped;
      assert.ok(stopMs < 1000, `Stop took ${stopMs} ms`);
      const turn = lastTurn();
      assert.ok(turn, 'the answer turn exists');
      assert.equal(turn.status, 'stopped');
      assert.ok(cancelCase.keeps(turn), `kept state: ${JSON.stringify({ reasoning: turn.reasoning.length, text: turn.text.length, tools: turn.toolCalls })}`);
      assert.equal(await fileHash(), before, 'no file touched');

      kimi.fake.enqueue({ kind: 'reply', content: 'Still here.' });
      await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Are you still there?', conversation: 'current' });
      const next = kimi.fake.requests.at(-1);
      assert.equal(next?.rejected, undefined, `the follow-up was rejected: ${JSON.stringify(next?.rejected?.body)}`);
      assert.equal(lastTurn()?.status, 'done', 'the follow-up is answered');
    });
  }
});
