// run_command in the real extension host: in the Kimi terminal through shell integration (1 MB of output
// reaches the model as head and tail with the line count, escape sequences gone, exit codes kept), the
// captured-process fallback when shell integration is off (the card says so), and a background dev server
// that is started, read and stopped, whose process group is gone afterwards, as it is when its conversation ends.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isRunning, processGroupMembers } from '../harness/procfs';
import type { StoredConversation } from '../../src/common/conversations/model';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, openCalculatorInNewChat, waitFor } from './fake-model';

/** 10,000 lines of 100 bytes: 1,000,000 bytes. */
const MEGABYTE_COMMAND = "seq -f 'line %094g' 1 10000";
const DEV_SERVER = `node -e "const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>{console.log('listening on '+s.address().port);setInterval(()=>console.log('tick'),100)})"`;

interface ToolResult {
  content: string;
  summary: string;
}

/** Asks, lets the scripted model run its calls, and returns each call's result as saved and its card's line. */
async function runScript(api: KimiAssistantApi, instruction: string): Promise<ToolResult[]> {
  await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction });
  const id = api.currentConversation()?.id ?? '';
  const stored = JSON.parse(await readFile(join(api.conversationsFolder(), `${id}.json`), 'utf8')) as StoredConversation;
  const answer = stored.turns.at(-1);
  assert.ok(answer?.role === 'assistant', 'the last turn is the answer');
  const contents = answer.messages.flatMap((message) => (message.role === 'tool' ? [message.content] : []));
  const cards = api.currentConversation()?.turns.at(-1);
  const summaries = cards?.role === 'assistant' ? cards.toolCalls.map((card) => card.summary ?? '') : [];
  return contents.map((content, index) => ({ content, summary: summaries[index] ?? '' }));
}

