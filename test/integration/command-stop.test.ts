// Stop while run_command runs, in the real extension host: the command's whole process group dies, not only
// its shell. The command starts a `sleep` in the background and prints its pid; after Stop that pid must be
// gone. (A plain `sleep 30` would not show it: the shell execs it, so killing the shell kills it too.)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StoredConversation } from '../../src/common/conversations/model';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, openCalculatorInNewChat, waitFor } from './fake-model';

// The sleep's output goes elsewhere, so a surviving sleep cannot hold the command's output open (and Stop
// still returns at once): what is left to check is whether it was killed.
const COMMAND = 'sleep 30 >/dev/null 2>&1 & echo "sleep pid $!"; wait';

/** Alive and not a zombie: a killed child re-parented to a PID 1 that never reaps it still answers kill(pid, 0). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat !== undefined) {
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Stop kills a running command in the real extension host', function () {
  this.timeout(60_000);
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  let sleepPid: number | undefined;

  suiteSetup(async function () {
    if (process.platform === 'win32') this.skip();
    api = await activateKimi();
    fake = await connectFakeModel('command-stop-key');
    // The command line has shell syntax, which the allow-list never vouches for; approval has its own tests.
    await vscode.workspace.getConfiguration('kimiAssistant').update('autoApprove.commands', true, vscode.ConfigurationTarget.Global);
    await openCalculatorInNewChat();
  });

  suiteTeardown(async () => {
    // Whatever the outcome, leave no sleep behind.
    if (sleepPid !== undefined) {
      try {
        process.kill(sleepPid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    await vscode.workspace.getConfiguration('kimiAssistant').update('autoApprove.commands', undefined, vscode.ConfigurationTarget.Global);
    if (fake) await disconnectFakeModel(fake);
  });

  test('the background child of the command is gone after Stop', async () => {
    fake.enqueue({ kind: 'reply', reasoning: 'Start it.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: COMMAND }) }] });
    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Run the slow job.' });
    await waitFor(() => {
      const turn = api.currentConversation()?.turns.at(-1);
      return turn?.role === 'assistant' && turn.toolCalls.some((call) => call.tool === 'run_command' && call.status === 'running');
    }, 'the command runs');
    // The command runs in the Kimi terminal once its shell integration is up (about 2 s for a new terminal).
    await waitFor(() => vscode.window.terminals.find((terminal) => terminal.name === 'Kimi')?.shellIntegration, 'the Kimi terminal is ready');
    // Time for the shell to start the sleep and print its pid.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopped = Date.now();
    await vscode.commands.executeCommand('kimiAssistant.stop');
    await asked;
    assert.ok(Date.now() - stopped < 2_000, `Stop took ${Date.now() - stopped} ms`);

    // The tool result, as saved in the conversation, carries what the command printed before Stop.
    const id = api.currentConversation()?.id ?? '';
    const stored = JSON.parse(await readFile(join(api.conversationsFolder(), `${id}.json`), 'utf8')) as StoredConversation;
    const answer = stored.turns.at(-1);
    const result = answer?.role === 'assistant' ? answer.messages.find((message) => message.role === 'tool') : undefined;
    const printed = result?.role === 'tool' ? /sleep pid (\d+)/.exec(result.content) : null;
    assert.ok(printed, `the command's output is not in its result: ${JSON.stringify(result)}`);
    sleepPid = Number(printed[1]);
    assert.match(result?.role === 'tool' ? result.content : '', /stopped by the user/);

    let alive = true;
    for (let attempt = 0; attempt < 40 && alive; attempt++) {
      alive = await isRunning(sleepPid);
      if (alive) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(alive, false, `the command's child ${sleepPid} still runs after Stop`);
  });
});
