// Runs one assistant turn of a conversation: resolves the model and key, builds the stable system prompt,
// runs the agent loop with the workspace tools, and records everything into the stored turn.
import * as vscode from 'vscode';
import { runAgentTurn, type AgentTools } from '../../common/agent/agentLoop';
import type { ApprovalBroker } from '../../common/agent/approvals';
import { buildSystemPrompt } from '../../common/context/systemPrompt';
import type { StoredAssistantTurn, StoredConversation } from '../../common/conversations/model';
import { TurnRecorder } from '../../common/conversations/turnRecorder';
import { toApiHistory } from '../../common/conversations/viewModel';
import { KimiClient } from '../../common/llm/kimiClient';
import { makeKimiError, noKeyError } from '../../common/llm/errors';
import { keyOriginMismatchMessage } from '../../common/keyOrigin';
import { originOf } from '../../common/workspaceSettings';
import type { ChatMessage } from '../../common/llm/types';
import type { HostToWebviewMessage } from '../../common/protocol';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import type { RulesFiles } from '../context/rulesFiles';
import type { Logger } from '../log';
import type { ModelChoice } from './modelChoice';

export interface TurnHooks {
  post(message: HostToWebviewMessage): void;
  persist(complete: boolean): void;
  signal: AbortSignal;
}

export interface TurnOutcome {
  /** Tokens the conversation occupies in the context window after this turn (0 when unknown). */
  contextTokens: number;
}

/** Builds the tool set for one turn; the recorder lets tools show approval states on their cards. */
export type ToolSetFactory = (recorder: TurnRecorder, signal: AbortSignal) => AgentTools;

export interface TurnRunnerDeps {
  configuration: Configuration;
  keys: ApiKeys;
  models: ModelChoice;
  rules: RulesFiles;
  approvals: ApprovalBroker;
  tools: ToolSetFactory;
  log: Logger;
}

export class TurnRunner {
  constructor(private readonly deps: TurnRunnerDeps) {}

  resolveApproval(toolCallId: string, approved: boolean): void {
    if (!this.deps.approvals.answer(toolCallId, approved)) {
      this.deps.log.warn(`Ignored an approval for ${toolCallId}: nothing was waiting for it.`);
    }
  }

  async run(conversation: StoredConversation, turn: StoredAssistantTurn, hooks: TurnHooks): Promise<TurnOutcome> {
    let tools: AgentTools | undefined;
    const recorder = new TurnRecorder(turn, {
      post: hooks.post,
      persist: hooks.persist,
      describeTarget: (call) => tools?.describeTarget(call) ?? call.name,
      now: () => Date.now(),
    });
    const settings = this.deps.configuration.settings;
    const profile = this.deps.models.current();
    // A key goes only to the origin it was stored for: a key of another host means no request at all.
    const lookup = await this.deps.keys.lookup(settings.provider, originOf(profile.baseUrl));
    if (lookup.status === 'otherOrigin') {
      const message = keyOriginMismatchMessage(profile.preset.label, lookup);
      this.deps.log.warn(message);
      // The key prompt is not opened unasked: a key typed there is bound to this request's host, which the
      // user should choose knowingly (the error card's Set API Key does that, the host named in its title).
      recorder.finish({ reason: 'error', error: makeKimiError('auth', message), steps: 0 });
      return { contextTokens: 0 };
    }
    const key = lookup.status === 'found' ? lookup : undefined;
    if (!key && profile.preset.requiresApiKey) {
      recorder.finish({ reason: 'error', error: noKeyError(profile.preset.label), steps: 0 });
      void vscode.commands.executeCommand('kimiAssistant.setApiKey');
      return { contextTokens: 0 };
    }

    const client = new KimiClient({
      provider: settings.provider,
      baseUrl: profile.baseUrl,
      model: profile.modelId,
      apiKey: key?.key ?? '',
      thinking: settings.thinking,
      maxOutputTokens: settings.maxOutputTokens,
      temperature: settings.temperature,
      requestOverrides: settings.requestOverrides,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      log: (line) => this.deps.log.info(line),
      logPrompts: settings.logPrompts,
    });
    const system: ChatMessage = { role: 'system', content: buildSystemPrompt(await this.deps.rules.read()) };
    // The turn's own messages are fed back by the agent loop; history is everything before it.
    const history = [system, ...toApiHistory({ ...conversation, turns: conversation.turns.filter((candidate) => candidate !== turn) })];
    tools = this.deps.tools(recorder, hooks.signal);
    const result = await runAgentTurn(
      history,
      {
        maxSteps: settings.maxAgentSteps,
        webSearch: settings.webSearch,
        tools,
        stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }),
      },
      recorder,
      hooks.signal,
    );
    recorder.finish(result);
    if (result.error) this.deps.log.warn(`Turn ended with ${result.error.category}: ${result.error.detail ?? result.error.message}`);
    return { contextTokens: recorder.lastPromptTokens };
  }
}
