// What a chat turn needs from VS Code: the model chosen in settings with the key stored for its host, the
// workspace's rules files, the workspace tools and the step limit. The turn itself runs in src/common/chat.
import * as vscode from 'vscode';
import type { AgentTools } from '../../common/agent/agentLoop';
import type { ModelConnection, TurnEnvironment } from '../../common/chat/assistantTurn';
import type { RulesFile } from '../../common/context/systemPrompt';
import type { TurnRecorder } from '../../common/conversations/turnRecorder';
import { keyOriginMismatchMessage } from '../../common/keyOrigin';
import { createKimiClient } from '../../common/llm/createKimiClient';
import { makeKimiError, noKeyError } from '../../common/llm/errors';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import type { RulesFiles } from '../context/rulesFiles';
import type { Logger } from '../log';
import type { ModelChoice } from './modelChoice';

/** Builds the tool set for one turn; the recorder lets tools show approval states on their cards. */
export type ToolSetFactory = (recorder: TurnRecorder, signal: AbortSignal) => AgentTools;

export interface EditorTurnEnvironmentDeps {
  configuration: Configuration;
  keys: ApiKeys;
  models: ModelChoice;
  rules: RulesFiles;
  tools: ToolSetFactory;
  log: Logger;
}

export class EditorTurnEnvironment implements TurnEnvironment {
  constructor(private readonly deps: EditorTurnEnvironmentDeps) {}

  modelLabel(): string {
    return this.deps.models.current().label;
  }

  async connect(): Promise<ModelConnection> {
    const settings = this.deps.configuration.settings;
    const profile = this.deps.models.current();
    // A key goes only to the origin it was stored for: a key of another host means no request at all.
    const lookup = await this.deps.keys.lookup(settings.provider, originOf(profile.baseUrl));
    if (lookup.status === 'otherOrigin') {
      const message = keyOriginMismatchMessage(profile.preset.label, lookup);
      this.deps.log.warn(message);
      // The key prompt is not opened unasked: a key typed there is bound to this request's host, which the
      // user should choose knowingly (the error card's Set API Key does that, the host named in its title).
      return { ok: false, error: makeKimiError('auth', message) };
    }
    const key = lookup.status === 'found' ? lookup : undefined;
    if (!key && profile.preset.requiresApiKey) {
      void vscode.commands.executeCommand('kimiAssistant.setApiKey');
      return { ok: false, error: noKeyError(profile.preset.label) };
    }
    const client = createKimiClient({ settings, profile, apiKey: key?.key ?? '', log: (line) => this.deps.log.info(line) });
    return { ok: true, stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }) };
  }

  rulesFiles(): Promise<RulesFile[]> {
    return this.deps.rules.read();
  }

  tools(recorder: TurnRecorder, signal: AbortSignal): AgentTools {
    return this.deps.tools(recorder, signal);
  }

  limits(): { maxSteps: number; webSearch: boolean } {
    const { maxAgentSteps, webSearch } = this.deps.configuration.settings;
    return { maxSteps: maxAgentSteps, webSearch };
  }
}
