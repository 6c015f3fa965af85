// The API activate() returns, for automation, benchmarks and the integration tests. It can read and propose
// (through the same review a user sees) but never writes without review, runs commands, or reveals a key.
import * as vscode from 'vscode';
import type { ApprovalBroker } from '../common/agent/approvals';
import { TurnRecorder } from '../common/conversations/turnRecorder';
import { readOnlyTools } from '../common/tools/definitions';
import type { KimiAssistantApi } from './api';
import type { ApiKeys } from './apiKeys';
import type { ChatController } from './chat/chatController';
import type { ChatViewProvider } from './chat/chatViewProvider';
import type { Configuration } from './configuration';
import type { McpServers } from './mcp/mcpServers';
import type { Completions } from './completions/completions';
import type { EditorCheckpoints } from './checkpoints/editorCheckpoints';
import type { PreviewAutomation } from './preview/kimiPreview';
import type { ChangeReview } from './review/changeReview';
import { readDocumentText } from './review/documentEdits';
import { createWorkspaceTools } from './tools/workspaceTools';
import type { WorkspaceFiles } from './workspace/workspaceFiles';

export interface AutomationDeps {
  activationTimeMs: number;
  activationCpuMs: number;
  keys: ApiKeys;
  configuration: Configuration;
  review: ChangeReview;
  files: WorkspaceFiles;
  approvals: ApprovalBroker;
  chat: ChatController;
  chatView: ChatViewProvider;
  mcp: McpServers;
  completions: Completions;
  preview: PreviewAutomation;
  conversationsFolder: string;
  /** Absent when the workspace keeps no checkpoints (not a local folder). */
  checkpoints?: EditorCheckpoints | undefined;
  /** Test and development hosts only: lets automation answer the workspace-endpoint question. */
  allowTestHooks?: boolean;
}

export function createAutomationApi(deps: AutomationDeps): KimiAssistantApi {
  return {
    activationTimeMs: deps.activationTimeMs,
    activationCpuMs: deps.activationCpuMs,
    hasApiKey: async (provider) => deps.keys.has(provider ?? deps.configuration.settings.provider),
    effectiveSettings: () => deps.configuration.snapshot(),
    workspaceEndpointConsent: {
      pending: () => deps.configuration.endpointConsent.pendingPrompt(),
      answer: (answer) => {
        if (!deps.allowTestHooks) throw new Error('Only a development or test host may answer this question; the user answers it in the notification.');
        if (answer !== 'allow' && answer !== 'keep') throw new Error(`Unknown answer ${String(answer)}.`);
        return deps.configuration.endpointConsent.answerPending(answer);
      },
      forget: async () => {
        if (!deps.allowTestHooks) throw new Error('Only a development or test host may reset workspace endpoint answers.');
        await deps.configuration.endpointConsent.forgetAll();
      },
    },
    mcpServers: {
      list: () => deps.mcp.servers().map((info) => ({ name: info.name, source: info.source, state: info.status.state, toolCount: info.toolCount })),
      pendingApprovals: () => deps.mcp.approval.pendingPrompts().map(({ server, launch }) => ({ server, launch })),
      answer: (server, allowed) => {
        if (!deps.allowTestHooks) throw new Error('Only a development or test host may answer this question; the user answers it in the dialog.');
        return deps.mcp.approval.answerPending(server, allowed);
      },
      restart: (server) => deps.mcp.restart(server),
      forget: async () => {
        if (!deps.allowTestHooks) throw new Error('Only a development or test host may reset MCP server approvals.');
        await deps.mcp.approval.forgetAll();
      },
    },
    pendingReviews: () => deps.review.snapshots(),
    pendingChanges: () => deps.review.pendingChanges(),
    conversationCost: () => deps.chat.conversationCost(),
    currentConversation: () => deps.chat.snapshot(),
    longTask: () => {
      const { task, compactions } = deps.chat.longTaskSnapshot();
      return { mode: task.mode, todos: task.todos, plan: task.plan, compactions: compactions.cards };
    },
    conversationsFolder: () => deps.conversationsFolder,
    completions: () => deps.completions.state(),
    preview: deps.preview,
    chatViewTraffic: () => deps.chatView.trafficSnapshot(),
    simulateChatWebviewMessages: (messages) => {
      if (!deps.allowTestHooks) throw new Error('Only a development or test host may post as the chat webview.');
      for (const message of messages) deps.chatView.receiveAsWebview(message);
    },
    checkpoints: {
      usage: async () => (deps.checkpoints ? deps.checkpoints.checkpoints.usage() : undefined),
      pendingRestore: () => deps.checkpoints?.confirmation.pendingQuestion(),
      lastNotice: () => deps.checkpoints?.lastNotice,
      answerRestore: (yes) => {
        if (!deps.allowTestHooks) throw new Error('Only a development or test host may answer this question; the user answers it in the quick pick.');
        return deps.checkpoints?.confirmation.answer(yes) ?? false;
      },
    },
    runReadOnlyTool: async (name, args) => {
      if (!readOnlyTools.has(name)) throw new Error(`${name} is not a read-only tool.`);
      const signal = new AbortController().signal;
      const recorder = new TurnRecorder(
        { role: 'assistant', id: 'automation', messages: [], reasoning: '', text: '', toolCards: [], status: 'streaming' },
        { post: () => undefined, persist: () => undefined, describeTarget: () => '', now: Date.now },
      );
      const tools = createWorkspaceTools({ files: deps.files, configuration: deps.configuration, approvals: deps.approvals, recorder, review: deps.review, signal });
      return tools.execute({ index: 0, id: `automation:${name}`, name, argumentsText: JSON.stringify(args), arguments: args }, signal);
    },
    proposeChange: async (relativePath, proposedText) => {
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!root) throw new Error('No workspace folder is open.');
      const uri = vscode.Uri.joinPath(root, relativePath);
      const current = await readDocumentText(uri);
      const session = await deps.review.propose({ uri, relativePath, baseText: current ?? '', proposedText, isNewFile: current === undefined });
      return session.id;
    },
  };
}
