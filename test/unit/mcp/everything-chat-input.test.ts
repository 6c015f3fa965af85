// The real everything server (from npm), over stdio and over its own streamable HTTP transport, seen the way the
// chat input uses it: a `/mcp.everything.<prompt> …` command read against its listed prompts and made into the
// user's message (arguments, an embedded blob resource), its resources as `@` chips read into context, and its
// long-running tool's progress shown live on the tool card through the real turn recorder, with Stop ending the
// call. And Stop while servers are still starting ends the wait at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/common/agent/agentLoop';
import { ApprovalBroker } from '../../../src/common/agent/approvals';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import { createMcpTools } from '../../../src/common/mcp/mcpTools';
import { parsePromptInvocation, promptMessagesToUserInput, toSlashCommands } from '../../../src/common/mcp/promptCommands';
import { findResource, matchingResourceChips, resourceContextBlock, templateResources } from '../../../src/common/mcp/resourceMentions';
import { buildToolCatalog } from '../../../src/common/mcp/toolCatalog';
import type { HostToWebviewMessage, ToolCard } from '../../../src/common/protocol';
import type { ToolContext } from '../../../src/common/tools/toolContext';
import type { McpServerManager } from '../../../src/node/mcp/serverManager';
import { scriptedModel, toolCall } from '../agent/agentFakes';
import { assistantTurn } from '../conversations/conversationFixtures';
import { disposeAll, eventually, everythingStdio, isAlive, newManager, remoteServer, startEverythingHttp, stdioServer } from './mcpHarness';

const LONG_TOOL = 'mcp__everything__trigger-long-running-operation';

