// Benchmark: what MCP servers add to a chat turn before its first request, and how long the everything server
// takes to start. A real TurnOrchestrator sends a message through a Node replica of the editor's turn environment
// (per turn, as McpServers.turnTools does: the user configuration parsed, the project's two MCP files looked for,
// the manager updated, a tool snapshot taken with the turn's signal, the catalog built and merged with our tools),
// and the time from `send` until the fake Kimi server receives the request is compared with and without three warm
// everything servers (about 40 MCP tools in the request). 15 turns each, alternating, after 3 untimed ones.
// Run: npx tsx scripts/bench/mcp.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentTools } from '../../src/common/agent/agentLoop';
import { ApprovalBroker } from '../../src/common/agent/approvals';
import type { TurnEnvironment } from '../../src/common/chat/assistantTurn';
import { ConversationSaves } from '../../src/common/chat/conversationSaves';
import { TurnOrchestrator } from '../../src/common/chat/turnOrchestrator';
import { KimiClient } from '../../src/common/llm/kimiClient';
import { mergeMcpConfigs, parseMcpConfig, parseMcpConfigText, type McpServerConfig } from '../../src/common/mcp/config';
import { createMcpTools, mergeAgentTools } from '../../src/common/mcp/mcpTools';
import { buildToolCatalog } from '../../src/common/mcp/toolCatalog';
import type { ToolContext } from '../../src/common/tools/toolContext';
import { McpServerManager } from '../../src/node/mcp/serverManager';
import { startFakeKimi } from '../../test/fixtures/fake-kimi/server';
import { fakeTools } from '../../test/unit/agent/agentFakes';
import { everythingEntry } from '../../test/unit/mcp/mcpHarness';
import { median, report } from './measure';

const RUNS = 15;
const WARMUP = 3;
const START_RUNS = 5;
const API_KEY = 'bench-key';
const noReferences = { env: {}, input: async () => undefined };
/** How long each turn's MCP part (configuration, snapshot, catalog) took, to tell it from the request's own cost. */
const snapshotTimes: number[] = [];

/** The user setting as a user would write it: three everything servers over stdio. */
const userSetting = Object.fromEntries(['alpha', 'beta', 'gamma'].map((name) => [name, { command: process.execPath, args: [everythingEntry, 'stdio'] }]));

async function main(): Promise<void> {
  const fake = await startFakeKimi({ flavor: 'aimlapi', apiKey: API_KEY });
  let arrivedAt = 0;
  fake.setFallback(() => {
    arrivedAt = performance.now();
    return { kind: 'reply', content: 'ok', usage: { prompt_tokens: 10, completion_tokens: 1 } };
  });
  const project = mkdtempSync(join(tmpdir(), 'kimi-mcp-bench-'));
  const manager = new McpServerManager({ references: noReferences, defaultCwd: project });
  try {
    const client = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: API_KEY, thinking: true, maxOutputTokens: 4096, maxAttempts: 1 });
    const withServers = orchestrator(environment(client, manager, project, userSetting));
    const without = orchestrator(environment(client, undefined, project, {}));

    // Warm: the servers start on the first turn, as in the editor.
    const firstTurn = performance.now();
    await withServers.send({ text: 'start the servers', chips: [], images: [], context: [] });
    console.error(`first turn with three cold servers: ${(performance.now() - firstTurn).toFixed(0)} ms (${manager.servers().map((server) => `${server.name} ${server.status.state}, ${server.toolCount} tools`).join('; ')})`);
    if (manager.servers().some((server) => server.status.state !== 'ready')) throw new Error('a server did not start');
    const toolsSent = (fake.requests.at(-1)?.body as { tools?: unknown[] }).tools?.length ?? 0;
    console.error(`tools in the request with servers: ${toolsSent}`);

    const timeToRequest = async (turns: TurnOrchestrator): Promise<number> => {
      arrivedAt = 0;
      const sentAt = performance.now();
      const run = await turns.send({ text: 'hello', chips: [], images: [], context: [] });
      if (!run || run.result.reason !== 'answered' || arrivedAt === 0) throw new Error(`the turn ended with ${run?.result.reason}: ${run?.result.error?.message ?? ''}`);
      return arrivedAt - sentAt;
    };
    for (let index = 0; index < WARMUP; index++) {
      await timeToRequest(without);
      await timeToRequest(withServers);
    }
    snapshotTimes.length = 0;
    const baseline: number[] = [];
    const warm: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      baseline.push(await timeToRequest(without));
      warm.push(await timeToRequest(withServers));
    }
    report('chat_first_request_no_mcp_ms', median(baseline), 'ms', RUNS, 2);
    report('chat_first_request_3_warm_mcp_ms', median(warm), 'ms', RUNS, 2);
    report('mcp_3_warm_servers_added_ms', median(warm) - median(baseline), 'ms', RUNS, 2);
    report('mcp_3_warm_servers_turn_snapshot_ms', median(snapshotTimes), 'ms', RUNS, 2);
  } finally {
    await manager.dispose();
    await fake.close();
    rmSync(project, { recursive: true, force: true });
  }

  // The everything server's start: spawn, initialize, and the tools, prompts and resources listed.
  const starts: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    const single = new McpServerManager({ references: noReferences });
    await single.setServers([{ name: 'everything', source: 'user', disabled: false, alwaysAllow: [], transport: 'stdio', command: process.execPath, args: [everythingEntry, 'stdio'], env: {} }]);
    const started = performance.now();
    const status = await single.start('everything');
    starts.push(performance.now() - started);
    await single.dispose();
    if (status.state !== 'ready') throw new Error(`the everything server did not start: ${JSON.stringify(status)}`);
  }
  report('mcp_everything_start_ms', median(starts), 'ms', START_RUNS, 0);
}

