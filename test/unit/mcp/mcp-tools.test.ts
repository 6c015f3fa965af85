// MCP tools as AgentTools: each call asks the user through the same approval as our tools unless the user's own
// configuration always allows it; a denial, a Stop or bad arguments never reach the server. Merged with our
// tool set, a real agent turn uses our read_file and the filesystem server's tool side by side.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgentTurn } from '../../../src/common/agent/agentLoop';
import { ApprovalBroker, type ApprovalSubject } from '../../../src/common/agent/approvals';
import type { AssembledToolCall, StreamEvent } from '../../../src/common/llm/types';
import { createMcpTools, mergeAgentTools } from '../../../src/common/mcp/mcpTools';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import type { McpCallOptions, McpCallOutcome, McpProgress, McpToolCaller } from '../../../src/common/mcp/types';
import { defaultSettings } from '../../../src/common/settings';
import { SensitiveConsents } from '../../../src/common/tools/consentGate';
import type { ToolContext } from '../../../src/common/tools/toolContext';
import { createToolSet } from '../../../src/common/tools/toolSet';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';
import { recordingObserver, scriptedModel, toolCall } from '../agent/agentFakes';
import { disposeAll, filesystemEntry, githubCatalog, newManager, stdioServer } from './mcpHarness';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A person who answers every approval card the same way (or never), recording what they were asked. */
class User extends ApprovalBroker {
  readonly asked: ApprovalSubject[] = [];
  constructor(private readonly decision: 'approve' | 'deny' | 'never') {
    super();
  }
  override ask(id: string, signal: AbortSignal, subject?: ApprovalSubject): Promise<boolean> {
    if (subject) this.asked.push(subject);
    const answer = super.ask(id, signal, subject);
    if (this.decision !== 'never') setImmediate(() => this.answer(id, this.decision === 'approve'));
    return answer;
  }
}

function context(user: ApprovalBroker, signal = new AbortController().signal, root = tmpdir()): ToolContext & { cards: string[] } {
  const cards: string[] = [];
  return {
    cards,
    workspace: new NodeWorkspace(root, { ripgrep: false }),
    settings: () => ({ 'autoApprove.readOnlyTools': true, 'autoApprove.edits': false, 'autoApprove.commands': false, commandAllowList: defaultSettings.commandAllowList }),
    approvals: user,
    recorder: { markAwaitingApproval: (call) => void cards.push(`awaiting ${call.id}`), onToolCall: (call, status) => void cards.push(`${status} ${call.id}`) },
    consents: new SensitiveConsents(),
    signal,
  };
}

/** A caller that records calls and answers as told. */
function fakeCaller(answer: (tool: string, options: McpCallOptions) => Promise<McpCallOutcome> | McpCallOutcome): McpToolCaller & { calls: string[] } {
  const calls: string[] = [];
  return { calls, callTool: async (server, tool, args, options) => (calls.push(`${server}/${tool} ${JSON.stringify(args)}`), answer(tool, options)) };
}

const catalog = githubCatalog();
const call = (name: string, args: unknown = {}): AssembledToolCall => ({ ...toolCall(`call-${name}`, name, JSON.stringify(args)), arguments: args });
const text = (value: string): McpCallOutcome => ({ kind: 'result', result: { content: [{ type: 'text', text: value }] } });

