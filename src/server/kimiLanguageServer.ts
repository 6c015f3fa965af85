// The Kimi language server: ghost-text completions (textDocument/inlineCompletion) and, for editors without
// the chat view, code actions on a selection. One engine for VS Code, Neovim, Helix and every LSP client.
import { fileURLToPath } from 'node:url';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { DidChangeConfigurationNotification, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { initializationOptionsSchema, selectionActionCommand } from '../common/completions/serverProtocol';
import { InlineCompletions } from './inlineCompletions';
import { OpenDocuments } from './openDocuments';
import { SelectionActions } from './selectionActions';
import { ServerSettings } from './serverSettings';

export const SERVER_NAME = 'kimi-language-server';

export function startKimiLanguageServer(connection: Connection, version: string): void {
  let roots: string[] = [];
  const documents = new OpenDocuments(() => roots);
  documents.listen(connection);
  let settings: ServerSettings | undefined;
  let completions: InlineCompletions | undefined;
  let actions: SelectionActions | undefined;
  let canWatchConfiguration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = initializationOptionsSchema.parse(params.initializationOptions ?? {});
    roots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .filter((folder) => folder.uri.startsWith('file:'))
      .map((folder) => fileURLToPath(folder.uri));
    const workspace = params.capabilities.workspace;
    canWatchConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    settings = new ServerSettings(connection, options, workspace?.configuration === true);
    completions = new InlineCompletions(connection, documents, settings);
    const offerActions = options.codeActions !== false;
    if (offerActions) actions = new SelectionActions(connection, documents, settings);
    return {
      serverInfo: { name: SERVER_NAME, version },
      capabilities: {
        // Lets a client tell this server's process from a restarted one (the crash tests do).
        experimental: { processId: process.pid },
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        inlineCompletionProvider: true,
        ...(offerActions
          ? { codeActionProvider: { codeActionKinds: ['quickfix.kimi', 'refactor.rewrite.kimi', 'refactor.kimi.tests'] }, executeCommandProvider: { commands: [selectionActionCommand] } }
          : {}),
      },
    };
  });

  connection.onInitialized(async () => {
    if (canWatchConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kimiAssistant' });
    await settings?.refresh();
  });
  connection.onDidChangeConfiguration(async (params) => {
    await settings?.refresh(params.settings);
    completions?.engine.reset();
  });
  connection.languages.inlineCompletion.on((params, token) => completions?.provide(params, token) ?? null);
  connection.onCodeAction((params) => actions?.offer(params) ?? []);
  connection.onExecuteCommand(async (params) => {
    if (params.command === selectionActionCommand) await actions?.run(params);
  });
  connection.listen();
}
