// Benchmark (issue 17): what starting a subagent costs. One `task` call starts 4 subagents (the default parallel
// limit, so none waits for a slot) through the real task tool, scheduler, agent loop, TurnRecorder, tool set on a
// Node workspace and Kimi client, against the fake server. Per subagent:
// - subagent_start_overhead_ms: from the call reaching the tool until the subagent's request is handed to the
//   model connection (its record, card updates, saves, scheduler slot, tool set, history): the start's own cost;
// - subagent_start_to_request_ms: until the request arrives at the fake server, for information: it adds the
//   client's HTTP work for 4 requests at once (new connections), which the baseline beside it measures alone
//   (parallel_4_plain_requests_to_arrival_ms: 4 requests of the same client started at once, no subagent).
// The fake server runs in this process, so its validation of the parallel requests is in the arrival times too.
// Medians over 10 calls (40 starts) after 2 warm-up calls. Prints JSON lines for scripts/bench.mjs.
// Run: npx tsx scripts/bench/subagents.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApprovalBroker } from '../../src/common/agent/approvals';
import { newAssistantTurn } from '../../src/common/conversations/newConversation';
import { toAssistantView } from '../../src/common/conversations/viewModel';
import { buildSystemPrompt } from '../../src/common/context/systemPrompt';
import { KimiClient } from '../../src/common/llm/kimiClient';
import type { AssembledToolCall } from '../../src/common/llm/types';
import { defaultSettings } from '../../src/common/settings';
import { SubagentScheduler } from '../../src/common/subagents/scheduler';
import { createTaskTool } from '../../src/common/subagents/taskTool';
import { SensitiveConsents } from '../../src/common/tools/consentGate';
import { createToolSet } from '../../src/common/tools/toolSet';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { firstUserText, startFakeKimi, type ChatCompletionRequestBody } from '../../test/fixtures/fake-kimi/server';
import { median, report } from './measure';

const SUBAGENTS = 4;
const RUNS = 10;
const WARMUP = 2;
const API_KEY = 'bench-key';

async function main(): Promise<void> {
  const fake = await startFakeKimi({ flavor: 'aimlapi', apiKey: API_KEY });
  fake.setFallback(() => ({ kind: 'reply', reasoning: 'Short.', content: 'Report: nothing to add.' }));
  const root = mkdtempSync(join(tmpdir(), 'kimi-bench-subagents-'));
  writeFileSync(join(root, 'README.md'), '# bench\n');
  try {
    const client = new KimiClient({ provider: 'aimlapi', baseUrl: fake.url, apiKey: API_KEY, thinking: true, maxOutputTokens: 32768, maxAttempts: 1 });
    /** When each conversation's request was handed to the client, by its first user message. */
    const handedOver = new Map<string, number>();
    const stream = (request: { messages: Parameters<KimiClient['stream']>[0]['messages']; tools: Parameters<KimiClient['stream']>[0]['tools']; signal: AbortSignal }) => {
      const task = request.messages.find((message) => message.role === 'user');
      if (task && typeof task.content === 'string' && !handedOver.has(task.content)) handedOver.set(task.content, performance.now());
      return client.stream({ messages: request.messages, tools: request.tools, signal: request.signal });
    };
    const approvals = new ApprovalBroker();
    const scheduler = new SubagentScheduler({ maxParallel: () => SUBAGENTS });
    const systemPrompt = buildSystemPrompt([]);

    /** One task call of SUBAGENTS subagents: ms from the call to each subagent's request handed over, and arrived. */
    const oneCall = async (run: number): Promise<{ handed: number; arrived: number }[]> => {
      const turn = newAssistantTurn('Kimi K2.6', Date.now());
      const tool = createTaskTool({
        host: {
          scheduler,
          tools: (recorder, signal) =>
            createToolSet({ workspace: new NodeWorkspace(root, { ripgrep: false }), settings: () => defaultSettings, approvals, recorder, consents: new SensitiveConsents(), signal }, { readOnly: false }),
        },
        turn,
        stream,
        systemPrompt,
        maxSteps: 5,
        now: Date.now,
        // What the host does on each change: the view message serialised (as postMessage does; the webview, in its
        // own process, validates it), and the save's JSON.
        publish: () => void JSON.stringify({ type: 'turnUpdated', turn: toAssistantView(turn) }),
        persist: (complete) => void (complete && JSON.stringify(turn)),
        onCost: () => undefined,
      });
      const prompts = Array.from({ length: SUBAGENTS }, (_, index) => `Bench run ${run}, task ${index}: look around and report.`);
      const args = { tasks: prompts.map((prompt, index) => ({ description: `Task ${index}`, prompt })) };
      const call: AssembledToolCall = { index: 0, id: `task:${run}`, name: 'task', argumentsText: JSON.stringify(args), arguments: args };
      const calledAt = performance.now();
      const outcome = await tool.execute(call, new AbortController().signal);
      if (outcome.status !== 'done' || !outcome.summary.endsWith(`${SUBAGENTS} done`)) throw new Error(`the task call ended ${outcome.status}: ${outcome.summary}`);
      return prompts.map((prompt) => {
        const first = fake.requests.find((request) => request.body && firstUserText(request.body as ChatCompletionRequestBody) === prompt);
        const handed = handedOver.get(prompt);
        if (!first || handed === undefined) throw new Error(`no request for ${prompt}`);
        return { handed: handed - calledAt, arrived: first.receivedAt - calledAt };
      });
    };

    /** The client alone, SUBAGENTS requests started at once: ms from stream() to each request's arrival. */
    const plainRequests = async (run: number): Promise<number[]> => {
      const prompts = Array.from({ length: SUBAGENTS }, (_, index) => `Plain request ${run}.${index}`);
      const started = performance.now();
      await Promise.all(
        prompts.map(async (prompt) => {
          for await (const event of client.stream({ messages: [{ role: 'system', content: systemPrompt }, { role: 'user', content: prompt }] })) {
            if (event.type === 'error') throw new Error(event.error.message);
          }
        }),
      );
      return prompts.map((prompt) => {
        const arrived = fake.requests.find((request) => request.body && firstUserText(request.body as ChatCompletionRequestBody) === prompt);
        if (!arrived) throw new Error('a plain request never arrived');
        return arrived.receivedAt - started;
      });
    };

    for (let run = 0; run < WARMUP; run++) {
      await oneCall(-1 - run);
      await plainRequests(-1 - run);
    }
    const handed: number[] = [];
    const arrived: number[] = [];
    const plain: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const start of await oneCall(run)) {
        handed.push(start.handed);
        arrived.push(start.arrived);
      }
      plain.push(...(await plainRequests(run)));
    }
    report('subagent_start_overhead_ms', median(handed), 'ms', RUNS * SUBAGENTS, 2);
    report('subagent_start_to_request_ms', median(arrived), 'ms', RUNS * SUBAGENTS, 2);
    report('parallel_4_plain_requests_to_arrival_ms', median(plain), 'ms', RUNS * SUBAGENTS, 2);
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
