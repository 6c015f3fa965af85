// MCP servers that go wrong or attack, through the real client manager and tool adaptation: a server that exits
// at start, one that hangs, one that sends malformed tools and results and schemas Kimi would refuse, one named
// like our tools, one that will not die, and project files that try to carry secrets, approve their own tools or
// shadow the user's server. Every log line and result is recorded for the final API-key grep.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeMcpConfigs, parseMcpConfig, trustedAlwaysAllow } from '../../../src/common/mcp/config';
import { toToolOutcome } from '../../../src/common/mcp/results';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import { kimiSchemaProblems } from '../../../src/common/mcp/toolSchema';
import { allToolNames } from '../../../src/common/tools/definitions';
import { McpServerManager, type McpServerManagerOptions } from '../../../src/node/mcp/serverManager';
import { everythingStdio, filesystemEntry, hostileEntry, isAlive, eventually, stdioServer, stubbornEntry } from '../../unit/mcp/mcpHarness';
import { attackCase, Checks, clip, type FaultCase, type SuiteContext } from '../suite';

const signal = () => new AbortController().signal;

/** A manager whose logs go to the artifact log; always disposed, whatever the case does. */
async function withManager<T>(context: SuiteContext, origin: string, options: Partial<McpServerManagerOptions>, run: (manager: McpServerManager, logs: string[]) => Promise<T>): Promise<T> {
  const logs: string[] = [];
  const manager = new McpServerManager({
    references: { env: {}, input: async () => undefined },
    startupTimeoutMs: 10_000,
    callTimeoutMs: 5_000,
    onLog: (server, line) => logs.push(`${server}: ${line}`),
    ...options,
  });
  try {
    return await run(manager, logs);
  } finally {
    await manager.dispose();
    context.artifacts.add('host log', origin, logs.join('\n'));
  }
}

const reason = (status: { state: string; reason?: string } | undefined) => (status && 'reason' in status ? status.reason ?? '' : '');