/** What EditorTurnEnvironment does per turn, on Node: MCP tools from one snapshot taken in connect(signal). */
function environment(client: KimiClient, manager: McpServerManager | undefined, project: string, setting: Record<string, unknown>): TurnEnvironment {
  let turnTools: { catalog: ReturnType<typeof buildToolCatalog> } | undefined;
  const approvals = new ApprovalBroker();
  return {
    modelLabel: () => 'Kimi K2.6',
    connect: async (signal) => {
      const started = performance.now();
      turnTools = manager ? await snapshot(manager, project, setting, signal) : undefined;
      if (manager) snapshotTimes.push(performance.now() - started);
      return { ok: true, stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }) };
    },
    rulesFiles: async () => [],
    tools: (recorder, signal): AgentTools => {
      const own = fakeTools({});
      if (!turnTools || turnTools.catalog.definitions.length === 0) return own;
      const context = { approvals, recorder, signal } as Pick<ToolContext, 'approvals' | 'recorder' | 'signal'> as ToolContext;
      return mergeAgentTools(own, createMcpTools({ catalog: turnTools.catalog, caller: manager!, context, alwaysAllow: () => new Set() }));
    },
    limits: () => ({ maxSteps: 5, webSearch: false }),
  };
}

async function snapshot(manager: McpServerManager, project: string, setting: Record<string, unknown>, signal: AbortSignal) {
  const user = parseMcpConfig({ mcpServers: setting }, { source: 'user', origin: 'the kimiAssistant.mcp.servers setting' });
  let merged = user;
  for (const file of ['.kimi/mcp.json', '.vscode/mcp.json']) {
    const text = await readFile(join(project, file), 'utf8').catch(() => undefined);
    if (text !== undefined) merged = mergeMcpConfigs(merged, parseMcpConfigText(text, { source: 'project', origin: file }), file);
  }
  await manager.setServers(merged.servers as McpServerConfig[]);
  return { catalog: buildToolCatalog(await manager.snapshotTools(signal)) };
}

function orchestrator(environment: TurnEnvironment): TurnOrchestrator {
  return new TurnOrchestrator({
    environment,
    saves: new ConversationSaves({ save: async () => undefined, logError: (line) => console.error(line) }),
    view: { post: () => undefined, redraw: async () => undefined, statusChanged: async () => undefined },
    onConversationStarted: () => undefined,
    onSessionCost: () => undefined,
    now: () => Date.now(),
    warn: (line) => console.error(line),
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
