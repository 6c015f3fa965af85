// What a workspace may change, and how every setting's effective value is chosen from what VS Code's
// `inspect()` reports. A unit test checks this table against package.json's `scope` and restrictedConfigurations.
import { providerPresets } from './models';
import { defaultSettings, parseSetting, SETTINGS_SECTION, settingSchemas, type ProviderId, type SettingKey, type Settings } from './settings';

// ---------------------------------------------------------------------------------------------------------
// What a workspace may change. A committed `.vscode/settings.json`, a `.code-workspace` file, a folder's
// settings or a language block (`"[typescript]": {...}`) is written by whoever made the repository, not by
// the user, so every setting says here whether such a value counts. This table is the one place that
// decides; package.json's `scope` and `capabilities.untrustedWorkspaces.restrictedConfigurations` follow it
// (a unit test checks both), and Configuration reads every value through `resolveSetting`/`resolveEndpoint`.
// ---------------------------------------------------------------------------------------------------------

/**
 * - `yes`: the workspace value wins, as VS Code normally does (model and budget choices belong to a project).
 * - `no`: only the user's own (global) value counts; workspace, folder and language values are ignored.
 * - `after-consent`: the user's value counts until the user confirms the workspace's value, host named.
 */
export type WorkspacePolicy = 'yes' | 'no' | 'after-consent';

export const workspacePolicy = {
  // Which endpoint gets the code, the prompts and (if one is stored for it) a key: the user confirms the host.
  provider: 'after-consent',
  baseUrl: 'after-consent',
  // Model choice and generation knobs are per-project preferences. None of them sends data anywhere new or
  // lets anything run: the endpoint and key stay the user's, and the schemas bound the numbers (a project can
  // make answers longer or shorter, but only within 256..262144 tokens, 10..3600 s and 1..200 steps).
  model: 'yes',
  thinking: 'yes',
  maxOutputTokens: 'yes',
  temperature: 'yes',
  requestTimeoutSeconds: 'yes',
  maxAgentSteps: 'yes',
  // Kimi's $web_search runs at the provider the user chose; it adds input tokens but reaches no new host
  // with the user's key and runs nothing locally.
  webSearch: 'yes',
  reviewTakesFocus: 'yes',
  // Where an editor command's question goes: a new conversation or the open one. It sends nothing new anywhere.
  'inlineCommands.conversation': 'yes',
  // Free-form request fields could redirect behaviour (tools, endpoints of some proxies, huge budgets).
  requestOverrides: 'no',
  // Approval settings decide what runs or changes files without the user seeing it first.
  'autoApprove.readOnlyTools': 'no',
  'autoApprove.edits': 'no',
  'autoApprove.commands': 'no',
  commandAllowList: 'no',
  // Writing full prompts (file contents) to the log is the user's decision.
  logPrompts: 'no',
  // Servers are programs that run with the user's rights: a repository declares its own in .kimi/mcp.json or
  // .vscode/mcp.json, which start only after the user approves each command line.
  'mcp.servers': 'no',
  'mcp.enabled': 'no',
  // Completions send code on every pause in typing and spend the user's money: the user's decision alone.
  'completions.enabled': 'no',
  // A low threshold makes every turn pay for a summary first: how often to spend on compaction is the user's call.
  'compaction.thresholdTokens': 'no',
  // How long a pause waits before asking: a project can tune it within 0..2000 ms; it reaches no new host.
  'completions.debounceMs': 'yes',
  // How many subagents run side by side (1..16): a project can tune it; it reaches no new host and runs nothing.
  'subagents.maxParallel': 'yes',
  // How much of the user's disk the journal may take: the user's to decide, as a repository could only raise it.
  'checkpoints.maxJournalMB': 'no',
  // Each compare round sends a request the user pays for: how many follow Build UI from Image is the user's decision.
  'preview.compareRounds': 'no',
} as const satisfies Record<SettingKey, WorkspacePolicy>;

