// The server's view of the settings and the key. Settings come through `workspace/configuration` (section
// `kimiAssistant`), `workspace/didChangeConfiguration` or `initializationOptions.settings`; the key from
// `initializationOptions.apiKey`, from our VS Code client (`kimi/apiKey`, only for the endpoint in effect),
// or from the environment (AIMLAPI_API_KEY, MOONSHOT_API_KEY, KIMI_API_KEY).
import type { Connection } from 'vscode-languageserver/node';
import type { KimiClientPurpose } from '../common/llm/createKimiClient';
import type { KimiClient } from '../common/llm/kimiClient';
import type { KimiError } from '../common/llm/types';
import { apiKeyFromEnvironment, resolveModelProfile } from '../common/models';
import { apiKeyRequest, type InitializationOptions } from '../common/completions/serverProtocol';
import { parseSettings, SETTINGS_SECTION, type Settings } from '../common/settings';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A dotted key (`completions.enabled`) in the nested shape editors send, or as a flat key. */
function readKey(source: Record<string, unknown> | undefined, key: string): unknown {
  if (!source) return undefined;
  if (key in source) return source[key];
  let current: unknown = source;
  for (const part of key.split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export class ServerSettings {
  private settings: Settings;
  private readonly clients = new Map<KimiClientPurpose, Promise<KimiClient | KimiError>>();

  constructor(
    private readonly connection: Connection,
    private readonly options: InitializationOptions,
    private readonly canAskConfiguration: boolean,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    // Helix passes its `config` table as initializationOptions: `{ kimiAssistant = {...} }` works there too.
    const initial = options.settings ?? options.kimiAssistant;
    this.settings = this.parse(isRecord(initial) ? initial : undefined);
  }

  get current(): Settings {
    return this.settings;
  }

  /**
   * Reads the settings again (at start and on `workspace/didChangeConfiguration`); clients are rebuilt on next
   * use. A client that does not declare `workspace/configuration` (Neovim 0.7) pushes them in the notification.
   */
  async refresh(pushed?: unknown): Promise<void> {
    const raw: unknown = this.canAskConfiguration
      ? await this.connection.workspace.getConfiguration(SETTINGS_SECTION).catch(() => undefined)
      : readKey(isRecord(pushed) ? pushed : undefined, SETTINGS_SECTION);
    if (isRecord(raw)) this.settings = this.parse(raw);
    this.clients.clear();
    const profile = resolveModelProfile(this.settings.provider, { baseUrl: this.settings.baseUrl, model: this.settings.model });
    this.connection.console.log(`[kimi] settings: ${profile.preset.label} at ${profile.baseUrl || '(no base URL)'}, model ${profile.modelId || '(none)'}`);
  }

  /** A key arrived or changed elsewhere: the next request asks again. */
  forgetClients(): void {
    this.clients.clear();
  }

  /** The client for the current settings, built once per settings change, or why there is none. */
  client(purpose: KimiClientPurpose): Promise<KimiClient | KimiError> {
    let client = this.clients.get(purpose);
    if (!client) {
      client = this.build(purpose);
      this.clients.set(purpose, client);
      // A failed look-up (no key yet) is asked again next time: the user may set one meanwhile.
      void client.then((built) => 'stream' in built || this.clients.delete(purpose));
    }
    return client;
  }

  private parse(raw: Record<string, unknown> | undefined): Settings {
    return parseSettings((key) => readKey(raw, key)).settings;
  }

  private async build(purpose: KimiClientPurpose): Promise<KimiClient | KimiError> {
    // The client (the openai SDK) loads on first use: the server answers `initialize` without it.
    const [{ createKimiClient }, { noKeyError }] = await Promise.all([import('../common/llm/createKimiClient'), import('../common/llm/errors')]);
    const settings = this.settings;
    const profile = resolveModelProfile(settings.provider, { baseUrl: settings.baseUrl, model: settings.model });
    const apiKey = await this.apiKey(settings, profile.baseUrl);
    if (apiKey === undefined && profile.preset.requiresApiKey) return noKeyError(profile.preset.label);
    const log = (line: string) => this.connection.console.log(line);
    return createKimiClient({ settings, profile, apiKey: apiKey ?? '', log }, purpose);
  }

  private async apiKey(settings: Settings, baseUrl: string): Promise<string | undefined> {
    if (this.options.apiKey?.trim()) return this.options.apiKey.trim();
    if (this.options.keyFromClient) {
      const answer: unknown = await this.connection
        .sendRequest(apiKeyRequest.method, { provider: settings.provider, baseUrl })
        .catch(() => undefined);
      const parsed = apiKeyRequest.result.safeParse(answer);
      if (parsed.success && parsed.data.key) return parsed.data.key;
    }
    return apiKeyFromEnvironment(settings.provider, this.env)?.key;
  }
}
