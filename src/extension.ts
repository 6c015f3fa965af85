// Entry point: builds the services and registers views and commands. Nothing else lives here.
import * as vscode from 'vscode';
import { ApprovalBroker } from './common/agent/approvals';
import { ConversationStore } from './common/conversations/store';
import { LM_VENDOR } from './common/lm/lmModels';
import { NodeConversationFolder } from './node/conversationFolder';
import { AccessibleView } from './vscode/accessibility/accessibleView';
import { registerChatFocusCommands } from './vscode/accessibility/chatFocusCommands';
import type { KimiAssistantApi } from './vscode/api';
import { createAutomationApi } from './vscode/automation';
import { ApiKeys } from './vscode/apiKeys';
import { ChatController } from './vscode/chat/chatController';
import { ChatViewProvider } from './vscode/chat/chatViewProvider';
import { ChatModeState } from './vscode/chat/longTask';
import { CodeBlockActions } from './vscode/chat/codeBlockActions';
import { ModelChoice } from './vscode/chat/modelChoice';
import { EditorTurnEnvironment } from './vscode/chat/editorTurnEnvironment';
import { registerApiKeyCommands } from './vscode/commands/apiKeyCommands';
import { registerInlineCommands } from './vscode/commands/inlineCommands';
import { registerLongTaskCommands } from './vscode/commands/longTaskCommands';
import { KimiCodeActions } from './vscode/commands/kimiCodeActions';
import { registerTestConnection } from './vscode/commands/testConnection';
import { Configuration } from './vscode/configuration';
import { Completions } from './vscode/completions/completions';
import { ContextChips } from './vscode/context/contextChips';
import { RulesFiles } from './vscode/context/rulesFiles';
import { KimiChatProvider } from './vscode/lm/kimiChatProvider';
import { createLogger } from './vscode/log';
import { KimiPreview } from './vscode/preview/kimiPreview';
import { McpResourceMentions, McpSlashCommands } from './vscode/mcp/mcpChatSources';
import { McpServers, stopMcpServers } from './vscode/mcp/mcpServers';
import { registerOnboarding } from './vscode/onboarding';
import { checkpointsFolder, conversationsFolder } from './vscode/storage';
import { registerCheckpointCommands } from './vscode/checkpoints/checkpointCommands';
import { EditorCheckpoints } from './vscode/checkpoints/editorCheckpoints';
import { StatusBar } from './vscode/statusBar';
import { reviewCodeBlockReplacement } from './vscode/review/applyCodeBlock';
import { ChangeReview } from './vscode/review/changeReview';
import { registerReviewCommands } from './vscode/review/reviewCommands';
import { registerReviewKeyboard } from './vscode/review/reviewKeyboard';
import { ReviewCodeLens } from './vscode/review/reviewCodeLens';
import { NodeBackgroundProcesses } from './node/backgroundProcesses';
import { BackgroundProcessLifetimes, stopBackgroundProcesses } from './vscode/terminal/backgroundProcessLifetimes';
import { KimiTerminals } from './vscode/terminal/kimiTerminals';
import { createWorkspaceTools } from './vscode/tools/workspaceTools';
import { WorkspaceFiles } from './vscode/workspace/workspaceFiles';