/**
 * The `scope` package.json declares for each policy. `application` settings are read by VS Code from user
 * settings only (it drops workspace and folder values before any extension sees them); the endpoint stays
 * `window` so the extension can see a workspace value and ask about it.
 */
export const manifestScopeFor: Record<WorkspacePolicy, 'window' | 'application'> = {
  yes: 'window',
  no: 'application',
  'after-consent': 'window',
};

/** Settings VS Code should ignore from the workspace in Restricted Mode: every one a workspace may not simply set. */
export function restrictedSettingKeys(): SettingKey[] {
  return (Object.keys(workspacePolicy) as SettingKey[]).filter((key) => workspacePolicy[key] !== 'yes');
}

/** The parts of `WorkspaceConfiguration.inspect()` the policy looks at. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  /** Language-specific values from workspace or folder settings (`"[typescript]": {...}`), by language id. */
  workspaceLanguageValues?: Readonly<Record<string, unknown>>;
}

export type IgnoredReason = 'userOnly' | 'languageBlock' | 'restrictedMode' | 'notConfirmed' | 'invalid';

export interface IgnoredWorkspaceValue {
  key: SettingKey;
  /** `workspace`, `workspaceFolder` or `language:<id>`. */
  where: string;
  value: unknown;
  reason: IgnoredReason;
}

export type SettingSource = 'default' | 'user' | 'workspace';

export interface ResolvedSetting {
  /** The raw value to validate with the setting's schema (undefined: the schema default). */
  raw: unknown;
  source: SettingSource;
  ignored: IgnoredWorkspaceValue[];
}

function languageValues(key: SettingKey, inspected: InspectedSetting | undefined, reason: IgnoredReason): IgnoredWorkspaceValue[] {
  return Object.entries(inspected?.workspaceLanguageValues ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([language, value]) => ({ key, where: `language:${language}`, value, reason }));
}

function workspaceValues(key: SettingKey, inspected: InspectedSetting | undefined, reason: IgnoredReason): IgnoredWorkspaceValue[] {
  const found: IgnoredWorkspaceValue[] = [];
  if (inspected?.workspaceFolderValue !== undefined) found.push({ key, where: 'workspaceFolder', value: inspected.workspaceFolderValue, reason });
  if (inspected?.workspaceValue !== undefined) found.push({ key, where: 'workspace', value: inspected.workspaceValue, reason });
  return found;
}

/**
 * The value of a `yes` or `no` setting. `yes`: folder, then workspace, then user, then the contributed
 * default (VS Code's own order). `no`: the user's value or the schema's default, never `defaultValue` from
 * inspect(), which other extensions can change through `configurationDefaults`. Language blocks are never
 * used (the extension reads its settings without a language scope); for `no` settings they are reported.
 */
export function resolveSetting(key: SettingKey, inspected: InspectedSetting | undefined): ResolvedSetting {
  const policy: WorkspacePolicy = workspacePolicy[key];
  if (policy === 'yes') {
    if (inspected?.workspaceFolderValue !== undefined) return { raw: inspected.workspaceFolderValue, source: 'workspace', ignored: [] };
    if (inspected?.workspaceValue !== undefined) return { raw: inspected.workspaceValue, source: 'workspace', ignored: [] };
    if (inspected?.globalValue !== undefined) return { raw: inspected.globalValue, source: 'user', ignored: [] };
    return { raw: inspected?.defaultValue, source: 'default', ignored: [] };
  }
  if (policy === 'after-consent') throw new Error(`${key} is part of the endpoint: use resolveEndpoint.`);
  const ignored = [...workspaceValues(key, inspected, 'userOnly'), ...languageValues(key, inspected, 'userOnly')];
  return inspected?.globalValue !== undefined ? { raw: inspected.globalValue, source: 'user', ignored } : { raw: undefined, source: 'default', ignored };
}

