// Reads `kimiAssistant.*` through the one settings schema and the workspace policy table (src/common/settings.ts):
// user-only settings come from user settings alone, the endpoint is the user's until the user confirms the
// workspace's, and everything else follows VS Code's usual order. Invalid and ignored values are logged once.
import * as vscode from 'vscode';
import { parseSetting, parseSettings, settingSchemas, SETTINGS_SECTION, type ProviderId, type SettingKey, type Settings } from '../common/settings';
import { describeIgnored, originOf, endpointBaseUrl, resolveSettings, resolveSettingsForUse, settingKeysInJsonc, workspacePolicy, type InspectedSetting, type ResolvedEndpoint, type SettingSource, type SettingsReader, type SettingsResolution } from '../common/workspaceSettings';
import { Disposable } from './disposable';
import type { Logger } from './log';
import { WorkspaceEndpointConsent, type AskEndpointConsent } from './workspaceEndpointConsent';

const settingKeys = Object.keys(settingSchemas) as SettingKey[];
const userOnlyKeys = settingKeys.filter((key) => workspacePolicy[key] === 'no');

/** A read-only picture of what is in effect and why (for automation and tests; holds no key). */
export interface EffectiveSettingsSnapshot {
  settings: Settings;
  /** The same settings with every layer inspected (what the policy table gives; must equal `settings`). */
  layeredSettings: Settings;
  sources: Record<SettingKey, SettingSource>;
  endpoint: {
    source: 'user' | 'workspace';
    provider: ProviderId;
    baseUrl: string;
    origin: string | undefined;
    /** The endpoint the workspace asks for, when it differs from the user's. */
    workspaceBaseUrl?: string;
  };
  /** `key@where` of every workspace value seen and not used. */
  ignored: string[];
}

export interface ConfigurationOptions {
  /** Where "Allow" answers for workspace endpoints are kept (the extension's workspaceState). */
  workspaceState?: vscode.Memento;
  /** Replaces the notification that asks about a workspace endpoint. */
  askEndpointConsent?: AskEndpointConsent;
}

/** The user-level (global) provider and base URL, validated; never a workspace value. */
export function userLevelSettings(): { provider: ProviderId; baseUrl: string } {
  const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    provider: parseSetting('provider', section.inspect('provider')?.globalValue).value,
    baseUrl: parseSetting('baseUrl', section.inspect('baseUrl')?.globalValue).value,
  };
}

