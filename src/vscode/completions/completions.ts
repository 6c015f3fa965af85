// Ghost-text completions in VS Code: the status-bar toggle with what they cost today, and the language client
// started only while kimiAssistant.completions.enabled is on. Off by default: a pay-per-token key must not
// spend silently. The client bundle (vscode-languageclient) is required after activation, never during it.
import * as vscode from 'vscode';
import { addCost, costToday, localDay } from '../../common/completions/dailyCost';
import type { ProviderId } from '../../common/settings';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import { Disposable } from '../disposable';
import type { Logger } from '../log';
import { formatUsd } from '../statusBar';
import type { CompletionClientHandle } from './completionClient';

const COST_KEY = 'kimiAssistant.completionsCostToday';
export const TOGGLE_COMPLETIONS_COMMAND = 'kimiAssistant.toggleCompletions';

export interface CompletionsState {
  enabled: boolean;
  running: boolean;
  pid: number | undefined;
  restarts: number;
  /** Messages this feature showed the user, in order (for the fault tests). */
  notices: string[];
  costToday: { usd: number; estimated: boolean };
}

export class Completions extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('kimiAssistant.completions', vscode.StatusBarAlignment.Right, 99));
  private client: Promise<CompletionClientHandle | undefined> | undefined;
  private channel: vscode.LogOutputChannel | undefined;
  private readonly notices: string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly configuration: Configuration,
    private readonly keys: ApiKeys,
    private readonly log: Logger,
  ) {
    super();
    this.item.name = 'Kimi Completions';
    this.item.command = TOGGLE_COMPLETIONS_COMMAND;
    this.register(vscode.commands.registerCommand(TOGGLE_COMPLETIONS_COMMAND, () => this.toggle()));
    this.register(configuration.onDidChange(() => void this.sync()));
    this.register(keys.onDidChange(() => void this.client?.then((client) => client?.settingsChanged())));
    this.register({ dispose: () => void this.stop() });
    // After activation returns: the item's text needs the settings, and starting the client loads its
    // bundle and spawns the server.
    const timer = setTimeout(() => {
      this.item.show();
      void this.sync();
    }, 0);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  async state(): Promise<CompletionsState> {
    const client = await this.client;
    return {
      enabled: this.enabled,
      running: client !== undefined,
      pid: client?.pid,
      restarts: client?.restarts ?? 0,
      notices: [...this.notices],
      costToday: this.today(),
    };
  }

  private get enabled(): boolean {
    return this.configuration.settings['completions.enabled'];
  }

  private async toggle(): Promise<void> {
    await this.configuration.update('completions.enabled', !this.enabled);
  }

  private async sync(): Promise<void> {
    this.render();
    if (this.enabled && !this.client) {
      this.client = this.start();
    } else if (this.enabled) {
      (await this.client)?.settingsChanged();
    } else if (this.client) {
      await this.stop();
    }
  }

  private async start(): Promise<CompletionClientHandle | undefined> {
    this.channel ??= this.register(vscode.window.createOutputChannel('Kimi Completions', { log: true }));
    try {
      const { startCompletionClient } = require(this.context.asAbsolutePath('dist/completionClient.js')) as typeof import('./completionClient');
      const client = await startCompletionClient({
        serverModule: this.context.asAbsolutePath('dist/server.js'),
        outputChannel: this.channel,
        settings: () => this.configuration.settings,
        keyFor: (provider, baseUrl) => this.keyFor(provider, baseUrl),
        onCost: (cost) => void this.addCost(cost),
        onRestart: (restarts) => this.restarted(restarts),
        onServerMessage: (type, message) => this.notify(message, type),
      });
      this.log.info('Kimi completions: the language server is running.');
      return client;
    } catch (error) {
      this.client = undefined;
      this.notify(`Kimi completions could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async stop(): Promise<void> {
    const client = await this.client;
    this.client = undefined;
    await client?.stop().catch(() => undefined);
  }

  /** The key only for the endpoint in effect, bound to its origin like every request of the chat. */
  private async keyFor(provider: ProviderId, baseUrl: string): Promise<string | undefined> {
    const settings = this.configuration.settings;
    if (provider !== settings.provider) return undefined;
    const origin = this.configuration.originFor(provider);
    if (!origin || originOf(baseUrl) !== origin) return undefined;
    return (await this.keys.get(provider, origin))?.key;
  }

  private restarted(restarts: number): void {
    this.log.warn(`Kimi completions: the language server stopped unexpectedly and was restarted (${restarts}).`);
    if (restarts === 1) this.notify('Kimi completions: the language server stopped unexpectedly and has been restarted.');
  }

  private notify(message: string, type: 'error' | 'warning' | 'info' = 'warning'): void {
    this.notices.push(message);
    const show = type === 'error' ? vscode.window.showErrorMessage : type === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(message);
  }

  private today() {
    const { usd, estimated } = costToday(this.context.globalState.get(COST_KEY), localDay(new Date()));
    return { usd, estimated };
  }

  private async addCost(cost: { usd: number; estimated: boolean }): Promise<void> {
    await this.context.globalState.update(COST_KEY, addCost(this.context.globalState.get(COST_KEY), cost, localDay(new Date())));
    this.render();
  }

  private render(): void {
    const cost = this.today();
    const spent = `${cost.estimated ? '≈' : ''}$${formatUsd(cost.usd)}`;
    this.item.text = this.enabled ? `$(sparkle) Completions · ${spent} today` : '$(circle-slash) Completions off';
    this.item.tooltip = new vscode.MarkdownString(
      `**Kimi ghost-text completions** are ${this.enabled ? 'on' : 'off'}.\n\nToday: ${spent}${cost.estimated ? ' (estimated from list prices)' : ''}.\n\n` +
        `Each pause in typing sends the code around the cursor to your provider and costs tokens. Click to turn them ${this.enabled ? 'off' : 'on'}.`,
    );
  }
}