/** The scheme, host and port a URL's requests go to (`https://api.aimlapi.com`); undefined unless http(s). */
export function originOf(url: string | undefined): string | undefined {
  if (!url?.trim()) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The base URL requests go to for a provider and a base-URL setting (the preset's when the setting is empty). */
export function endpointBaseUrl(provider: ProviderId, baseUrl: string): string {
  return (baseUrl.trim() || providerPresets[provider].baseUrl).replace(/\/+$/, '');
}

export interface EndpointChoice {
  provider: ProviderId;
  /** The `baseUrl` setting's value (may be empty: the preset's URL). */
  baseUrl: string;
  /** Where requests go. */
  resolvedBaseUrl: string;
  origin: string | undefined;
}

/** A workspace endpoint that differs from the user's, waiting for (or given) the user's confirmation. */
export interface WorkspaceEndpoint extends EndpointChoice {
  /** Which of provider/baseUrl the workspace sets. */
  setBy: SettingKey[];
  /** What a confirmation is remembered under: the exact values, so any change asks again. */
  consentKey: string;
}

export type ConsentState = 'allowed' | 'declined' | 'undecided';

export interface ResolvedEndpoint {
  provider: { raw: unknown; source: SettingSource };
  baseUrl: { raw: unknown; source: SettingSource };
  /** Whose endpoint is in effect. */
  source: 'user' | 'workspace';
  user: EndpointChoice;
  /** Set when the workspace asks for another endpoint (whether or not it is in effect). */
  workspace?: WorkspaceEndpoint;
  /** True when the user should be asked now (trusted workspace, valid endpoint, no answer yet). */
  needsConsent: boolean;
  ignored: IgnoredWorkspaceValue[];
}

function strictly<K extends SettingKey>(key: K, value: unknown): Settings[K] | undefined {
  const parsed = parseSetting(key, value);
  return parsed.issue === undefined ? parsed.value : undefined;
}

function choice(provider: ProviderId, baseUrl: string): EndpointChoice {
  const resolvedBaseUrl = endpointBaseUrl(provider, baseUrl);
  return { provider, baseUrl, resolvedBaseUrl, origin: originOf(resolvedBaseUrl) };
}

/**
 * `provider` and `baseUrl` together: the user's endpoint, unless the workspace names another one, the
 * workspace is trusted, and the user confirmed exactly those values (`consent`). Never the workspace's in
 * Restricted Mode; language blocks never count.
 */
export function resolveEndpoint(
  inspected: { provider?: InspectedSetting; baseUrl?: InspectedSetting },
  options: { trusted: boolean; consent(consentKey: string): ConsentState },
): ResolvedEndpoint {
  const userProviderRaw = inspected.provider?.globalValue;
  const userBaseUrlRaw = inspected.baseUrl?.globalValue;
  const userProvider = parseSetting('provider', userProviderRaw).value;
  const userBaseUrl = parseSetting('baseUrl', userBaseUrlRaw).value;
  const user = choice(userProvider, userBaseUrl);
  const ignored = [...languageValues('provider', inspected.provider, 'languageBlock'), ...languageValues('baseUrl', inspected.baseUrl, 'languageBlock')];
  const userResult = (workspace?: WorkspaceEndpoint, needsConsent = false): ResolvedEndpoint => ({
    provider: { raw: userProviderRaw, source: userProviderRaw === undefined ? 'default' : 'user' },
    baseUrl: { raw: userBaseUrlRaw, source: userBaseUrlRaw === undefined ? 'default' : 'user' },
    source: 'user',
    user,
    ...(workspace ? { workspace } : {}),
    needsConsent,
    ignored,
  });

  const workspaceRaw = (setting?: InspectedSetting) => setting?.workspaceFolderValue ?? setting?.workspaceValue;
  const providerRaw = workspaceRaw(inspected.provider);
  const baseUrlRaw = workspaceRaw(inspected.baseUrl);
  if (providerRaw === undefined && baseUrlRaw === undefined) return userResult();
  const workspaceProvider = providerRaw === undefined ? undefined : strictly('provider', providerRaw);
  const workspaceBaseUrl = baseUrlRaw === undefined ? undefined : strictly('baseUrl', baseUrlRaw);
  const setBy: SettingKey[] = [...(providerRaw !== undefined ? (['provider'] as const) : []), ...(baseUrlRaw !== undefined ? (['baseUrl'] as const) : [])];
  const candidate = choice(workspaceProvider ?? userProvider, workspaceBaseUrl ?? userBaseUrl);
  const report = (reason: IgnoredReason) => {
    for (const key of setBy) ignored.push(...workspaceValues(key, inspected[key as 'provider' | 'baseUrl'], reason));
  };
  if ((providerRaw !== undefined && workspaceProvider === undefined) || (baseUrlRaw !== undefined && workspaceBaseUrl === undefined) || !candidate.origin) {
    report('invalid');
    return userResult();
  }
  // The same endpoint the user has anyway: nothing to confirm, nothing changes.
  if (candidate.provider === user.provider && candidate.resolvedBaseUrl === user.resolvedBaseUrl) return userResult();
  const workspace: WorkspaceEndpoint = { ...candidate, setBy, consentKey: JSON.stringify([candidate.provider, candidate.baseUrl]) };
  if (!options.trusted) {
    report('restrictedMode');
    return userResult(workspace);
  }
  const state = options.consent(workspace.consentKey);
  if (state !== 'allowed') {
    report('notConfirmed');
    return userResult(workspace, state === 'undecided');
  }
  return {
    provider: providerRaw !== undefined ? { raw: providerRaw, source: 'workspace' } : { raw: userProviderRaw, source: userProviderRaw === undefined ? 'default' : 'user' },
    baseUrl: baseUrlRaw !== undefined ? { raw: baseUrlRaw, source: 'workspace' } : { raw: userBaseUrlRaw, source: userBaseUrlRaw === undefined ? 'default' : 'user' },
    source: 'workspace',
    user,
    workspace,
    needsConsent: false,
    ignored,
  };
}

export interface SettingsResolution {
  /** The value of each setting to validate (what `parseSettings` reads). */
  raw: Record<SettingKey, unknown>;
  sources: Record<SettingKey, SettingSource>;
  endpoint: ResolvedEndpoint;
  /** Workspace values present but not in effect, for the log. */
  ignored: IgnoredWorkspaceValue[];
}

/** Applies the table to every setting at once. */
export function resolveSettings(
  inspect: (key: SettingKey) => InspectedSetting | undefined,
  options: { trusted: boolean; consent(consentKey: string): ConsentState },
): SettingsResolution {
  const endpoint = resolveEndpoint({ provider: inspect('provider'), baseUrl: inspect('baseUrl') }, options);
  const raw = {} as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  const ignored: IgnoredWorkspaceValue[] = [...endpoint.ignored];
  for (const key of Object.keys(settingSchemas) as SettingKey[]) {
    if (key === 'provider' || key === 'baseUrl') {
      raw[key] = endpoint[key].raw;
      sources[key] = endpoint[key].source;
      continue;
    }
    const resolved = resolveSetting(key, inspect(key));
    raw[key] = resolved.raw;
    sources[key] = resolved.source;
    ignored.push(...resolved.ignored);
  }
  return { raw, sources, endpoint, ignored };
}

/** What reading the settings for use needs from the editor: merged values, and the layers where they matter. */
export interface SettingsReader {
  /** The editor's merged value (folder, workspace, user, then the contributed default), language blocks not applied. */
  merged(key: SettingKey): unknown;
  /** The value in each layer; costly in VS Code, so asked for only where the policy needs it. */
  inspect(key: SettingKey): InspectedSetting | undefined;
}

/**
 * The raw values to validate, as `resolveSettings` would give them, asking for layers only where the merged
 * value could differ from the policy's answer:
 * - `yes`: the policy's order is the editor's own, so the merged value is the answer;
 * - `no`: the manifest declares these `application` (a unit test checks it), so the editor shows no workspace,
 *   folder or language value of them at all; a merged value other than the default may still be another
 *   extension's `configurationDefaults`, which must not count, so only then are the layers read;
 * - the endpoint: always layered, as the user confirms a workspace's endpoint.
 * What a workspace set and the policy ignored is reported by `resolveSettings` (and the settings-file scan).
 */
export function resolveSettingsForUse(reader: SettingsReader, options: { trusted: boolean; consent(consentKey: string): ConsentState }): Pick<SettingsResolution, 'raw' | 'endpoint'> {
  const endpoint = resolveEndpoint({ provider: reader.inspect('provider'), baseUrl: reader.inspect('baseUrl') }, options);
  const raw = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(settingSchemas) as SettingKey[]) {
    const policy: WorkspacePolicy = workspacePolicy[key];
    if (policy === 'after-consent') {
      raw[key] = endpoint[key as 'provider' | 'baseUrl'].raw;
      continue;
    }
    const merged = reader.merged(key);
    // The editor hands over the contributed default (package.json's, the schema's: a unit test checks) for an
    // unset setting; left undefined, it is the default without a parse.
    if (merged === undefined || sameValue(merged, defaultSettings[key])) raw[key] = undefined;
    else raw[key] = policy === 'yes' ? merged : resolveSetting(key, reader.inspect(key)).raw;
  }
  return { raw, endpoint };
}

/** Deep equality of JSON-shaped setting values. */
function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null || Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  return leftKeys.length === Object.keys(right).length && leftKeys.every((key) => Object.hasOwn(rightRecord, key) && sameValue((left as Record<string, unknown>)[key], rightRecord[key]));
}

