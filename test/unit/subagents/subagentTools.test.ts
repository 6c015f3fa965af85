// What a subagent may call, from the host's real tool set merged with MCP tools: the read-only tools (ours and
// the MCP tools a server declares read-only), edit_file and write_file only when the task asks for edits, and
// never run_command or a tool that changes things elsewhere; a refused call never reaches its executor.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { ApprovalBroker } from '../../../src/common/agent/approvals';
import type { AssembledToolCall } from '../../../src/common/llm/types';
import { createMcpTools, mergeAgentTools } from '../../../src/common/mcp/mcpTools';
import { githubCatalog } from '../mcp/mcpHarness';
import { defaultSettings } from '../../../src/common/settings';
import { restrictForSubagent } from '../../../src/common/subagents/subagentTools';
import { SensitiveConsents } from '../../../src/common/tools/consentGate';
import type { ToolContext } from '../../../src/common/tools/toolContext';
import { createToolSet } from '../../../src/common/tools/toolSet';
import { NodeWorkspace } from '../../../src/node/nodeWorkspace';

const catalog = githubCatalog();

function hostTools(calls: string[]) {
  const context: ToolContext = {
    workspace: new NodeWorkspace(tmpdir(), { ripgrep: false }),
    settings: () => defaultSettings,
    approvals: new ApprovalBroker(),
    recorder: { markAwaitingApproval: () => undefined, onToolCall: () => undefined },
    consents: new SensitiveConsents(),
    signal: new AbortController().signal,
  };
  const mcp = createMcpTools({
    catalog,
    context,
    alwaysAllow: () => new Set(['list_issues', 'close_issue']),
    caller: { callTool: async (server, tool) => (calls.push(`${server}/${tool}`), { kind: 'result', result: { content: [{ type: 'text', text: 'ok' }] } }) },
  });
  return mergeAgentTools(createToolSet(context, { readOnly: false }), mcp);
}

const call = (name: string, args: unknown = {}): AssembledToolCall => ({ index: 0, id: `c-${name}`, name, argumentsText: JSON.stringify(args), arguments: args });

describe('subagent tools', () => {
  test('read access: our read-only tools and the read-only MCP tools, nothing that writes or runs', () => {
    const tools = restrictForSubagent(hostTools([]), 'read');
    assert.deepEqual(tools.definitions().map((definition) => definition.name), ['read_file', 'list_files', 'search', 'get_diagnostics', 'mcp__gh__list_issues']);
    assert.equal(tools.definitions(), tools.definitions(), 'the same array each step, so the request stays byte-stable');
  });

  test('edit access adds edit_file and write_file (reviewed like the parent\'s), still no command and no destructive MCP tool', () => {
    const tools = restrictForSubagent(hostTools([]), 'edit');
    assert.deepEqual(tools.definitions().map((definition) => definition.name), ['read_file', 'list_files', 'search', 'get_diagnostics', 'edit_file', 'write_file', 'mcp__gh__list_issues']);
  });

  test('a call to a tool outside the set is refused before it reaches the tool', async () => {
    const calls: string[] = [];
    const tools = restrictForSubagent(hostTools(calls), 'edit');
    for (const name of ['mcp__gh__close_issue', 'run_command', 'task']) {
      const outcome = await tools.execute(call(name, { command: 'rm -rf /' }), new AbortController().signal);
      assert.equal(outcome.status, 'error');
      assert.match(outcome.content, /not available to a subagent/);
    }
    assert.deepEqual(calls, []);
    const allowed = await tools.execute(call('mcp__gh__list_issues'), new AbortController().signal);
    assert.equal(allowed.status, 'done');
    assert.deepEqual(calls, ['gh/list_issues']);
  });
});
