// What a chat turn needs from VS Code: the model chosen in settings with the key stored for its host, the
// workspace's rules files, the workspace tools (then the MCP servers' tools, frozen at the start of the turn) and
// the step limit. The turn itself runs in src/common/chat.
import * as vscode from 'vscode';
import type { AgentTools } from '../../common/agent/agentLoop';
import type { ModelConnection, TurnEnvironment } from '../../common/chat/assistantTurn';
import type { RulesFile } from '../../common/context/systemPrompt';
import type { TurnRecorder } from '../../common/conversations/turnRecorder';
import { compactionLimits, type CompactionLimits } from '../../common/compaction/compaction';
import { keyOriginMismatchMessage } from '../../common/keyOrigin';
import { toolsForMode } from '../../common/modes/chatModes';
import { withTodoTool } from '../../common/todo/todoTool';
import { createMcpTools, mergeAgentTools } from '../../common/mcp/mcpTools';
import type { ApprovalBroker } from '../../common/agent/approvals';
import type { ToolContext } from '../../common/tools/toolContext';
import { createKimiClient } from '../../common/llm/createKimiClient';
import { makeKimiError, noKeyError } from '../../common/llm/errors';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import type { RulesFiles } from '../context/rulesFiles';
import type { Logger } from '../log';
import type { McpServers, McpTurnTools } from '../mcp/mcpServers';
import type { ChatModeState } from './longTask';
import type { ModelChoice } from './modelChoice';
import { SubagentScheduler } from '../../common/subagents/scheduler';
import type { SubagentHost } from '../../common/subagents/subagentTools';

/** Builds the tool set for one turn; the recorder lets tools show approval states on their cards. */
export type ToolSetFactory = (recorder: TurnRecorder, signal: AbortSignal) => AgentTools;

export interface EditorTurnEnvironmentDeps {
  configuration: Configuration;
  keys: ApiKeys;
  models: ModelChoice;
  rules: RulesFiles;
  tools: ToolSetFactory;
  log: Logger;
  mcp: McpServers;
  approvals: ApprovalBroker;
  /** The chat mode (Ask, Plan, Agent) decides the turn's tools; the todo list reports through it. */
  modes: ChatModeState;
}

export class EditorTurnEnvironment implements TurnEnvironment {
  /**
   * The MCP tools of the turn being started: taken once in connect(), so servers change the list only between turns.
   * The turn's Stop ends the wait for servers that are still starting (see McpServerManager.snapshotTools).
   */
  private mcpTurn: McpTurnTools | undefined;
  private acceptsImages = false;
  /** One scheduler for every turn's subagents, so the parallel limit holds across them; the tools are the turn's. */
  readonly subagents: SubagentHost = {
    scheduler: new SubagentScheduler({ maxParallel: () => this.deps.configuration.settings['subagents.maxParallel'] }),
    tools: (recorder, signal) => this.tools(recorder, signal),
    // The `task` tool is an Agent-mode tool: Ask offers no tool at all, and Plan only those that read.
    offered: () => this.deps.modes.mode === 'agent',
  };

  constructor(private readonly deps: EditorTurnEnvironmentDeps) {}

  modelLabel(): string {
    return this.deps.models.current().label;
  }

  async connect(signal: AbortSignal): Promise<ModelConnection> {
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
    this.acceptsImages = profile.acceptsImages;
    this.mcpTurn = await this.deps.mcp.turnTools(signal);
    const client = createKimiClient({ settings, profile, apiKey: key?.key ?? '', log: (line) => this.deps.log.info(line) });
    return { ok: true, stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal, ...(request.toolChoice ? { toolChoice: request.toolChoice } : {}) }) };
  }

  rulesFiles(): Promise<RulesFile[]> {
    return this.deps.rules.read();
  }

  tools(recorder: TurnRecorder, signal: AbortSignal): AgentTools {
    // The todo list follows our tools and comes before MCP's: each part keeps its bytes when another changes.
    const { modes } = this.deps;
    const own = withTodoTool(this.deps.tools(recorder, signal), (todos) => modes.reportTodos(todos));
    const mcp = this.mcpTurn;
    if (!mcp || mcp.catalog.definitions.length === 0) return toolsForMode(own, modes.mode);
    // An MCP tool only asks the user (askUser reads approvals, recorder and signal); it never touches the workspace.
    const context = { approvals: this.deps.approvals, recorder, signal } as Pick<ToolContext, 'approvals' | 'recorder' | 'signal'> as ToolContext;
    return toolsForMode(mergeAgentTools(own, createMcpTools({ ...mcp, context, acceptImages: this.acceptsImages })), modes.mode);
  }

  limits(): { maxSteps: number; webSearch: boolean } {
    const { maxAgentSteps, webSearch } = this.deps.configuration.settings;
    // Ask mode uses no tools, the provider's search included.
    return { maxSteps: maxAgentSteps, webSearch: webSearch && this.deps.modes.mode !== 'ask' };
  }

  compactionLimits(): CompactionLimits {
    const settings = this.deps.configuration.settings;
    return compactionLimits(settings['compaction.thresholdTokens'], this.deps.models.current().contextWindow, settings.maxOutputTokens);
  }
}