describe('the MCP AgentTools adapter', () => {
  test('definitions, read-only hints and card labels', () => {
    const tools = createMcpTools({ catalog, caller: fakeCaller(() => text('')), context: context(new User('approve')), alwaysAllow: () => new Set() });
    assert.deepEqual(tools.definitions().map((definition) => definition.name), ['mcp__gh__close_issue', 'mcp__gh__list_issues']);
    assert.equal(tools.isReadOnly('mcp__gh__list_issues'), true);
    assert.equal(tools.isReadOnly('mcp__gh__close_issue'), false);
    assert.equal(tools.describeTarget(call('mcp__gh__close_issue')), 'gh › close_issue');
  });

  test('asks first, even for a read-only tool, and calls once approved', async () => {
    const user = new User('approve');
    const ctx = context(user);
    const caller = fakeCaller(() => text('3 open issues'));
    const tools = createMcpTools({ catalog, caller, context: ctx, alwaysAllow: () => new Set() });
    const outcome = await tools.execute(call('mcp__gh__list_issues', { repo: 'a/b' }), new AbortController().signal);
    assert.deepEqual(outcome, { content: '3 open issues', status: 'done', summary: '13 characters' });
    assert.deepEqual(user.asked, [{ kind: 'command', subject: 'gh › list_issues', reason: 'The MCP server "gh" would run its tool "list_issues" with the arguments {"repo":"a/b"}.' }]);
    assert.deepEqual(caller.calls, ['gh/list_issues {"repo":"a/b"}']);
    assert.deepEqual(ctx.cards, ['awaiting call-mcp__gh__list_issues', 'running call-mcp__gh__list_issues']);
  });

  test('a denial never reaches the server', async () => {
    const caller = fakeCaller(() => text('closed'));
    const tools = createMcpTools({ catalog, caller, context: context(new User('deny')), alwaysAllow: () => new Set() });
    const outcome = await tools.execute(call('mcp__gh__close_issue', { id: 1 }), new AbortController().signal);
    assert.equal(outcome.status, 'rejected');
    assert.match(outcome.content, /The user did not allow close_issue \(MCP server "gh"\)/);
    assert.deepEqual(caller.calls, []);
  });

  test('Stop while the question is open answers no and calls nothing', async () => {
    const controller = new AbortController();
    const caller = fakeCaller(() => text('closed'));
    const tools = createMcpTools({ catalog, caller, context: context(new User('never'), controller.signal), alwaysAllow: () => new Set() });
    const pending = tools.execute(call('mcp__gh__close_issue', { id: 1 }), controller.signal);
    setImmediate(() => controller.abort());
    assert.equal((await pending).status, 'rejected');
    assert.deepEqual(caller.calls, []);
  });

  test('a tool on the user\'s always-allow list runs without asking', async () => {
    const user = new User('never');
    const caller = fakeCaller(() => text('ok'));
    const tools = createMcpTools({ catalog, caller, context: context(user), alwaysAllow: (server) => new Set(server === 'gh' ? ['list_issues'] : []) });
    assert.equal((await tools.execute(call('mcp__gh__list_issues'), new AbortController().signal)).status, 'done');
    assert.deepEqual(user.asked, []);
  });

  test('arguments that are not an object and unknown names are errors without a question', async () => {
    const user = new User('approve');
    const caller = fakeCaller(() => text('x'));
    const tools = createMcpTools({ catalog, caller, context: context(user), alwaysAllow: () => new Set() });
    assert.equal((await tools.execute(call('mcp__gh__list_issues', [1, 2]), new AbortController().signal)).summary, 'invalid arguments');
    assert.equal((await tools.execute(call('mcp__gh__nope'), new AbortController().signal)).summary, 'unknown tool');
    assert.deepEqual([user.asked, caller.calls], [[], []]);
  });

  test('progress goes to the card with its call; images come back beside the text', async () => {
    const progress: [string, McpProgress][] = [];
    const caller = fakeCaller((_tool, options) => {
      options.onProgress?.({ progress: 1, total: 2, message: 'half way' });
      return { kind: 'result', result: { content: [{ type: 'text', text: 'chart:' }, { type: 'image', data: PNG, mimeType: 'image/png' }] } };
    });
    const tools = createMcpTools({ catalog, caller, context: context(new User('approve')), alwaysAllow: () => new Set(['list_issues']), onProgress: (c, p) => progress.push([c.id, p]) });
    const outcome = await tools.execute(call('mcp__gh__list_issues'), new AbortController().signal);
    assert.deepEqual(progress, [['call-mcp__gh__list_issues', { progress: 1, total: 2, message: 'half way' }]]);
    assert.equal(outcome.images?.[0]?.dataUri.startsWith('data:image/png;base64,'), true);
  });
});

describe('merged with our tools, in a real agent turn', { timeout: 60_000 }, () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'kimi-mcp-agent-')));
  after(async () => {
    await disposeAll();
    rmSync(root, { recursive: true, force: true });
  });

  test('the model calls our read_file and the filesystem server\'s read_text_file in one step', async () => {
    writeFileSync(join(root, 'ours.txt'), 'read by our tool\n');
    writeFileSync(join(root, 'theirs.txt'), 'read by the MCP server\n');
    const manager = newManager();
    await manager.setServers([stdioServer('fs', [filesystemEntry, root])]);
    const mcpCatalog = buildToolCatalog(await manager.snapshotTools());
    const user = new User('approve');
    const ctx = context(user, new AbortController().signal, root);
    const tools = mergeAgentTools(createToolSet(ctx, { readOnly: false }), createMcpTools({ catalog: mcpCatalog, caller: manager, context: ctx, alwaysAllow: () => new Set() }));

    const names = tools.definitions().map((definition) => definition.name);
    assert.deepEqual(names.slice(0, 7), ['read_file', 'list_files', 'search', 'get_diagnostics', 'edit_file', 'write_file', 'run_command'], 'ours first, in their order');
    assert.ok(names.includes('mcp__fs__read_file') && names.filter((name) => name === 'read_file').length === 1);
    assert.strictEqual(tools.definitions(), tools.definitions(), 'the same list object for every request');

    const step: StreamEvent[] = [
      { type: 'toolCall', call: toolCall('functions.read_file:0', 'read_file', JSON.stringify({ path: 'ours.txt' }), 0) },
      { type: 'toolCall', call: toolCall('functions.mcp__fs__read_text_file:1', 'mcp__fs__read_text_file', JSON.stringify({ path: join(root, 'theirs.txt') }), 1) },
      { type: 'finish', reason: 'tool_calls' },
    ];
    const model = scriptedModel([step, [{ type: 'text', text: 'Both read.' }, { type: 'finish', reason: 'stop' }]]);
    const observer = recordingObserver();
    const result = await runAgentTurn([{ role: 'user', content: 'Read both files.' }], { maxSteps: 4, webSearch: false, stream: (request) => model.stream(request), tools }, observer, new AbortController().signal);

    assert.equal(result.reason, 'answered');
    const toolMessages = observer.messages.filter((message) => message.role === 'tool');
    assert.match(toolMessages[0]!.content as string, /read by our tool/);
    assert.equal(toolMessages[1]!.content, 'read by the MCP server\n');
    assert.deepEqual(user.asked.map((subject) => subject.subject), ['fs › read_text_file'], 'only the MCP call asked (our reads are auto-approved by default)');
  });
});