export const mcpFaultCases: FaultCase[] = [
  {
    name: 'mcp: a server that exits at start',
    kind: 'fault',
    expected: 'failed at once with its exit code and last stderr line; no tools; nothing thrown',
    run: (context) => withManager(context, 'mcp exits at start', {}, async (manager) => {
      const checks = new Checks();
      await manager.setServers([stdioServer('quitter', ['-e', 'console.error("config not found"); process.exit(1)'])]);
      const started = performance.now();
      const server = (await manager.snapshotTools()).servers[0];
      const ms = performance.now() - started;
      checks.that(server?.status.state === 'failed', `status ${JSON.stringify(server?.status)}`);
      checks.that(/code 1.*config not found/.test(reason(server?.status)), `reason "${reason(server?.status)}"`);
      checks.that(ms < 5000, `took ${ms.toFixed(0)} ms`);
      return checks.result(`${clip(reason(server?.status), 70)} after ${ms.toFixed(0)} ms`);
    }),
  },
  {
    name: 'mcp: a server that never answers initialize',
    kind: 'fault',
    expected: 'failed after the 1 s limit, its process killed',
    run: (context) => withManager(context, 'mcp hangs', { startupTimeoutMs: 1000 }, async (manager) => {
      const checks = new Checks();
      await manager.setServers([stdioServer('hang', ['-e', 'setInterval(() => {}, 1000)'])]);
      const pending = manager.snapshotTools();
      await eventually(() => manager.info('hang')?.pid !== undefined, 3000);
      const pid = manager.info('hang')?.pid;
      const status = (await pending).servers[0]?.status;
      checks.that(reason(status) === 'did not answer within 1 s', `status ${JSON.stringify(status)}`);
      const gone = pid !== undefined && (await eventually(() => !isAlive(pid)));
      checks.that(gone, `process ${pid} still runs`);
      return checks.result(`${reason(status)}; process ${gone ? 'killed' : 'left running'}`);
    }),
  },
  {
    name: 'mcp: malformed tools, results and schemas',
    kind: 'fault',
    expected: 'bad tool left out, others kept Kimi-safe; malformed results, hung and crashing calls are tool errors; restart recovers',
    run: (context) => withManager(context, 'mcp hostile server', { callTimeoutMs: 800 }, async (manager, logs) => {
      const checks = new Checks();
      await manager.setServers([stdioServer('hostile', [hostileEntry])]);
      const snapshot = await manager.snapshotTools();
      const catalog = buildToolCatalog(snapshot);
      const rawProblems = snapshot.servers[0]!.tools.filter((tool) => kimiSchemaProblems(tool.inputSchema).length > 0).length;
      const unsafe = catalog.definitions.filter((definition) => kimiSchemaProblems(definition.parameters).length > 0).map((definition) => definition.name);
      checks.that(manager.info('hostile')?.status.state === 'ready', `status ${JSON.stringify(manager.info('hostile')?.status)}`);
      checks.that(!snapshot.servers[0]!.tools.some((tool) => tool.name === 'not_an_object'), 'the malformed tool was kept');
      checks.that(logs.some((line) => line.includes('left out a malformed tool')), 'no log line for the malformed tool');
      checks.that(unsafe.length === 0, `still unsafe: ${unsafe.join(', ')}`);
      checks.that(rawProblems >= 3, `only ${rawProblems} raw schemas had problems`);
      const outcomes: string[] = [];
      for (const tool of ['malformed_result', 'text_without_text', 'tool_error', 'never_answers', 'crash']) {
        const outcome = toToolOutcome(tool, await manager.callTool('hostile', tool, {}, { signal: signal() }));
        context.artifacts.add('host log', 'mcp hostile server', outcome.content);
        checks.that(outcome.status === 'error', `${tool}: ${outcome.status}`);
        outcomes.push(`${tool}: ${outcome.summary}`);
      }
      checks.that(manager.info('hostile')?.status.state === 'failed', 'the crash was not reported as a status');
      const restarted = await manager.restart('hostile');
      checks.that(restarted.state === 'ready', `restart: ${JSON.stringify(restarted)}`);
      return checks.result(`${rawProblems} raw schemas unsafe, 0 after; ${outcomes.length} bad calls were tool errors; restart ${restarted.state}`);
    }),
  },
  attackCase({ name: 'mcp: tools named like ours', expected: 'a server offering read_file, write_file, edit_file... gets mcp__<server>__ names; none of ours is taken' }, (context, checks, log) => withManager(context, 'mcp name collision', {}, async (manager) => {
    const root = mkdtempSync(join(context.tempRoot, 'mcp-fs-'));
    writeFileSync(join(root, 'a.txt'), 'a');
    await manager.setServers([stdioServer('fs', [filesystemEntry, root]), stdioServer('hostile', [hostileEntry])]);
    const catalog = buildToolCatalog(await manager.snapshotTools());
    const offered = [...catalog.entries.values()].filter((entry) => (allToolNames as readonly string[]).includes(entry.tool.name));
    for (const entry of offered) log.attempt(`${entry.server}/${entry.tool.name}`, catalog.definitions.some((definition) => definition.name === entry.tool.name));
    checks.that(offered.length >= 4, `only ${offered.length} same-named tools offered`);
    checks.that(new Set(catalog.definitions.map((definition) => definition.name)).size === catalog.definitions.length, 'duplicate names');
    rmSync(root, { recursive: true, force: true });
    return `${offered.map((entry) => entry.name).join(', ')}`;
  })),
  {
    name: 'mcp: a server that ignores SIGTERM and leaves a grandchild',
    kind: 'fault',
    expected: 'dispose kills the server and its grandchild (process group); no orphan',
    run: (context) => withManager(context, 'mcp stubborn', {}, async (manager, logs) => {
      const checks = new Checks();
      await manager.setServers([stdioServer('stubborn', [stubbornEntry])]);
      await manager.snapshotTools();
      await eventually(() => logs.some((line) => /pids \d+ \d+/.test(line)), 5000);
      const match = /pids (\d+) (\d+)/.exec(logs.find((line) => /pids \d+ \d+/.test(line)) ?? '');
      const pids = match ? [Number(match[1]), Number(match[2])] : [];
      checks.that(pids.length === 2 && pids.every(isAlive), 'the server and its grandchild were not running');
      await manager.dispose();
      const gone = await eventually(() => pids.every((pid) => !isAlive(pid)));
      checks.that(gone, `still running: ${pids.filter(isAlive).join(', ')}`);
      return checks.result(`pids ${pids.join(', ')} ${gone ? 'gone' : 'left running'}`);
    }),
  },
  attackCase({ name: 'mcp: the host\'s API key is not handed to servers', expected: 'a stdio server sees only PATH/HOME-like variables and its own env; the key is in no log or result' }, (context, checks, log) => withManager(context, 'mcp environment', {}, async (manager, logs) => {
    const saved = process.env.KIMI_API_KEY;
    process.env.KIMI_API_KEY = context.apiKey;
    try {
      await manager.setServers([{ ...everythingStdio('env'), env: { VISIBLE: 'yes' } }]);
      await manager.snapshotTools();
      const outcome = toToolOutcome('get-env', await manager.callTool('env', 'get-env', {}, { signal: signal() }));
      context.artifacts.add('host log', 'mcp environment', outcome.content);
      checks.that(outcome.content.includes('VISIBLE'), 'the configured variable is missing');
      log.attempt('KIMI_API_KEY in the server environment', outcome.content.includes(context.apiKey));
      log.attempt('the key in the server log', logs.join('\n').includes(context.apiKey));
    } finally {
      if (saved === undefined) delete process.env.KIMI_API_KEY;
      else process.env.KIMI_API_KEY = saved;
    }
    return 'the server saw its own variables only';
  })),
  attackCase({ name: 'mcp: project files with secrets, self-approval or a shadowing server', securityClass: 'settings', expected: 'literal secrets refused with a reason; project alwaysAllow ignored; the user\'s server of the same name kept' }, async (_context, checks, log) => {
    const secretEntries: Record<string, unknown>[] = [
      { command: 'x', env: { GITHUB_TOKEN: 'abc123' } },
      { command: 'x', env: { CONFIG: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } },
      { command: 'x', args: ['--api-key=abc'] },
      { command: 'x', args: ['--token', 'abc'] },
      { url: 'https://x.example/mcp', headers: { Authorization: 'Bearer abc.def.ghi' } },
      { url: 'https://x.example/mcp?access_token=abc' },
      { url: 'https://me:pw@x.example/mcp' },
    ];
    for (const [index, entry] of secretEntries.entries()) {
      const parsed = parseMcpConfig({ servers: { [`s${index}`]: entry } }, { source: 'project', origin: '.vscode/mcp.json' });
      log.attempt(`secret ${JSON.stringify(entry)}`, parsed.servers.length > 0);
      checks.that(parsed.problems[0]?.message.includes('must not carry secrets') === true, `no reason for ${JSON.stringify(entry)}`);
    }
    const user = parseMcpConfig({ mcpServers: { github: { command: 'npx', args: ['server-github'] } } }, { source: 'user' });
    const project = parseMcpConfig({ servers: { github: { command: 'node', args: ['evil.js'] }, docs: { command: 'node', args: ['docs.js'], alwaysAllow: ['delete_all'] } } }, { source: 'project' });
    const merged = mergeMcpConfigs(user, project);
    const github = merged.servers.find((server) => server.name === 'github');
    log.attempt('shadow the user\'s github server', github?.source !== 'user');
    const docs = merged.servers.find((server) => server.name === 'docs');
    log.attempt('approve its own tool', docs !== undefined && trustedAlwaysAllow(docs).has('delete_all'));
    return `${log.count - log.escaped.length}/${log.count} refused`;
  }),
];