/** The question asked before a workspace's endpoint is used; it names the host and where the value comes from. */
export function endpointConsentMessage(workspace: WorkspaceEndpoint, file: string): string {
  const settings = workspace.setBy.map((key) => `${SETTINGS_SECTION}.${key}`).join(' and ');
  return (
    `This workspace's settings send Kimi requests to ${workspace.resolvedBaseUrl} (${settings} in ${file}). Allow for this workspace? ` +
    'Your code and prompts would go there; your API key is not sent unless you store one for that host.'
  );
}

/** One line for the log about a workspace value that is not in effect. */
export function describeIgnored(ignored: IgnoredWorkspaceValue): string {
  const where = ignored.where.startsWith('language:') ? `a ${ignored.where.slice('language:'.length)} language block of the workspace settings` : ignored.where === 'workspaceFolder' ? 'folder settings' : 'workspace settings';
  const why: Record<IgnoredReason, string> = {
    userOnly: 'this setting is read from user settings only',
    languageBlock: 'language-specific values of this setting are not used',
    restrictedMode: 'the workspace is in Restricted Mode',
    notConfirmed: 'the workspace endpoint has not been allowed; your own endpoint is used',
    invalid: 'the value is not a valid endpoint',
  };
  return `Ignored ${SETTINGS_SECTION}.${ignored.key} from ${where}: ${why[ignored.reason]}.`;
}

/**
 * Which of the given settings a JSONC settings file mentions, at any depth (language blocks included). VS Code
 * drops workspace values of `application` settings before an extension sees them, so the log learns of them
 * only from the file. Comments are skipped; strings are kept whole.
 */
export function settingKeysInJsonc(text: string, keys: readonly SettingKey[]): SettingKey[] {
  const strings: string[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 1;
    } else if (char === '"') {
      let end = index + 1;
      let value = '';
      while (end < text.length && text[end] !== '"') {
        if (text[end] === '\\') end++;
        value += text[end] ?? '';
        end++;
      }
      // Only property names: a string followed by a colon.
      if (/^\s*:/.test(text.slice(end + 1, end + 40))) strings.push(value);
      index = end;
    }
  }
  const names = new Set(strings);
  return keys.filter((key) => names.has(`${SETTINGS_SECTION}.${key}`));
}