suite('run_command in a Kimi terminal and in the background, in the real extension host', function () {
  this.timeout(90_000);
  let fake: FakeKimi;
  let api: KimiAssistantApi;
  const started: number[] = [];

  suiteSetup(async function () {
    if (process.platform === 'win32') this.skip();
    api = await activateKimi();
    fake = await connectFakeModel('terminal-commands-key');
    // The command lines have shell syntax, which the allow-list never vouches for; approval has its own tests.
    await vscode.workspace.getConfiguration('kimiAssistant').update('autoApprove.commands', true, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    for (const pid of started) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    await vscode.workspace.getConfiguration('terminal.integrated').update('shellIntegration.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('kimiAssistant').update('autoApprove.commands', undefined, vscode.ConfigurationTarget.Global);
    if (fake) await disconnectFakeModel(fake);
  });

  test('1 MB of output runs in the Kimi terminal and reaches the model as head and tail with the line count', async () => {
    await openCalculatorInNewChat();
    fake.enqueue(
      { kind: 'reply', reasoning: 'Print a lot.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: MEGABYTE_COMMAND }) }] },
      { kind: 'reply', reasoning: 'Colours and a failure.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: "printf '\\033[31mred\\033[0m done\\n'; false" }) }] },
      { kind: 'reply', content: 'Printed.' },
    );
    const [big, coloured] = await runScript(api, 'Print the numbers.');
    assert.ok(big && coloured, 'both commands ran');
    assert.match(big.summary, /exit code 0 · 10000 lines, truncated · in the Kimi terminal/);
    assert.match(big.content, /^\$ seq/);
    assert.match(big.content, /\(exit code 0; 10000 lines, truncated\)/);
    assert.match(big.content, /\nline 0{93}1\n/, 'the head is kept');
    assert.match(big.content, /\nline 0{89}10000$/, 'the tail is kept, up to the last line');
    assert.match(big.content, /lines \(\d+ characters\) of output omitted; 10000 lines in all/);
    assert.ok(big.content.length < 20_000, `the result is ${big.content.length} characters`);
    assert.doesNotMatch(big.content, /\x1b/, 'no escape sequence reaches the model');
    assert.match(coloured.content, /\(exit code 1; 1 line\)\nred done$/);
    assert.ok(vscode.window.terminals.some((terminal) => terminal.name === 'Kimi'), 'the Kimi terminal is open for the user');
  });

  test('with shell integration off the command runs as a captured process and the card says so', async () => {
    await vscode.workspace.getConfiguration('terminal.integrated').update('shellIntegration.enabled', false, vscode.ConfigurationTarget.Global);
    await openCalculatorInNewChat();
    fake.enqueue(
      { kind: 'reply', reasoning: 'Run it.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'echo via-fallback; exit 4' }) }] },
      { kind: 'reply', content: 'Ran.' },
    );
    const [result] = await runScript(api, 'Run the check.');
    await vscode.workspace.getConfiguration('terminal.integrated').update('shellIntegration.enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.ok(result);
    assert.match(result.content, /\(exit code 4; 1 line\)\nvia-fallback$/);
    assert.match(result.summary, /not in a terminal: shell integration is turned off/);
  });

  test('an allow-listed line runs in a terminal where nothing else ran: an approved alias cannot change it', async () => {
    const config = vscode.workspace.getConfiguration('kimiAssistant');
    await config.update('autoApprove.commands', false, vscode.ConfigurationTarget.Global);
    await config.update('commandAllowList', ['echo *'], vscode.ConfigurationTarget.Global);
    try {
      await openCalculatorInNewChat();
      fake.enqueue(
        { kind: 'reply', reasoning: 'Set up.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: "alias echo='printf hijacked'" }) }] },
        { kind: 'reply', reasoning: 'Now the harmless one.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'echo clean' }) }] },
        { kind: 'reply', content: 'Done.' },
      );
      const asked = runScript(api, 'Set up the shell.');
      const card = await waitFor(() => {
        const turn = api.currentConversation()?.turns.at(-1);
        return turn?.role === 'assistant' ? turn.toolCalls.find((call) => call.status === 'awaiting-approval') : undefined;
      }, 'the alias asks for approval', 30_000);
      api.simulateChatWebviewMessages([{ type: 'resolveToolApproval', toolCallId: card.id, approved: true }]);
      const [alias, allowListed] = await asked;
      assert.match(alias?.summary ?? '', /exit code 0 .* in the Kimi terminal/);
      assert.match(allowListed?.content ?? '', /\(exit code 0; 1 line\)\nclean$/, 'the alias of the earlier, approved line did not apply');
      assert.match(allowListed?.summary ?? '', /in the Kimi terminal/);
    } finally {
      await config.update('commandAllowList', undefined, vscode.ConfigurationTarget.Global);
      await config.update('autoApprove.commands', true, vscode.ConfigurationTarget.Global);
    }
  });

  test('a background dev server is started (ready line), read and stopped, and its process group is gone', async () => {
    await openCalculatorInNewChat();
    fake.enqueue(
      { kind: 'reply', reasoning: 'Start the server.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: DEV_SERVER, background: true, ready_pattern: 'listening on \\d+' }) }] },
      // Streamed slowly, so the server has printed a few ticks by the time of the read.
      { kind: 'reply', reasoning: 'See what the server has printed so far, then decide what to do next with it.', chunkDelayMs: 150, chunkSize: 8, toolCalls: [{ name: 'read_process_output', arguments: JSON.stringify({ id: 'bg1' }) }] },
      { kind: 'reply', reasoning: 'Stop it.', toolCalls: [{ name: 'stop_process', arguments: JSON.stringify({ id: 'bg1' }) }] },
      { kind: 'reply', reasoning: 'Someone else\'s.', toolCalls: [{ name: 'stop_process', arguments: JSON.stringify({ id: 'bg7' }) }] },
      { kind: 'reply', content: 'The server ran.' },
    );
    const [start, read, stop, unknown] = await runScript(api, 'Start the dev server.');
    assert.ok(start && read && stop && unknown);
    const pid = Number(/process (\d+)\); the ready line appeared/.exec(start.content)?.[1]);
    assert.ok(pid > 0, `no pid in ${start.content}`);
    started.push(pid);
    assert.match(start.content, /running in the background as bg1/);
    assert.match(start.content, /listening on \d+/);
    assert.match(read.content, /bg1 is running/);
    assert.match(read.content, /\ntick\n/, 'the read returns what the server printed since the start');
    assert.match(stop.content, /bg1 was stopped/);
    assert.match(unknown.content, /no background process "bg7" of this conversation\. Its processes: bg1\./);
    assert.deepEqual(await processGroupMembers(pid), [], 'nothing of the server\'s process group is left');
    assert.ok(vscode.window.terminals.some((terminal) => terminal.name.startsWith('Kimi: node -e')), 'the server\'s output was mirrored in a terminal');
  });

  /** A new chat whose agent starts `sleep 300` in the background; returns its pid. */
  async function startWatcher(): Promise<number> {
    await openCalculatorInNewChat();
    fake.enqueue(
      { kind: 'reply', reasoning: 'Watch.', toolCalls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'sleep 300', background: true }) }] },
      { kind: 'reply', content: 'Watching.' },
    );
    const [start] = await runScript(api, 'Start a watcher.');
    const pid = Number(/process (\d+)\)/.exec(start?.content ?? '')?.[1]);
    assert.ok(pid > 0, `no pid in ${start?.content}`);
    started.push(pid);
    return pid;
  }

  test('Stop on the chat\'s list of background processes stops one', async () => {
    const pid = await startWatcher();
    const owner = api.currentConversation()?.id ?? '';
    // As the webview posts it (validated like any message from it): another conversation's id reaches nothing.
    api.simulateChatWebviewMessages([{ type: 'stopBackgroundProcess', id: 'bg1', owner: 'not-this-conversation' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await isRunning(pid), true);
    api.simulateChatWebviewMessages([{ type: 'stopBackgroundProcess', id: 'bg1', owner }]);
    await waitFor(async () => !(await isRunning(pid)), 'the watcher is stopped from the list', 5_000);
  });

  test('a background process ends with its conversation', async () => {
    const pid = await startWatcher();
    assert.equal(await isRunning(pid), true, 'it runs while its conversation is open');
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    await waitFor(async () => !(await isRunning(pid)), 'the watcher is stopped after New Chat', 5_000);
  });
});
