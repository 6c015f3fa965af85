// The tool list the model sees from MCP: names `mcp__<server>__<tool>` within Kimi's limits, unique, never one of
// ours, sorted and byte-stable whatever order the servers answered in; task-only tools, failed servers and
// tools past the cap left out with the reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildToolCatalog, mcpToolName, RESERVED_TOOL_NAMES } from '../../../src/common/mcp/toolCatalog';
import type { McpServerSnapshot, McpTool, McpToolSnapshot } from '../../../src/common/mcp/types';
import { allToolNames } from '../../../src/common/tools/definitions';

const tool = (name: string, extra: Partial<McpTool> = {}): McpTool => ({ name, inputSchema: { type: 'object', properties: {} }, ...extra });
const server = (name: string, tools: McpTool[], status: McpServerSnapshot['status'] = { state: 'ready' }): McpServerSnapshot => ({ server: name, source: 'user', status, tools });
const snapshot = (...servers: McpServerSnapshot[]): McpToolSnapshot => ({ servers });
const VALID_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

describe('tool names', () => {
  test('mcp__<server>__<tool>, with other characters replaced', () => {
    assert.equal(mcpToolName('github', 'create_issue'), 'mcp__github__create_issue');
    assert.equal(mcpToolName('my server', 'get.thing/v2'), 'mcp__my_server__get_thing_v2');
    assert.match(mcpToolName('日本', 'ツール'), /^mcp__x[a-z0-9]{6}__x[a-z0-9]{6}$/, 'nothing readable is left: a hash');
    assert.notEqual(mcpToolName('日本', 'ツール'), mcpToolName('中国', 'ツール'));
  });

  test('a long name fits 64 characters and keeps a hash of the original', () => {
    const long = mcpToolName('a-very-long-server-name-that-goes-on', 'an_even_longer_tool_name_that_nobody_would_want_to_type_ever');
    assert.ok(long.length <= 64, `${long.length}`);
    assert.match(long, VALID_NAME);
    assert.notEqual(long, mcpToolName('a-very-long-server-name-that-goes-on', 'an_even_longer_tool_name_that_nobody_would_want_to_type_ever_2'));
    assert.equal(long, mcpToolName('a-very-long-server-name-that-goes-on', 'an_even_longer_tool_name_that_nobody_would_want_to_type_ever'), 'stable');
  });

  test('tools that sanitise alike get distinct names, the same ones whatever the order', () => {
    const tools = [tool('a.b'), tool('a_b'), tool('a b')];
    const one = buildToolCatalog(snapshot(server('s', tools)));
    const other = buildToolCatalog(snapshot(server('s', [...tools].reverse())));
    const names = one.definitions.map((definition) => definition.name);
    assert.equal(new Set(names).size, 3);
    for (const name of names) assert.match(name, VALID_NAME);
    assert.deepEqual(names, other.definitions.map((definition) => definition.name));
    assert.equal(one.entries.get('mcp__s__a_b')?.tool.name, 'a b', 'the first in code-unit order keeps the plain name');
  });

  test('a tool named like one of ours never takes our name', () => {
    const catalog = buildToolCatalog(snapshot(server('fs', allToolNames.map((name) => tool(name)))));
    for (const own of allToolNames) {
      assert.ok(!catalog.entries.has(own));
      assert.equal(catalog.entries.get(`mcp__fs__${own}`)?.tool.name, own);
    }
    for (const reserved of RESERVED_TOOL_NAMES) assert.ok(!catalog.entries.has(reserved));
  });

  test('a reserved name is avoided even when the server produces it exactly', () => {
    const catalog = buildToolCatalog(snapshot(server('x', [tool('y')])), { reserved: new Set(['mcp__x__y']) });
    const [name] = [...catalog.entries.keys()];
    assert.notEqual(name, 'mcp__x__y');
    assert.match(name!, /^mcp__x__y_[a-z0-9]{6}$/);
  });
});

describe('the catalog', () => {
  test('definitions are sorted and byte-stable, whatever order servers and tools came in', () => {
    const a = server('alpha', [tool('zeta'), tool('eta', { description: 'Eta.' })]);
    const b = server('beta', [tool('one', { inputSchema: { type: 'object', properties: { n: { enum: [1, 2] } } } })]);
    const first = buildToolCatalog(snapshot(a, b));
    const second = buildToolCatalog(snapshot(structuredClone(b), { ...structuredClone(a), tools: [...structuredClone(a).tools].reverse() }));
    assert.deepEqual(first.definitions.map((definition) => definition.name), ['mcp__alpha__eta', 'mcp__alpha__zeta', 'mcp__beta__one']);
    assert.equal(JSON.stringify(first.definitions), JSON.stringify(second.definitions));
  });

  test('only ready servers contribute; task-only and duplicate tools are skipped with the reason', () => {
    const catalog = buildToolCatalog(snapshot(
      server('down', [tool('x')], { state: 'failed', reason: 'exited' }),
      server('up', [tool('plain'), tool('tasky', { execution: { taskSupport: 'required' } }), tool('optional-task', { execution: { taskSupport: 'optional' } }), tool('plain')]),
    ));
    assert.deepEqual([...catalog.entries.keys()], ['mcp__up__optional-task', 'mcp__up__plain']);
    assert.deepEqual(catalog.skipped.map((skip) => `${skip.tool}: ${skip.reason}`), [
      'plain: the server lists this tool twice',
      'tasky: it only runs as an MCP task, which is not supported yet',
    ]);
  });

  test('tools beyond the cap are left out, by name order', () => {
    const catalog = buildToolCatalog(snapshot(server('many', Array.from({ length: 12 }, (_, index) => tool(`t${String(index).padStart(2, '0')}`)))), { maxTools: 10 });
    assert.equal(catalog.definitions.length, 10);
    assert.deepEqual(catalog.skipped.map((skip) => skip.tool), ['t10', 't11']);
  });

  test('readOnly comes from readOnlyHint only; descriptions fall back and are capped', () => {
    const catalog = buildToolCatalog(snapshot(server('s', [
      tool('reads', { annotations: { readOnlyHint: true } }),
      tool('writes', { annotations: { readOnlyHint: false, destructiveHint: true } }),
      tool('silent'),
      tool('titled', { title: 'A Title' }),
      tool('verbose', { description: 'v'.repeat(5000) }),
    ])));
    assert.equal(catalog.entries.get('mcp__s__reads')?.readOnly, true);
    assert.equal(catalog.entries.get('mcp__s__writes')?.readOnly, false);
    assert.equal(catalog.entries.get('mcp__s__silent')?.readOnly, false);
    assert.equal(catalog.entries.get('mcp__s__silent')?.definition.description, 'The tool "silent" of the MCP server "s".');
    assert.equal(catalog.entries.get('mcp__s__titled')?.definition.description, 'A Title');
    assert.equal(catalog.entries.get('mcp__s__verbose')?.definition.description.length, 2000);
  });
});
