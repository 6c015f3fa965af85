// The status-bar item: the current model and this session's cost; a click switches the model.
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { ModelChoice } from './chat/modelChoice';

export class StatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('kimiAssistant.status', vscode.StatusBarAlignment.Right, 100));
  private cost: { usd: number; estimated: boolean } | undefined;

  constructor(private readonly models: ModelChoice) {
    super();
    this.item.name = 'Kimi Assistant';
    this.item.command = 'kimiAssistant.selectModel';
    this.register(models.onDidChange(() => this.render()));
    // Filled in once activation has returned: the model's name needs the settings, which nothing else
    // during activation reads (see Configuration).
    const timer = setTimeout(() => {
      this.render();
      this.item.show();
    }, 0);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  setSessionCost(cost: { usd: number; estimated: boolean }): void {
    this.cost = cost;
    this.render();
  }

  private render(): void {
    const profile = this.models.current();
    const cost = this.cost ? ` · ${this.cost.estimated ? '≈' : ''}$${formatUsd(this.cost.usd)}` : '';
    this.item.text = `$(hubot) ${profile.label}${cost}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Kimi Assistant**\n\nModel: ${profile.label} (\`${profile.modelId || 'not set'}\`) on ${profile.preset.label}` +
        (this.cost ? `\n\nThis session: $${formatUsd(this.cost.usd)}${this.cost.estimated ? ' (estimated from list prices)' : ' (reported by the provider)'}` : '') +
        '\n\nClick to switch model.',
    );
  }
}

export function formatUsd(usd: number): string {
  return usd >= 1 ? usd.toFixed(2) : usd >= 0.01 ? usd.toFixed(3) : usd.toFixed(4);
}
