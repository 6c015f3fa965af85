// API keys: one per provider preset in VS Code's SecretStorage, with environment variables as a fallback
// for automation and tests. Keys never leave this class except into the request's Authorization header.
import * as vscode from 'vscode';
import { providerIds, type ProviderId } from '../common/settings';
import { apiKeyFromEnvironment, providerPresets } from '../common/models';
import { Disposable } from './disposable';

export type KeySource = 'secretStorage' | 'environment';

export class ApiKeys extends Disposable {
  private readonly cache = new Map<ProviderId, string | undefined>();
  private readonly changed = this.register(new vscode.EventEmitter<ProviderId>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.register(
      secrets.onDidChange((event) => {
        const provider = providerIds.find((id) => secretName(id) === event.key);
        if (provider) {
          this.cache.delete(provider);
          this.changed.fire(provider);
        }
      }),
    );
  }

  async get(provider: ProviderId): Promise<{ key: string; source: KeySource } | undefined> {
    if (!this.cache.has(provider)) {
      this.cache.set(provider, (await this.secrets.get(secretName(provider)))?.trim() || undefined);
    }
    const stored = this.cache.get(provider);
    if (stored) return { key: stored, source: 'secretStorage' };
    const fromEnvironment = apiKeyFromEnvironment(provider, process.env);
    return fromEnvironment ? { key: fromEnvironment.key, source: 'environment' } : undefined;
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('An API key cannot be empty.');
    await this.secrets.store(secretName(provider), trimmed);
    this.cache.set(provider, trimmed);
    this.changed.fire(provider);
  }

  async clear(provider: ProviderId): Promise<void> {
    await this.secrets.delete(secretName(provider));
    this.cache.set(provider, undefined);
    this.changed.fire(provider);
  }

  /** Every key currently known, so loggers can redact them verbatim. */
  knownKeys(): string[] {
    const fromEnv = Object.values(providerPresets).flatMap((preset) => preset.apiKeyEnvVars.map((name) => process.env[name]?.trim()));
    return [...this.cache.values(), ...fromEnv].filter((key): key is string => Boolean(key));
  }
}

function secretName(provider: ProviderId): string {
  return `kimiAssistant.apiKey.${provider}`;
}
