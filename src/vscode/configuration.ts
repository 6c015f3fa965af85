// Reads `kimiAssistant.*` through the one settings schema and the workspace policy table (src/common/settings.ts):
// user-only settings come from user settings alone, the endpoint is the user's until the user confirms the
// workspace's, and everything else follows VS Code's usual order. Invalid and ignored values are logged once.
import * as vscode from 'vscode';
import { parseSetting, parseSettings, settingSchemas, SETTINGS_SECTION, type ProviderId, type SettingKey, type Settings } from '../common/settings';
import { describeIgnored, originOf, endpointBaseUrl, resolveSettings, settingKeysInJsonc, workspacePolicy, type InspectedSetting, type SettingSource, type SettingsResolution } from '../common/workspaceSettings';
import { Disposable } from './disposable';
import type { Logger } from './log';
import { WorkspaceEndpointConsent, type AskEndpointConsent } from './workspaceEndpointConsent';

const settingKeys = Object.keys(settingSchemas) as SettingKey[];
const userOnlyKeys = settingKeys.filter((key) => workspacePolicy[key] === 'no');

/** A read-only picture of what is in effect and why (for automation and tests; holds no key). */
export interface EffectiveSettingsSnapshot {
  settings: Settings;
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
  private resolution: SettingsResolution;
  private current: Settings;
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
    ({ resolution: this.resolution, settings: this.current } = this.read());
    const reread = () => {
      const before = JSON.stringify(this.current);
      ({ resolution: this.resolution, settings: this.current } = this.read());
      return before !== JSON.stringify(this.current);
    };
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        reread();
        this.changed.fire(this.current);
        void this.scanSettingsFiles();
      }),
    );
    this.register(this.endpointConsent.onDidDecide(() => reread() && this.changed.fire(this.current)));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => reread() && this.changed.fire(this.current)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scanSettingsFiles()));
    void this.scanSettingsFiles();
  }

  get settings(): Settings {
    return this.current;
  }

  /** The origin a key for `provider` is set for and sent to: the effective endpoint's. */
  originFor(provider: ProviderId): string | undefined {
    return originOf(endpointBaseUrl(provider, this.current.baseUrl));
  }

  snapshot(): EffectiveSettingsSnapshot {
    const { endpoint } = this.resolution;
    const baseUrl = endpointBaseUrl(this.current.provider, this.current.baseUrl);
    return {
      settings: structuredClone(this.current),
      sources: { ...this.resolution.sources },
      endpoint: {
        source: endpoint.source,
        provider: this.current.provider,
        baseUrl,
        origin: originOf(baseUrl),
        ...(endpoint.workspace ? { workspaceBaseUrl: endpoint.workspace.resolvedBaseUrl } : {}),
      },
      ignored: [...new Set([...this.resolution.ignored.map((ignored) => `${ignored.key}@${ignored.where}`), ...this.ignoredInFiles])].sort(),
    };
  }

  async update<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  private read(): { resolution: SettingsResolution; settings: Settings } {
    // One inspection of the whole section, not one per setting: each inspect() walks every language block of
    // the configuration (VS Code's defaults hold dozens), which made reading the settings most of activation.
    const whole = vscode.workspace.getConfiguration().inspect<unknown>(SETTINGS_SECTION);
    const inspect = (key: SettingKey): InspectedSetting | undefined => {
      if (!whole) return undefined;
      const workspaceLanguageValues: Record<string, unknown> = {};
      // Only language blocks that mention a kimiAssistant setting are listed, and those are rare.
      for (const languageId of whole.languageIds ?? []) {
        const scoped = vscode.workspace.getConfiguration(SETTINGS_SECTION, { languageId }).inspect(key);
        const value = scoped?.workspaceFolderLanguageValue ?? scoped?.workspaceLanguageValue;
        if (value !== undefined) workspaceLanguageValues[languageId] = value;
      }
      return {
        defaultValue: valueAt(whole.defaultValue, key),
        globalValue: valueAt(whole.globalValue, key),
        workspaceValue: valueAt(whole.workspaceValue, key),
        workspaceFolderValue: valueAt(whole.workspaceFolderValue, key),
        workspaceLanguageValues,
      };
    };
    const trusted = vscode.workspace.isTrusted;
    const resolution = resolveSettings(inspect, { trusted, consent: (consentKey) => this.endpointConsent.state(consentKey) });
    const { settings, issues } = parseSettings((key) => resolution.raw[key]);
    for (const issue of issues) {
      this.logOnce(`Setting kimiAssistant.${issue.key} is invalid (${issue.message}); using the default.`, 'warn');
    }
    for (const ignored of resolution.ignored) this.logOnce(describeIgnored(ignored), 'warn', JSON.stringify(ignored.value));
    const { endpoint } = resolution;
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
    return { resolution, settings };
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
