// Calls the product's tools directly, one call at a time, as the agent loop would (a throwing tool
// becomes an error result): for attack corpora too large to script through the model.
import type { ToolOutcome } from '../../../src/common/agent/agentLoop';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import type { AssembledToolCall, ToolDefinition } from '../../../src/common/llm/types';
import type { ToolSettings } from '../../../src/common/tools/toolContext';
import { createNodeTools, recordingRunner, type ApprovalRequest, type SimulatedUser } from './nodeTools';

export interface ToolBench {
  call(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  approvalRequests: ApprovalRequest[];
  commandsRun: string[];
  definitions(): ToolDefinition[];
}

export interface BenchOptions {
  /** Restricted mode: only the tools that neither write nor run. */
  readOnly?: boolean;
  /** The shell a host on another platform would use ('windows' checks the cmd.exe rules on any machine). */
  shell?: 'posix' | 'windows';
}

export function toolBench(root: string, user: SimulatedUser, commandAllowList: readonly string[] = [], settings: Partial<ToolSettings> = {}, options: BenchOptions = {}): ToolBench {
  const recorder = new TurnRecorder(
    { role: 'assistant', id: 'bench', messages: [], reasoning: '', text: '', toolCards: [], status: 'streaming' },
    { post: () => undefined, persist: () => undefined, describeTarget: (call) => call.name, now: () => Date.now() },
  );
  const approvalRequests: ApprovalRequest[] = [];
  const runner = recordingRunner();
  const tools = createNodeTools({
    root,
    recorder,
    signal: new AbortController().signal,
    user,
    settings: { commandAllowList: [...commandAllowList], ...settings },
    runner,
    approvalRequests,
    ...options,
  });
  let counter = 0;
  return {
    approvalRequests,
    commandsRun: runner.commands,
    definitions: () => tools.definitions(),
    call: async (name, args) => {
      const argumentsText = JSON.stringify(args);
      const call: AssembledToolCall = { id: `bench-${++counter}`, name, index: 0, argumentsText, arguments: args };
      try {
        return await tools.execute(call, new AbortController().signal);
      } catch (error) {
        return { content: `Error: ${name} failed: ${error instanceof Error ? error.message : String(error)}`, status: 'error', summary: 'failed' };
      }
    },
  };
}
