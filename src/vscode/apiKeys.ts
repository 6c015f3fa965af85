// API keys: one per provider preset in VS Code's SecretStorage, with environment variables as a fallback
// for automation and tests. Each key is bound to the origin (scheme://host:port) it was set for and is only
// handed out for a request to that origin. Keys never leave this class except into the request's
// Authorization header.
import * as vscode from 'vscode';
import { chooseKey, decodeStoredKey, encodeStoredKey, environmentKeyOrigin, legacyKeyOrigin, type BoundKey, type KeyLookup, type KeySource } from '../common/keyOrigin';
import { providerIds, type ProviderId } from '../common/settings';
import { apiKeyFromEnvironment, providerPresets } from '../common/models';
import { userLevelSettings } from './configuration';
import { Disposable } from './disposable';

export type { KeyLookup, KeySource };

export class ApiKeys extends Disposable {
  private readonly cache = new Map<ProviderId, BoundKey | undefined>();
  private readonly changed = this.register(new vscode.EventEmitter<ProviderId>());
  readonly onDidChange = this.changed.event;

  /** `userBaseUrl` gives the user-level (never the workspace's) base URL, to bind old and environment keys. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly userBaseUrl: () => string = () => userLevelSettings().baseUrl,
  ) {
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

  /** The key for a request to `origin`, only when it was set for that origin. */
  async get(provider: ProviderId, origin: string | undefined): Promise<{ key: string; source: KeySource } | undefined> {
    const lookup = await this.lookup(provider, origin);
    return lookup.status === 'found' ? { key: lookup.key, source: lookup.source } : undefined;
  }

  /** Like `get`, and says when a key exists but belongs to another origin (so the caller can say which). */
  async lookup(provider: ProviderId, origin: string | undefined): Promise<KeyLookup> {
    return chooseKey(origin, await this.stored(provider), this.fromEnvironment(provider));
  }

  /** Whether any key is known for the provider, whatever origin it belongs to. */
  async has(provider: ProviderId): Promise<boolean> {
    return (await this.stored(provider)) !== undefined || this.fromEnvironment(provider) !== undefined;
  }

  /** Stores the key for one origin: the effective endpoint's at the time it is set. */
  async set(provider: ProviderId, key: string, origin: string | undefined): Promise<void> {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('An API key cannot be empty.');
    if (!origin) throw new Error('There is no valid endpoint (base URL) to store the key for.');
    await this.secrets.store(secretName(provider), encodeStoredKey(trimmed, origin));
    this.cache.set(provider, { key: trimmed, origin });
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
    return [...[...this.cache.values()].map((bound) => bound?.key), ...fromEnv].filter((key): key is string => Boolean(key));
  }

  private async stored(provider: ProviderId): Promise<BoundKey | undefined> {
    if (!this.cache.has(provider)) {
      const raw = await this.secrets.get(secretName(provider));
      const decoded = decodeStoredKey(raw, legacyKeyOrigin(provider, this.userBaseUrl()));
      this.cache.set(provider, decoded && { key: decoded.key, origin: decoded.origin });
      // A key from an earlier version is bound once, now, so a later change of settings cannot move it.
      if (decoded?.legacy && decoded.origin && raw !== undefined) {
        await this.secrets.store(secretName(provider), encodeStoredKey(decoded.key, decoded.origin));
        this.cache.set(provider, { key: decoded.key, origin: decoded.origin });
      }
    }
    return this.cache.get(provider);
  }

  private fromEnvironment(provider: ProviderId): BoundKey | undefined {
    const found = apiKeyFromEnvironment(provider, process.env);
    return found ? { key: found.key, origin: environmentKeyOrigin(provider, this.userBaseUrl()) } : undefined;
  }
}

function secretName(provider: ProviderId): string {
  return `kimiAssistant.apiKey.${provider}`;
}
