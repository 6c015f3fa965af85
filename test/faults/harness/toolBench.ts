// Calls the rebuilt workspace tools directly, one call at a time, as the agent loop would (a throwing tool
// becomes an error result): for attack corpora too large to script through the model.
import type { ToolOutcome } from '../../../src/common/agent/agentLoop';
import { ApprovalBroker } from '../../../src/common/agent/approvals';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import type { AssembledToolCall } from '../../../src/common/llm/types';
import { createNodeTools, recordingRunner, type ApprovalRequest, type SimulatedUser } from './nodeTools';

export interface ToolBench {
  call(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  approvalRequests: ApprovalRequest[];
  commandsRun: string[];
}

export function toolBench(root: string, user: SimulatedUser, commandAllowList: readonly string[] = []): ToolBench {
  const recorder = new TurnRecorder(
    { role: 'assistant', id: 'bench', messages: [], reasoning: '', text: '', toolCards: [], status: 'streaming' },
    { post: () => undefined, persist: () => undefined, describeTarget: (call) => call.name, now: () => Date.now() },
  );
  const approvalRequests: ApprovalRequest[] = [];
  const runner = recordingRunner();
  const tools = createNodeTools({
    root,
    approvals: new ApprovalBroker(),
    recorder,
    signal: new AbortController().signal,
    user,
    commandAllowList,
    runner,
    approvalRequests,
  });
  let counter = 0;
  return {
    approvalRequests,
    commandsRun: runner.commands,
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