export function activate(context: vscode.ExtensionContext): KimiAssistantApi {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };

  const keys = own(new ApiKeys(context.secrets));
  const log = createLogger(own(vscode.window.createOutputChannel('Kimi Assistant', { log: true })), () => keys.knownKeys());
  const configuration = own(new Configuration(log, { workspaceState: context.workspaceState }));
  const files = own(new WorkspaceFiles());
  const models = own(new ModelChoice(configuration, keys));
  const mcp = own(new McpServers(configuration, context, log));
  const chips = own(new ContextChips(files, new McpResourceMentions(mcp)));
  const approvals = new ApprovalBroker();
  const conversations = conversationsFolder(context);
  const store = new ConversationStore(new NodeConversationFolder(conversations), (file) => {
    log.warn(`A damaged conversation file was moved aside: ${file.movedTo} (${file.reason}).`);
    void vscode.window.showWarningMessage('Kimi: one saved conversation was damaged and has been set aside; the others are fine.');
  });
  const review = own(new ChangeReview(log, () => configuration.settings.reviewTakesFocus));
  own(new ReviewCodeLens(review));
  const view = own(new ChatViewProvider(context.extensionUri, log));
  const checkpoints = EditorCheckpoints.create(checkpointsFolder(context), configuration, log);
  if (checkpoints) own(checkpoints);
  const modes = own(new ChatModeState(context.workspaceState));
  const terminals = own(new KimiTerminals());
  const processes = new NodeBackgroundProcesses({ guardPid: process.pid });
  const commands = { terminals, processes, conversationId: (): string | undefined => chat.conversationId };
  const environment = new EditorTurnEnvironment({
    configuration, keys, models, log, mcp, approvals, modes,
    rules: own(new RulesFiles(log)),
    tools: (recorder, signal) => createWorkspaceTools({ files, configuration, approvals, recorder, review, signal, commands, ...(checkpoints ? { checkpoints: checkpoints.checkpoints } : {}) }),
  });
  const codeBlocks = own(new CodeBlockActions(reviewCodeBlockReplacement(review)));
  const preview = own(new KimiPreview(context.extensionUri, review, () => configuration.settings['preview.compareRounds'], log));
  const chat = own(new ChatController({
    view: preview.tapChatView(view), store, chips, models, environment, approvals, codeBlocks, log, reviews: review, slashCommands: new McpSlashCommands(mcp), modes,
    backgroundProcesses: processes,
    ...(checkpoints ? { checkpoints } : {}),
    lastConversation: {
      get: () => context.workspaceState.get<string>('kimiAssistant.lastConversation'),
      set: (id) => void context.workspaceState.update('kimiAssistant.lastConversation', id),
    },
  }));
  own(new BackgroundProcessLifetimes(processes, chat, view));
  own(vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, own(new KimiChatProvider({ configuration, keys, log }))));
  const statusBar = own(new StatusBar(models));
  own(chat.onDidChangeSessionCost((cost) => statusBar.setSessionCost(cost)));
  own(new AccessibleView(chat));
  void chat.restore();
  const completions = own(new Completions(context, configuration, keys, log));
  const previewCommands = preview.registerCommands(chat);

  context.subscriptions.push(
    ...registerApiKeyCommands(keys, configuration, log),
    ...registerReviewCommands(review),
    ...registerReviewKeyboard(review),
    ...registerChatFocusCommands(chat),
    ...registerCheckpointCommands(checkpoints),
    ...registerInlineCommands(chat, chips, files, configuration),
    ...registerLongTaskCommands(chat),
    registerTestConnection(configuration, keys, models, log),
    ...registerOnboarding(context),
    ...previewCommands.commands,
    KimiCodeActions.register(),
    vscode.commands.registerCommand('kimiAssistant.showLogs', () => log.show()),
    vscode.commands.registerCommand('kimiAssistant.newChat', () => {
      view.reveal(false);
      return chat.newChat();
    }),
    vscode.commands.registerCommand('kimiAssistant.stop', () => chat.stop()),
    vscode.commands.registerCommand('kimiAssistant.selectModel', () => models.pick()),
    vscode.commands.registerCommand('kimiAssistant.openChatInEditor', () => view.openInEditor()),
  );

  const activationTimeMs = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  const activationCpuMs = (cpu.user + cpu.system) / 1000;
  log.info(`Activated in ${activationTimeMs.toFixed(1)} ms.`);
  return createAutomationApi({ activationTimeMs, activationCpuMs, keys, configuration, review, files, approvals, chat, chatView: view, mcp, completions, preview: previewCommands.automation, conversationsFolder: conversations, checkpoints, allowTestHooks: context.extensionMode !== vscode.ExtensionMode.Production });
}

export const deactivate = async (): Promise<void> => {
  await Promise.all([stopMcpServers(), stopBackgroundProcesses()]);
};
