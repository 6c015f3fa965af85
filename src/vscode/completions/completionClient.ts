// The VS Code side of the Kimi language server, built as its own bundle (dist/completionClient.js) and loaded
// only once completions are turned on, so vscode-languageclient never weighs on activation. The client shows
// the server's inline completions as ghost text (vscode-languageclient 11 maps LSP 3.18 inlineCompletion to an
// InlineCompletionItemProvider), answers the server's settings and key questions through the extension's
// own policy, and restarts a crashed server, saying so once.
import * as vscode from 'vscode';
import { CloseAction, DidChangeConfigurationNotification, ErrorAction, LanguageClient, MessageType, ShowMessageNotification, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { apiKeyRequest, completionCostNotification, type InitializationOptions } from '../../common/completions/serverProtocol';
import { SETTINGS_SECTION, type ProviderId, type Settings } from '../../common/settings';
import { languageServerNodeArgs } from '../../node/languageServerLaunch';

export interface CompletionClientDeps {
  serverModule: string;
  outputChannel: vscode.LogOutputChannel;
  /** The settings in effect after the workspace policy (Configuration.settings), never raw workspace values. */
  settings: () => Settings;
  /** The key for `provider` only when `baseUrl` is the endpoint in effect (ApiKeys bound to its origin). */
  keyFor: (provider: ProviderId, baseUrl: string) => Promise<string | undefined>;
  onCost: (cost: { usd: number; estimated: boolean }) => void;
  /** Shown once per window when the server had to be restarted. */
  onRestart: (restarts: number) => void;
  /** The server's window/showMessage (already once per kind of failure), shown by the host. */
  onServerMessage: (type: 'error' | 'warning' | 'info', message: string) => void;
}

export interface CompletionClientHandle {
  /** The server process, for the fault tests. */
  readonly pid: number | undefined;
  readonly restarts: number;
  /** Settings or the key changed: the server reads them again. */
  settingsChanged(): void;
  stop(): Promise<void>;
}

/** vscode-languageclient's own limit is 4 restarts in 3 minutes; past ours the server stays down and says why. */
const MAX_RESTARTS = 5;

export async function startCompletionClient(deps: CompletionClientDeps): Promise<CompletionClientHandle> {
  const run = { module: deps.serverModule, transport: TransportKind.stdio, options: { execArgv: [...languageServerNodeArgs] } };
  const serverOptions: ServerOptions = { run, debug: run };
  const initializationOptions: InitializationOptions = { keyFromClient: true, codeActions: false };
  let restarts = 0;
  const client = new LanguageClient('kimiAssistant.completions', 'Kimi Completions', serverOptions, {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    initializationOptions,
    outputChannel: deps.outputChannel,
    middleware: {
      workspace: {
        // The server gets the extension's effective settings (user-only and consented values), not whatever
        // a workspace's settings.json says.
        configuration: (params) => params.items.map((item) => (item.section === SETTINGS_SECTION ? deps.settings() : null)),
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        restarts++;
        if (restarts > MAX_RESTARTS) {
          return { action: CloseAction.DoNotRestart, message: 'Kimi completions stopped: the language server kept crashing. Turn completions off and on to try again.' };
        }
        deps.onRestart(restarts);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  });
  client.onRequest(apiKeyRequest.method, async (raw: unknown) => {
    const params = apiKeyRequest.params.safeParse(raw);
    if (!params.success) return { key: null };
    return { key: (await deps.keyFor(params.data.provider, params.data.baseUrl)) ?? null };
  });
  client.onNotification(completionCostNotification.method, (raw: unknown) => {
    const cost = completionCostNotification.params.safeParse(raw);
    if (cost.success) deps.onCost(cost.data);
  });
  await client.start();
  // After start, so it replaces the client's default handler: the host shows the message and keeps a record.
  client.onNotification(ShowMessageNotification.type, ({ type, message }) =>
    deps.onServerMessage(type === MessageType.Error ? 'error' : type === MessageType.Warning ? 'warning' : 'info', message),
  );
  return {
    get pid() {
      const experimental: unknown = client.initializeResult?.capabilities.experimental;
      const pid = typeof experimental === 'object' && experimental !== null && 'processId' in experimental ? experimental.processId : undefined;
      return typeof pid === 'number' ? pid : undefined;
    },
    get restarts() {
      return restarts;
    },
    settingsChanged() {
      if (client.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    stop: () => client.stop(),
  };
}
