// MCP servers in the real host, with server-everything from node_modules: a user-level server's tool is offered,
// asks on its card and its result goes back to the model; its prompt sent as a `/` command and its resource
// attached as an `@` mention reach the model in the user's message; a project server (.kimi/mcp.json) neither
// starts nor offers tools until the user approves its command line.
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { resourceChip } from '../../src/common/mcp/resourceMentions';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi, workspaceRoot } from './extension-host';
import { connectFakeModel, disconnectFakeModel, openCalculatorInNewChat, waitFor } from './fake-model';

type RecordedBody = { messages?: { role: string; content?: unknown; tool_call_id?: string }[]; tools?: { function?: { name?: string } }[] };

const everythingEntry = join(dirname(createRequire(__filename).resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
// The extension host may be Electron: run its binary as plain Node.
const launch = { command: process.execPath, args: [everythingEntry, 'stdio'], env: { ELECTRON_RUN_AS_NODE: '1' } };

suite('MCP servers in the real host', function () {
  this.timeout(90_000);
  let api: KimiAssistantApi;
  let fake: FakeKimi;
  let root: string;

  const settings = () => vscode.workspace.getConfiguration('kimiAssistant');
  const toolsOf = (index: number) => ((fake.requests[index]?.body as RecordedBody | undefined)?.tools ?? []).map((tool) => tool.function?.name ?? '');
  const lastTurn = () => {
    const turn = api.currentConversation()?.turns.at(-1);
    return turn?.role === 'assistant' ? turn : undefined;
  };

  suiteSetup(async () => {
    api = await activateKimi();
    fake = await connectFakeModel('mcp-test-key');
    root = workspaceRoot().fsPath;
    await openCalculatorInNewChat();
  });

  suiteTeardown(async () => {
    await rm(join(root, '.kimi'), { recursive: true, force: true });
    await settings().update('mcp.servers', undefined, vscode.ConfigurationTarget.Global);
    await api.mcpServers.forget();
    await disconnectFakeModel(fake);
  });

  test('a user-level stdio server: its echo tool is offered, approved on its card, and its result goes back to the model', async () => {
    await settings().update('mcp.servers', { everything: launch }, vscode.ConfigurationTarget.Global);
    fake.enqueue(
      { kind: 'reply', reasoning: 'Echo it.', toolCalls: [{ name: 'mcp__everything__echo', arguments: JSON.stringify({ message: 'hello from MCP' }) }] },
      { kind: 'reply', content: 'The server echoed it.' },
    );
    const before = fake.requests.length;
    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Echo through MCP.' });
    const card = await waitFor(() => lastTurn()?.toolCalls.find((call) => call.tool === 'mcp__everything__echo' && call.status === 'awaiting-approval'), 'the MCP tool card asks for approval', 45_000);
    api.simulateChatWebviewMessages([{ type: 'resolveToolApproval', toolCallId: card.id, approved: true }]);
    await asked;
    assert.equal(fake.requests.length, before + 2, 'the tool round and the answer');
    assert.ok(toolsOf(before).includes('mcp__everything__echo'), `offered: ${toolsOf(before).join(', ')}`);
    assert.ok(toolsOf(before).includes('read_file'), 'our own tools are still there');
    const answer = fake.requests.at(-1)?.body as RecordedBody;
    const toolMessage = answer.messages?.find((message) => message.role === 'tool');
    assert.match(String(toolMessage?.content), /hello from MCP/);
    assert.equal(lastTurn()?.status, 'done');
    assert.ok(api.mcpServers.list().some((server) => server.name === 'everything' && server.state === 'ready' && server.toolCount > 0));
    await settings().update('mcp.servers', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a prompt sent as /mcp.everything.args-prompt and a resource attached with @ reach the model in the user message', async () => {
    await settings().update('mcp.servers', { everything: launch }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('kimiAssistant.newChat');
    const userMessageOf = (index: number) => String(JSON.stringify((fake.requests[index]?.body as RecordedBody | undefined)?.messages?.filter((message) => message.role === 'user').at(-1)?.content));

    fake.enqueue({ kind: 'reply', content: 'Sunny in Paris.' });
    let before = fake.requests.length;
    api.simulateChatWebviewMessages([{ type: 'send', text: '/mcp.everything.args-prompt city=Paris', chips: [], images: [] }]);
    await waitFor(() => fake.requests.length > before && lastTurn()?.status === 'done', 'the prompt was sent and answered', 45_000);
    assert.match(userMessageOf(before), /What's weather in Paris\?/, 'the server wrote the message the model got');
    assert.doesNotMatch(userMessageOf(before), /\/mcp\.everything/, 'not the command as typed');

    const chip = resourceChip('everything', { uri: 'demo://resource/static/document/features.md', name: 'features.md', mimeType: 'text/markdown' });
    fake.enqueue({ kind: 'reply', content: 'It lists the features.' });
    before = fake.requests.length;
    api.simulateChatWebviewMessages([{ type: 'send', text: 'What does this say?', chips: [chip], images: [] }]);
    await waitFor(() => fake.requests.length > before && lastTurn()?.status === 'done', 'the message with the resource was answered', 45_000);
    const sent = userMessageOf(before);
    assert.match(sent, /<context title=\\"demo:\/\/resource\/static\/document\/features\.md \(MCP resource of &quot;everything&quot;, text\/markdown\)\\">/, sent.slice(0, 300));
    assert.match(sent, /What does this say\?/);
    const userTurn = api.currentConversation()?.turns.at(-2);
    assert.deepEqual(userTurn?.role === 'user' ? userTurn.chips.map((shown) => [shown.kind, shown.label]) : [], [['mcpResource', 'features.md']]);
    await settings().update('mcp.servers', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a project server in .kimi/mcp.json starts and is offered only after its command line is approved', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    await api.mcpServers.forget();
    await mkdir(join(root, '.kimi'), { recursive: true });
    await writeFile(join(root, '.kimi', 'mcp.json'), JSON.stringify({ mcpServers: { project: launch } }));

    // Refused: the turn goes on without the server's tools, and the server never starts.
    fake.enqueue({ kind: 'reply', content: 'No project tools.' });
    let before = fake.requests.length;
    let asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'First turn.' });
    const prompt = await waitFor(() => api.mcpServers.pendingApprovals().find((pending) => pending.server === 'project'), 'the project server is asked about', 20_000);
    assert.match(prompt.launch, /server-everything.*stdio/, 'the question names the command line');
    assert.equal(fake.requests.length, before, 'nothing is sent while the question waits');
    assert.notEqual(api.mcpServers.list().find((server) => server.name === 'project')?.state, 'ready');
    assert.ok(api.mcpServers.answer('project', false));
    await asked;
    assert.ok(!toolsOf(before).some((name) => name.startsWith('mcp__project__')), `offered: ${toolsOf(before).join(', ')}`);
    assert.notEqual(api.mcpServers.list().find((server) => server.name === 'project')?.state, 'ready');

    // Restart asks again; approved, the next turn offers its tools.
    const restarted = api.mcpServers.restart('project');
    await waitFor(() => api.mcpServers.pendingApprovals().find((pending) => pending.server === 'project'), 'Restart asks again', 20_000);
    assert.ok(api.mcpServers.answer('project', true));
    await restarted;
    fake.enqueue({ kind: 'reply', content: 'Project tools here.' });
    before = fake.requests.length;
    asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Second turn.' });
    await asked;
    assert.ok(toolsOf(before).includes('mcp__project__echo'), `offered: ${toolsOf(before).join(', ')}`);
    assert.equal(api.mcpServers.pendingApprovals().length, 0, 'an approved command line is not asked about again');
  });

  test('typing / or @ never starts or asks about an unapproved project server, and a forged resource chip attaches nothing', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    await api.mcpServers.forget();
    const unapproved = { ...launch, env: { ...launch.env, KIMI_UNAPPROVED_CASE: '1' } };
    await writeFile(join(root, '.kimi', 'mcp.json'), JSON.stringify({ mcpServers: { unapproved } }));
    api.simulateChatWebviewMessages([
      { type: 'slashQuery', requestId: 'slash-1', query: '' },
      { type: 'mentionQuery', requestId: 'mention-1', query: 'doc' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(api.mcpServers.pendingApprovals(), [], 'no question was asked');
    assert.equal(api.mcpServers.list().find((server) => server.name === 'unapproved')?.state, 'stopped', 'it was not started');

    // A chip the webview made up (an id no running server lists) goes nowhere: no context block, no chip.
    await rm(join(root, '.kimi'), { recursive: true, force: true });
    fake.enqueue({ kind: 'reply', content: 'Nothing attached.' });
    const before = fake.requests.length;
    api.simulateChatWebviewMessages([{ type: 'send', text: 'Forged chip.', chips: [{ id: 'mcp:forged000000', kind: 'mcpResource', label: 'secrets', tokens: 0 }], images: [] }]);
    await waitFor(() => fake.requests.length > before && lastTurn()?.status === 'done', 'the message was answered', 20_000);
    const sent = (fake.requests[before]?.body as RecordedBody).messages?.filter((message) => message.role === 'user').at(-1);
    assert.equal(sent?.content, 'Forged chip.');
    const userTurn = api.currentConversation()?.turns.at(-2);
    assert.deepEqual(userTurn?.role === 'user' ? userTurn.chips : undefined, []);
    await mkdir(join(root, '.kimi'), { recursive: true });
  });

  test('Stop while a project server waits for its question ends the turn before any request', async function () {
    if (!vscode.workspace.isTrusted) this.skip();
    // Another command line: not approved yet, so the turn waits for the question.
    const waiting = { ...launch, env: { ...launch.env, KIMI_STOP_CASE: '1' } };
    await writeFile(join(root, '.kimi', 'mcp.json'), JSON.stringify({ mcpServers: { waiting } }));
    const before = fake.requests.length;
    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Never sent.' });
    await waitFor(() => api.mcpServers.pendingApprovals().find((pending) => pending.server === 'waiting'), 'the waiting server is asked about', 20_000);
    const stoppedAt = Date.now();
    await vscode.commands.executeCommand('kimiAssistant.stop');
    await asked;
    assert.ok(Date.now() - stoppedAt < 3000, `the turn ended ${Date.now() - stoppedAt} ms after Stop`);
    assert.equal(fake.requests.length, before, 'no request was sent');
    assert.equal(lastTurn()?.status, 'stopped');
    assert.ok(api.mcpServers.answer('waiting', false), 'the question is still open, for the user to answer');
  });
});
