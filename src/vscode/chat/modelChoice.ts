// The model the chat uses: the provider preset's models (or the custom one), the thinking switch, and
// whether a key is set. Choices are written to settings, so the status bar, chat and commands agree.
import * as vscode from 'vscode';
import { catalogModels, modelIdsFor, resolveModelProfile, type ModelProfile } from '../../common/models';
import { thinkingSwitch } from '../../common/llm/requestBuilder';
import type { ModelOption } from '../../common/protocol';
import { originOf } from '../../common/workspaceSettings';
import type { ApiKeys } from '../apiKeys';
import type { Configuration } from '../configuration';
import { Disposable } from '../disposable';

const BILLING_URLS: Partial<Record<string, string>> = {
  aimlapi: 'https://aimlapi.com/app/billing',
  moonshot: 'https://platform.moonshot.ai/console/pay',
  'moonshot-cn': 'https://platform.moonshot.cn/console/pay',
};

export interface ModelStatus {
  models: ModelOption[];
  selectedModelId: string;
  thinking: boolean;
  /** Why the thinking switch changes nothing here; null when it works. */
  thinkingUnavailable: string | null;
  hasKey: boolean;
}

export class ModelChoice extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly configuration: Configuration,
    private readonly keys: ApiKeys,
  ) {
    super();
    this.register(configuration.onDidChange(() => this.changed.fire()));
    this.register(keys.onDidChange(() => this.changed.fire()));
  }

  current(): ModelProfile {
    const { provider, baseUrl, model } = this.configuration.settings;
    return resolveModelProfile(provider, { baseUrl, model });
  }

  options(): ModelOption[] {
    const { provider } = this.configuration.settings;
    const ids = modelIdsFor(provider);
    const current = this.current();
    if (current.modelId && !ids.includes(current.modelId)) ids.push(current.modelId);
    return ids.map((id) => {
      const profile = resolveModelProfile(provider, { baseUrl: this.configuration.settings.baseUrl, model: id });
      const duplicateLabel = catalogModels.filter((model) => model.label === profile.label).length > 1;
      return {
        id,
        label: duplicateLabel || !profile.catalogModel ? `${profile.label} (${id})` : profile.label,
        supportsImages: profile.acceptsImages,
        contextWindow: profile.contextWindow,
      };
    });
  }

  async status(): Promise<ModelStatus> {
    const { provider, thinking } = this.configuration.settings;
    const profile = this.current();
    const key = await this.keys.get(provider, originOf(profile.baseUrl));
    const thinkingControl = thinkingSwitch(profile, this.configuration.settings.requestOverrides);
    return {
      models: this.options(),
      selectedModelId: profile.modelId,
      thinking: thinkingControl.available ? thinking : thinkingControl.thinking,
      thinkingUnavailable: thinkingControl.available ? null : thinkingControl.reason,
      hasKey: key !== undefined || !profile.preset.requiresApiKey,
    };
  }

  async select(id: string): Promise<void> {
    if (!this.options().some((option) => option.id === id)) return;
    await this.configuration.update('model', id);
  }

  async setThinking(enabled: boolean): Promise<void> {
    await this.configuration.update('thinking', enabled);
  }

  billingUrl(): string | undefined {
    return BILLING_URLS[this.configuration.settings.provider];
  }

  /** A quick pick for the status bar and the "Select Model" command. */
  async pick(): Promise<void> {
    const currentId = this.current().modelId;
    const items = this.options().map((option) => ({
      label: option.label,
      description: option.id === currentId ? 'current' : option.id,
      id: option.id,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Kimi: Select Model', placeHolder: 'Model for chat and commands' });
    if (picked) await this.select(picked.id);
  }
}