export class Configuration extends Disposable {
  /** Read at the first use, not at construction: activation needs none of it before it returns. */
  private resolved: { endpoint: ResolvedEndpoint; settings: Settings } | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<Settings>());
  readonly onDidChange = this.changed.event;
  readonly endpointConsent: WorkspaceEndpointConsent;
  /** Log lines already written, so a value is reported once per window, not on every read. */
  private readonly logged = new Set<string>();
  private readonly ignoredInFiles = new Set<string>();

  constructor(
    private readonly log: Logger,
    options: ConfigurationOptions = {},
  ) {
    super();
    this.endpointConsent = this.register(new WorkspaceEndpointConsent(options.workspaceState, log, options.askEndpointConsent));
    /** Reads again a configuration already read; true when what is in effect changed (or was never read). */
    const reread = () => {
      if (!this.resolved) return true;
      const before = JSON.stringify(this.resolved.settings);
      this.resolved = this.read();
      return before !== JSON.stringify(this.resolved.settings);
    };
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        reread();
        this.changed.fire(this.settings);
        void this.scanSettingsFiles();
      }),
    );
    this.register(this.endpointConsent.onDidDecide(() => reread() && this.changed.fire(this.settings)));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => reread() && this.changed.fire(this.settings)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scanSettingsFiles()));
    void this.scanSettingsFiles();
  }

  get settings(): Settings {
    return this.inEffect().settings;
  }

  private inEffect(): { endpoint: ResolvedEndpoint; settings: Settings } {
    this.resolved ??= this.read();
    return this.resolved;
  }

  /** The origin a key for `provider` is set for and sent to: the effective endpoint's. */
  originFor(provider: ProviderId): string | undefined {
    return originOf(endpointBaseUrl(provider, this.settings.baseUrl));
  }

  snapshot(): EffectiveSettingsSnapshot {
    const layers = this.readLayers();
    const { endpoint, settings } = this.inEffect();
    const baseUrl = endpointBaseUrl(settings.provider, settings.baseUrl);
    return {
      settings: structuredClone(settings),
      layeredSettings: parseSettings((key) => layers.raw[key]).settings,
      sources: layers.sources,
      endpoint: {
        source: endpoint.source,
        provider: settings.provider,
        baseUrl,
        origin: originOf(baseUrl),
        ...(endpoint.workspace ? { workspaceBaseUrl: endpoint.workspace.resolvedBaseUrl } : {}),
      },
      ignored: [...new Set([...layers.ignored.map((ignored) => `${ignored.key}@${ignored.where}`), ...this.ignoredInFiles])].sort(),
    };
  }

  async update<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  /**
   * The settings in effect. VS Code's inspect() is the costly part of reading settings (a whole-section one
   * took more than the rest of activation's reading together), so the policy asks for layers only where they
   * can change the answer (see resolveSettingsForUse); snapshot() shows what inspecting every layer gives.
   */
  private read(): { endpoint: ResolvedEndpoint; settings: Settings } {
    const section = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const reader: SettingsReader = {
      merged: (key) => section.get<unknown>(key),
      inspect: (key) => {
        const inspected = section.inspect<unknown>(key);
        return inspected && { ...inspected, workspaceLanguageValues: workspaceLanguageValues(key, inspected.languageIds) };
      },
    };
    const trusted = vscode.workspace.isTrusted;
    const { raw, endpoint } = resolveSettingsForUse(reader, { trusted, consent: (consentKey) => this.endpointConsent.state(consentKey) });
    const { settings, issues } = parseSettings((key) => raw[key]);
    for (const issue of issues) {
      this.logOnce(`Setting kimiAssistant.${issue.key} is invalid (${issue.message}); using the default.`, 'warn');
    }
    for (const ignored of endpoint.ignored) this.logOnce(describeIgnored(ignored), 'warn', JSON.stringify(ignored.value));
    if (endpoint.workspace) {
      const where = settingsFileLabel();
      if (endpoint.source === 'workspace') {
        this.logOnce(`Using the workspace's endpoint ${endpoint.workspace.resolvedBaseUrl} (allowed for this workspace).`, 'info');
      } else if (!trusted) {
        this.logOnce(`Restricted Mode: the workspace's endpoint ${endpoint.workspace.resolvedBaseUrl} is not used and not asked about; using ${endpoint.user.resolvedBaseUrl}.`, 'info');
      } else if (endpoint.needsConsent) {
        this.endpointConsent.request(endpoint.workspace, where);
      }
    }
    return { endpoint, settings };
  }

  /** Every setting through every layer: where each value comes from and what a workspace set in vain. */
  private readLayers(): SettingsResolution {
    // One inspection of the whole section, not one per setting: each inspect() walks every language block of
    // the configuration (VS Code's defaults hold dozens).
    const whole = vscode.workspace.getConfiguration().inspect<unknown>(SETTINGS_SECTION);
    const inspect = (key: SettingKey): InspectedSetting | undefined =>
      whole && {
        defaultValue: valueAt(whole.defaultValue, key),
        globalValue: valueAt(whole.globalValue, key),
        workspaceValue: valueAt(whole.workspaceValue, key),
        workspaceFolderValue: valueAt(whole.workspaceFolderValue, key),
        // Only language blocks that mention a kimiAssistant setting are listed, and those are rare.
        workspaceLanguageValues: workspaceLanguageValues(key, whole.languageIds),
      };
    return resolveSettings(inspect, { trusted: vscode.workspace.isTrusted, consent: (consentKey) => this.endpointConsent.state(consentKey) });
  }

  /**
   * VS Code drops workspace values of `application` settings before the extension sees them; the settings
   * files tell the log which ones a workspace tried to set.
   */
  private async scanSettingsFiles(): Promise<void> {
    const files: vscode.Uri[] = (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push(workspaceFile);
    const found = new Set<string>();
    for (const file of files) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch {
        continue;
      }
      for (const key of settingKeysInJsonc(text, userOnlyKeys)) {
        found.add(`${key}@${vscode.workspace.asRelativePath(file)}`);
        this.logOnce(`Ignored ${SETTINGS_SECTION}.${key} in ${vscode.workspace.asRelativePath(file)}: this setting is read from user settings only.`, 'warn');
      }
    }
    this.ignoredInFiles.clear();
    for (const entry of found) this.ignoredInFiles.add(entry);
  }

  private logOnce(message: string, level: 'info' | 'warn', detail = ''): void {
    const id = `${message}\u0000${detail}`;
    if (this.logged.has(id)) return;
    this.logged.add(id);
    this.log[level](message);
  }
}

/** The language blocks of workspace and folder settings that set `key` (languageIds: what inspect() listed). */
function workspaceLanguageValues(key: SettingKey, languageIds: readonly string[] | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const languageId of languageIds ?? []) {
    const scoped = vscode.workspace.getConfiguration(SETTINGS_SECTION, { languageId }).inspect(key);
    const value = scoped?.workspaceFolderLanguageValue ?? scoped?.workspaceLanguageValue;
    if (value !== undefined) values[languageId] = value;
  }
  return values;
}

/** A setting's value inside the section's value tree (`mcp.servers` is `{ mcp: { servers } }`). */
function valueAt(tree: unknown, key: SettingKey): unknown {
  let node = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Where workspace settings live, for the question: the .code-workspace file or the folder's settings. */
function settingsFileLabel(): string {
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') return workspaceFile.path.split('/').pop() ?? 'the workspace file';
  return '.vscode/settings.json';
}