for (const transport of ['stdio', 'streamable HTTP'] as const) {
  describe(`the everything server's prompts, resources and progress over ${transport}`, { timeout: 90_000 }, () => {
    let manager: McpServerManager;

    before(async () => {
      manager = newManager();
      const config = transport === 'stdio' ? everythingStdio() : remoteServer('everything', (await startEverythingHttp('streamableHttp')).url);
      await manager.setServers([config]);
      await manager.snapshotTools();
      assert.equal(manager.info('everything')?.status.state, 'ready');
    });
    after(disposeAll);

    /** The user's message a `/mcp.everything.…` command becomes: read against the listed prompts, then asked of the server. */
    async function promptInput(command: string): Promise<ReturnType<typeof promptMessagesToUserInput>> {
      const invocation = parsePromptInvocation(command, manager.prompts());
      assert.ok(invocation.kind === 'prompt', JSON.stringify(invocation));
      const result = await manager.getPrompt(invocation.server, invocation.prompt.name, invocation.args);
      assert.ok(result.ok, JSON.stringify(result));
      return promptMessagesToUserInput(result.value.messages, { acceptImages: true, idPrefix: 'p' });
    }

    test('its prompts are / commands with their arguments', () => {
      const commands = toSlashCommands(manager.prompts(), 'everything');
      const args = commands.find((command) => command.name === 'mcp.everything.args-prompt');
      assert.ok(commands.some((command) => command.name === 'mcp.everything.simple-prompt'), commands.map((command) => command.name).join(', '));
      assert.deepEqual(args?.arguments.map((argument) => [argument.name, argument.required]), [['city', true], ['state', false]]);
    });

    test('/mcp.everything.args-prompt city=… state=… becomes the user message the server wrote', async () => {
      assert.deepEqual(await promptInput('/mcp.everything.args-prompt city="San Francisco" state=CA'), { text: "What's weather in San Francisco, CA?", images: [] });
    });

    test('a prompt with an embedded blob resource: its text blob is decoded into the message', async () => {
      const { text } = await promptInput('/mcp.everything.resource-prompt resourceType=Blob resourceId=2');
      assert.match(text, /^This prompt includes the Blob resource with id: 2\. Please analyze the following resource:\n\n<context title="demo:\/\/resource\/dynamic\/blob\/2">\nResource 2: This is a base64 blob created at /);
    });

    test('a prompt argument the server refuses is a sentence, not an exception', async () => {
      const result = await manager.getPrompt('everything', 'resource-prompt', { resourceType: 'Video', resourceId: '1' });
      assert.ok(!result.ok && /Invalid resourceType/.test(result.reason), JSON.stringify(result));
    });

    test('its resources are @ chips; a picked one is read into a context block', async () => {
      const chips = matchingResourceChips(manager.resources(), 'features');
      assert.ok(chips.length > 0, JSON.stringify(manager.resources()).slice(0, 300));
      const chip = chips[0]!;
      assert.equal(chip.kind, 'mcpResource');
      const listed = findResource(manager.resources(), chip.id);
      assert.ok(listed, 'the chip id leads back to the listed resource');
      const read = await manager.readResource(listed.server, listed.resource.uri);
      assert.ok(read.ok, JSON.stringify(read));
      if (!read.ok) return;
      const { block, images } = resourceContextBlock(listed, read.value, { acceptImages: true, idPrefix: 'r' });
      assert.match(block.title, /^demo:\/\/resource\/static\/document\/features\.md \(MCP resource of "everything", text\/markdown\)$/);
      assert.match(block.body, /#/);
      assert.deepEqual(images, []);
    });

    test('a resource the server adds later (it announces the change) joins the @ list on the next query', async () => {
      const before = manager.resources()[0]!.resources.length;
      const made = await manager.callTool('everything', 'gzip-file-as-resource', { name: 'hello.txt.gz', data: 'data:text/plain;base64,SGVsbG8=', outputType: 'resourceLink' }, { signal: new AbortController().signal });
      assert.equal(made.kind, 'result', JSON.stringify(made));
      const listed = async () => {
        await manager.startUntried(() => true);
        return manager.resources()[0]!.resources.some((resource) => resource.name === 'hello.txt.gz');
      };
      let found = false;
      for (let attempt = 0; attempt < 50 && !found; attempt++) {
        found = await listed();
        if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(found, `listed: ${manager.resources()[0]!.resources.map((resource) => resource.name).join(', ')}`);
      assert.equal(manager.resources()[0]!.resources.length, before + 1);
    });

    test('a uri of its dynamic-resource template is offered and read', async () => {
      const offered = templateResources(manager.resources(), 'demo://resource/dynamic/text/3');
      assert.equal(offered.length, 1, JSON.stringify(manager.resources().map((listing) => listing.templates)));
      const read = await manager.readResource(offered[0]!.server, offered[0]!.resource.uri);
      assert.ok(read.ok, JSON.stringify(read));
      if (!read.ok) return;
      assert.match(resourceContextBlock(offered[0]!, read.value, { acceptImages: true, idPrefix: 'r' }).block.body, /^Resource 3: This is a plaintext resource created at /);
    });

    test('the long-running tool shows its progress live on its card; Stop ends the call', async () => {
      const catalog = buildToolCatalog(await manager.snapshotTools());
      const turn = assistantTurn('a1', { status: 'streaming', startedAt: Date.now() });
      const summaries: string[] = [];
      const stop = new AbortController();
      const recorder = new TurnRecorder(turn, {
        post: (message: HostToWebviewMessage) => {
          if (message.type !== 'turnUpdated' || message.turn.role !== 'assistant') return;
          const card: ToolCard | undefined = message.turn.toolCalls.find((candidate) => candidate.tool === LONG_TOOL);
          if (card?.status === 'running' && card.summary && summaries.at(-1) !== card.summary) summaries.push(card.summary);
          // Stop once the card has shown two steps: the server is told to cancel, the turn ends.
          if (summaries.length === 2) stop.abort();
        },
        persist: () => undefined,
        describeTarget: (call) => call.name,
        now: () => Date.now(),
      });
      const context = { approvals: new ApprovalBroker(), recorder, signal: stop.signal } as Pick<ToolContext, 'approvals' | 'recorder' | 'signal'> as ToolContext;
      const tools = createMcpTools({ catalog, caller: manager, context, alwaysAllow: () => new Set(['trigger-long-running-operation']) });
      const model = scriptedModel([[{ type: 'toolCall', call: toolCall('call-1', LONG_TOOL, JSON.stringify({ duration: 30, steps: 60 })) }, { type: 'finish', reason: 'tool_calls' }]]);
      const started = Date.now();
      const result = await runAgentTurn([{ role: 'user', content: 'Run the long operation.' }], { maxSteps: 3, webSearch: false, stream: (request) => model.stream(request), tools }, recorder, stop.signal);
      recorder.finish(result);
      // Steps that arrive within 100 ms of the last one shown are skipped on the card (over HTTP they can bunch up).
      assert.equal(summaries.length, 2, summaries.join(' | '));
      const steps = summaries.map((summary) => Number(/^\d+% \((\d+)\/60\)$/.exec(summary)?.[1]));
      assert.ok(steps[0]! >= 1 && steps[1]! > steps[0]!, summaries.join(' | '));
      assert.equal(result.reason, 'cancelled');
      assert.ok(Date.now() - started < 10_000, `stopped after ${Date.now() - started} ms, not after 30 s`);
      assert.equal(turn.toolCards[0]?.status, 'rejected');
      assert.equal((await manager.callTool('everything', 'get-sum', { a: 1, b: 2 }, { signal: new AbortController().signal })).kind, 'result', 'the server still serves');
    });
  });
}

describe('Stop while servers are starting', { timeout: 30_000 }, () => {
  after(disposeAll);

  test('ends the wait for a server that hangs at start, stops it, and the next turn tries again', async () => {
    const manager = newManager({ startupTimeoutMs: 20_000 });
    await manager.setServers([stdioServer('slow', ['-e', 'setInterval(() => {}, 1000)']), everythingStdio('quick')]);
    const stop = new AbortController();
    const snapshot = manager.snapshotTools(stop.signal);
    assert.ok(await eventually(() => manager.info('slow')?.pid !== undefined, 5000), 'the slow server was spawned');
    const pid = manager.info('slow')!.pid!;
    const stoppedAt = Date.now();
    stop.abort();
    const taken = await snapshot;
    assert.ok(Date.now() - stoppedAt < 500, `the snapshot took ${Date.now() - stoppedAt} ms after Stop`);
    assert.notEqual(taken.servers.find((server) => server.server === 'slow')?.status.state, 'ready');
    assert.ok(await eventually(() => !isAlive(pid)), `pid ${pid} still runs after Stop`);
    assert.equal(manager.info('slow')?.status.state, 'stopped');
    // Not marked as tried: the next turn starts it again (and waits for it, up to its time limit).
    const next = manager.snapshotTools(AbortSignal.timeout(1500));
    assert.ok(await eventually(() => manager.info('slow')?.pid !== undefined && manager.info('slow')!.pid !== pid, 5000), 'the next turn starts it again');
    await next;
  });

  test('ends the wait for the question about a project server; its answer counts from then on', async () => {
    let answer!: (allowed: boolean) => void;
    const manager = newManager({ mayStart: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    await manager.setServers([{ ...everythingStdio('project-server'), source: 'project' }]);
    const stop = new AbortController();
    const snapshot = manager.snapshotTools(stop.signal);
    await eventually(() => answer !== undefined);
    stop.abort();
    assert.deepEqual((await snapshot).servers[0]!.tools, [], 'the turn goes on without it');
    answer(true);
    assert.ok(await eventually(() => manager.info('project-server')?.status.state === 'ready', 15_000), 'allowed later, it starts');
  });
});
