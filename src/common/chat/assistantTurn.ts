// Runs one assistant turn of a conversation, editor-free: connects to the model, builds the stable system
// prompt and the history, runs the agent loop with the host's tools, and records everything into the stored
// turn. The host (VS Code, or the fault suite on plain Node) supplies the TurnEnvironment.
import type { CompactionLimits } from '../compaction/compaction';
import { runAgentTurn, type AgentOptions, type AgentTools, type AgentTurnResult } from '../agent/agentLoop';
import { buildSystemPrompt, type RulesFile } from '../context/systemPrompt';
import { midTurnCompaction } from '../compaction/midTurnCompaction';
import type { StoredAssistantTurn, StoredCompaction, StoredConversation } from '../conversations/model';
import { TurnRecorder } from '../conversations/turnRecorder';
import { toAssistantView, toApiHistory } from '../conversations/viewModel';
import type { ChatMessage, KimiError } from '../llm/types';
import type { HostToWebviewMessage } from '../protocol';
import { offersSubagents, type SubagentHost } from '../subagents/subagentTools';
import { createTaskTool, withTaskTool } from '../subagents/taskTool';

/** The model for one turn, or why there is none (no key, a key stored for another host). */
export type ModelConnection = { ok: true; stream: AgentOptions['stream'] } | { ok: false; error: KimiError };

/** What a turn needs from its host. */
export interface TurnEnvironment {
  /** The label stored on the answer: the model chosen now. */
  modelLabel(): string;
  /**
   * Called once per turn: settings and keys may have changed since the last one. `signal` is the turn's Stop: what
   * connect waits for (MCP servers starting, a question about one) must end when it fires.
   */
  connect(signal: AbortSignal): Promise<ModelConnection>;
  rulesFiles(): Promise<RulesFile[]>;
  /** The tools of one turn; the recorder lets them show approval states on their cards. */
  tools(recorder: TurnRecorder, signal: AbortSignal): AgentTools;
  limits(): { maxSteps: number; webSearch: boolean };
  /** Subagents (the `task` tool); a host without them offers no `task` tool. */
  subagents?: SubagentHost;
  /** When a turn compacts the conversation first (see common/compaction); without it, only on request. */
  compactionLimits?(): CompactionLimits;
}

export interface AssistantTurnHooks {
  post(message: HostToWebviewMessage): void;
  /** `complete` after a complete event; false for streamed text (see ConversationSaves.soon). */
  persist(complete: boolean): void;
  signal: AbortSignal;
  now(): number;
  warn(line: string): void;
  /** The answer compacted the conversation before one of its model calls (see common/compaction). */
  onCompacted?(compaction: StoredCompaction): void;
}

export interface AssistantTurnOutcome {
  result: AgentTurnResult;
  /** Tokens the conversation occupies in the context window after this turn (0 when unknown). */
  contextTokens: number;
}

export async function runAssistantTurn(
  conversation: StoredConversation,
  turn: StoredAssistantTurn,
  environment: TurnEnvironment,
  hooks: AssistantTurnHooks,
): Promise<AssistantTurnOutcome> {
  let tools: AgentTools | undefined;
  const recorder = new TurnRecorder(turn, {
    post: hooks.post,
    persist: hooks.persist,
    describeTarget: (call) => tools?.describeTarget(call) ?? call.name,
    now: hooks.now,
  });
  const connection = await environment.connect(hooks.signal);
  if (!connection.ok || hooks.signal.aborted) {
    const result: AgentTurnResult = connection.ok ? { reason: 'cancelled', steps: 0 } : { reason: 'error', error: connection.error, steps: 0 };
    recorder.finish(result);
    return { result, contextTokens: 0 };
  }
  const system: ChatMessage = { role: 'system', content: buildSystemPrompt(await environment.rulesFiles()) };
  // The turn's own messages are fed back by the agent loop; history is everything before it.
  const history = [system, ...toApiHistory({ ...conversation, turns: conversation.turns.filter((candidate) => candidate !== turn) })];
  tools = environment.tools(recorder, hooks.signal);
  const limits = environment.limits();
  if (offersSubagents(environment.subagents)) {
    const task = createTaskTool({
      host: environment.subagents,
      turn,
      stream: connection.stream,
      systemPrompt: system.content,
      maxSteps: limits.maxSteps,
      now: hooks.now,
      publish: () => hooks.post({ type: 'turnUpdated', turn: toAssistantView(turn) }),
      persist: hooks.persist,
      onCost: (cost) => recorder.onCost(cost),
    });
    tools = withTaskTool(tools, task);
  }
  const turnTools = tools;
  const compaction = environment.compactionLimits?.();
  const beforeStep = compaction
    ? midTurnCompaction(conversation, turn, {
        stream: connection.stream,
        system,
        tools: () => turnTools.definitions(),
        thresholdTokens: compaction.thresholdTokens,
        keepTokens: compaction.keepTokens,
        lastCallTokens: () => recorder.lastPromptTokens,
        now: hooks.now,
        onCompacted: (stored) => {
          hooks.persist(true);
          hooks.onCompacted?.(stored);
        },
        onFailed: (message) => hooks.post({ type: 'notice', level: 'warning', message }),
      })
    : undefined;
  const result = await runAgentTurn(history, { ...limits, tools, stream: connection.stream, ...(beforeStep ? { beforeStep } : {}) }, recorder, hooks.signal);
  recorder.finish(result);
  if (result.error) hooks.warn(`Turn ended with ${result.error.category}: ${result.error.detail ?? result.error.message}`);
  return { result, contextTokens: recorder.lastPromptTokens };
}
