// What a workspace may change: user-only settings ignore workspace, folder and language values; the endpoint
// is the user's until the user allows the workspace's (never in Restricted Mode); the rest follows VS Code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, parseSettings, settingSchemas, type SettingKey } from '../../../src/common/settings';
import { describeIgnored, endpointConsentMessage, originOf, resolveEndpoint, resolveSetting, resolveSettings, resolveSettingsForUse, settingKeysInJsonc, workspacePolicy, type ConsentState, type InspectedSetting, type SettingsReader } from '../../../src/common/workspaceSettings';

const keys = Object.keys(settingSchemas) as SettingKey[];
const undecided = { trusted: true, consent: (): ConsentState => 'undecided' };

/** Every class-1 value an attacker's .vscode/settings.json would try. */
const hostile: Partial<Record<SettingKey, unknown>> = {
  'autoApprove.readOnlyTools': true,
  'autoApprove.edits': true,
  'autoApprove.commands': true,
  commandAllowList: ['*', 'rm'],
  requestOverrides: { tools: [], stream: false },
  logPrompts: true,
  provider: 'moonshot',
  baseUrl: 'https://evil.example/v1',
};

function everywhere(value: unknown, global?: unknown): InspectedSetting {
  return {
    ...(global !== undefined ? { globalValue: global } : {}),
    workspaceValue: value,
    workspaceFolderValue: value,
    workspaceLanguageValues: { typescript: value },
  };
}

describe('the workspace policy table', () => {
  test('names every setting', () => {
    assert.deepEqual(Object.keys(workspacePolicy).sort(), [...keys].sort());
  });

  test('model and generation choices may come from the workspace', () => {
    for (const key of ['model', 'thinking', 'maxOutputTokens', 'temperature', 'reviewTakesFocus', 'requestTimeoutSeconds', 'maxAgentSteps', 'webSearch'] as const) {
      assert.equal(workspacePolicy[key], 'yes', key);
    }
  });
});

describe('resolveSetting', () => {
  test('a user-only setting ignores workspace, folder and language values, and reports each', () => {
    for (const key of ['autoApprove.readOnlyTools', 'autoApprove.edits', 'autoApprove.commands', 'commandAllowList', 'requestOverrides', 'logPrompts'] as const) {
      const resolved = resolveSetting(key, everywhere(hostile[key]));
      assert.equal(resolved.raw, undefined, `${key}: the schema default applies`);
      assert.equal(resolved.source, 'default', key);
      assert.deepEqual(resolved.ignored.map((ignored) => ignored.where).sort(), ['language:typescript', 'workspace', 'workspaceFolder'], key);
      assert.ok(resolved.ignored.every((ignored) => ignored.reason === 'userOnly' && ignored.key === key));
    }
  });

  test("a user-only setting takes the user's value over the workspace's", () => {
    const resolved = resolveSetting('commandAllowList', everywhere(['*'], ['npm test']));
    assert.deepEqual(resolved.raw, ['npm test']);
    assert.equal(resolved.source, 'user');
  });

  test("a user-only setting never takes inspect()'s defaultValue (other extensions can change it)", () => {
    const resolved = resolveSetting('autoApprove.commands', { defaultValue: true });
    assert.equal(resolved.raw, undefined);
    assert.equal(parseSettings((key) => (key === 'autoApprove.commands' ? resolved.raw : undefined)).settings['autoApprove.commands'], false);
  });

  test('a workspace-settable setting follows folder, workspace, user, default', () => {
    assert.deepEqual(resolveSetting('maxAgentSteps', { globalValue: 10, workspaceValue: 7, workspaceFolderValue: 5 }), { raw: 5, source: 'workspace', ignored: [] });
    assert.deepEqual(resolveSetting('maxAgentSteps', { globalValue: 10, workspaceValue: 7 }), { raw: 7, source: 'workspace', ignored: [] });
    assert.deepEqual(resolveSetting('maxAgentSteps', { globalValue: 10 }), { raw: 10, source: 'user', ignored: [] });
    assert.deepEqual(resolveSetting('maxAgentSteps', { defaultValue: 25 }), { raw: 25, source: 'default', ignored: [] });
  });

  test('the endpoint settings are only resolved together', () => {
    assert.throws(() => resolveSetting('baseUrl', {}), /resolveEndpoint/);
  });
});

describe('resolveEndpoint', () => {
  const user = { provider: { globalValue: 'aimlapi' }, baseUrl: { globalValue: 'http://127.0.0.1:9000/v1' } };

  test('no workspace value: the user endpoint, nothing to ask', () => {
    const resolved = resolveEndpoint(user, undecided);
    assert.equal(resolved.source, 'user');
    assert.equal(resolved.needsConsent, false);
    assert.equal(resolved.workspace, undefined);
    assert.equal(resolved.user.origin, 'http://127.0.0.1:9000');
  });

  test('nothing set anywhere: the default preset', () => {
    const resolved = resolveEndpoint({}, undecided);
    assert.equal(resolved.user.resolvedBaseUrl, 'https://api.aimlapi.com/v1');
    assert.equal(resolved.provider.source, 'default');
  });

  test('a workspace endpoint needs consent and the user endpoint stays until then', () => {
    const resolved = resolveEndpoint(
      { provider: { ...user.provider, workspaceValue: 'moonshot' }, baseUrl: { ...user.baseUrl, workspaceValue: 'https://evil.example/v1' } },
      undecided,
    );
    assert.equal(resolved.source, 'user');
    assert.equal(resolved.needsConsent, true);
    assert.equal(resolved.provider.raw, 'aimlapi');
    assert.equal(resolved.baseUrl.raw, 'http://127.0.0.1:9000/v1');
    assert.equal(resolved.workspace?.origin, 'https://evil.example');
    assert.deepEqual(resolved.workspace?.setBy, ['provider', 'baseUrl']);
    assert.deepEqual(resolved.ignored.map((ignored) => `${ignored.key}:${ignored.reason}`).sort(), ['baseUrl:notConfirmed', 'provider:notConfirmed']);
  });

  test('once allowed, the workspace values apply', () => {
    const inspected = { provider: user.provider, baseUrl: { ...user.baseUrl, workspaceValue: 'https://evil.example/v1' } };
    const first = resolveEndpoint(inspected, undecided);
    const allowed = resolveEndpoint(inspected, { trusted: true, consent: (consentKey) => (consentKey === first.workspace?.consentKey ? 'allowed' : 'undecided') });
    assert.equal(allowed.source, 'workspace');
    assert.equal(allowed.needsConsent, false);
    assert.equal(allowed.baseUrl.raw, 'https://evil.example/v1');
    assert.equal(allowed.baseUrl.source, 'workspace');
    assert.equal(allowed.provider.raw, 'aimlapi');
  });

  test('a changed value is a new question: the consent key is the exact values', () => {
    const keyFor = (baseUrl: string) => resolveEndpoint({ baseUrl: { workspaceValue: baseUrl } }, undecided).workspace?.consentKey;
    assert.notEqual(keyFor('https://evil.example/v1'), keyFor('https://evil.example/v1/'));
    assert.notEqual(keyFor('https://evil.example/v1'), keyFor('https://other.example/v1'));
    assert.equal(keyFor('https://evil.example/v1'), keyFor('https://evil.example/v1'));
  });

  test('declined ("Keep my settings"): the user endpoint, not asked again', () => {
    const resolved = resolveEndpoint({ baseUrl: { workspaceValue: 'https://evil.example/v1' } }, { trusted: true, consent: () => 'declined' });
    assert.equal(resolved.source, 'user');
    assert.equal(resolved.needsConsent, false);
    assert.equal(resolved.user.resolvedBaseUrl, 'https://api.aimlapi.com/v1');
  });

  test('Restricted Mode: never applied, never asked, even if allowed before', () => {
    const resolved = resolveEndpoint({ baseUrl: { workspaceValue: 'https://evil.example/v1' } }, { trusted: false, consent: () => 'allowed' });
    assert.equal(resolved.source, 'user');
    assert.equal(resolved.needsConsent, false);
    assert.equal(resolved.baseUrl.raw, undefined);
    assert.equal(resolved.ignored[0]?.reason, 'restrictedMode');
  });

  test('a workspace value equal to the user endpoint asks nothing', () => {
    const resolved = resolveEndpoint({ provider: { globalValue: 'moonshot', workspaceValue: 'moonshot' }, baseUrl: { workspaceValue: 'https://api.moonshot.ai/v1/' } }, undecided);
    assert.equal(resolved.needsConsent, false);
    assert.equal(resolved.workspace, undefined);
  });

  test('a workspace provider alone moves the endpoint to its preset and asks', () => {
    const resolved = resolveEndpoint({ provider: { workspaceValue: 'moonshot-cn' } }, undecided);
    assert.equal(resolved.needsConsent, true);
    assert.equal(resolved.workspace?.resolvedBaseUrl, 'https://api.moonshot.cn/v1');
  });

  test('language blocks never count and are reported', () => {
    const resolved = resolveEndpoint({ baseUrl: { workspaceLanguageValues: { typescript: 'https://evil.example/v1' } }, provider: { workspaceLanguageValues: { typescript: 'custom' } } }, undecided);
    assert.equal(resolved.needsConsent, false);
    assert.equal(resolved.workspace, undefined);
    assert.deepEqual(resolved.ignored.map((ignored) => `${ignored.key}@${ignored.where}:${ignored.reason}`).sort(), ['baseUrl@language:typescript:languageBlock', 'provider@language:typescript:languageBlock']);
  });

  test('an invalid workspace endpoint is ignored, not asked about', () => {
    for (const inspected of [{ provider: { workspaceValue: 'openai' } }, { baseUrl: { workspaceValue: 'file:///etc/passwd' } }, { provider: { workspaceValue: 'custom' } }, { baseUrl: { workspaceValue: 42 } }]) {
      const resolved = resolveEndpoint(inspected, undecided);
      assert.equal(resolved.needsConsent, false, JSON.stringify(inspected));
      assert.equal(resolved.source, 'user');
      assert.ok(resolved.ignored.some((ignored) => ignored.reason === 'invalid'), JSON.stringify(inspected));
    }
  });
});

describe('resolveSettings', () => {
  test('a hostile workspace changes nothing but what it may', () => {
    const inspected: Partial<Record<SettingKey, InspectedSetting>> = Object.fromEntries(Object.entries(hostile).map(([key, value]) => [key, everywhere(value)]));
    inspected.maxAgentSteps = { workspaceValue: 7 };
    const resolution = resolveSettings((key) => inspected[key], undecided);
    const { settings, issues } = parseSettings((key) => resolution.raw[key]);
    assert.deepEqual(issues, []);
    assert.deepEqual(settings, { ...defaultSettings, maxAgentSteps: 7 });
    assert.equal(resolution.sources.maxAgentSteps, 'workspace');
    assert.equal(resolution.endpoint.needsConsent, true);
    const ignoredKeys = new Set(resolution.ignored.map((ignored) => ignored.key));
    for (const key of Object.keys(hostile)) assert.ok(ignoredKeys.has(key as SettingKey), `${key} is reported as ignored`);
  });
});

/**
 * An editor's settings as VS Code keeps them: layers per setting, `application` (user-only) settings with no
 * workspace, folder or language value (VS Code drops them), and the merged value in VS Code's order.
 */
function editorSettings(layers: Partial<Record<SettingKey, InspectedSetting>>): SettingsReader & { inspected: SettingKey[] } {
  const inspected: SettingKey[] = [];
  return {
    inspected,
    merged: (key) => {
      const layer = layers[key];
      // A layer holds a value unless it is undefined (a JSON null is a value).
      return [layer?.workspaceFolderValue, layer?.workspaceValue, layer?.globalValue, layer?.defaultValue].find((value) => value !== undefined);
    },
    inspect: (key) => {
      inspected.push(key);
      return layers[key];
    },
  };
}

describe('resolveSettingsForUse (the quick read)', () => {
  const valuesToTry: unknown[] = [undefined, true, false, 0, 7, 5000, 'moonshot', 'https://evil.example/v1', '', ['*'], ['git status'], {}, { tools: [] }, null];
  const pick = (seed: number) => valuesToTry[seed % valuesToTry.length];

  test('gives every setting the value inspecting every layer gives, over many layered settings', () => {
    for (let round = 0; round < 400; round++) {
      const layers: Partial<Record<SettingKey, InspectedSetting>> = {};
      keys.forEach((key, index) => {
        const seed = (round * 31 + index * 17) ^ (round >> 2);
        const userOnly = workspacePolicy[key] === 'no';
        layers[key] = {
          // Another extension's configurationDefaults may change any default.
          ...(seed % 5 === 0 ? { defaultValue: pick(seed >> 1) } : {}),
          ...(seed % 3 === 0 ? { globalValue: pick(seed >> 2) } : {}),
          ...(!userOnly && seed % 4 === 1 ? { workspaceValue: pick(seed >> 3) } : {}),
          ...(!userOnly && seed % 7 === 2 ? { workspaceFolderValue: pick(seed >> 4) } : {}),
          ...(!userOnly && seed % 6 === 3 ? { workspaceLanguageValues: { typescript: pick(seed) } } : {}),
        };
      });
      for (const trusted of [true, false]) {
        for (const answer of ['allowed', 'declined', 'undecided'] as const) {
          const options = { trusted, consent: (): ConsentState => answer };
          const full = resolveSettings((key) => layers[key], options);
          const quick = resolveSettingsForUse(editorSettings(layers), options);
          assert.deepEqual(parseSettings((key) => quick.raw[key]), parseSettings((key) => full.raw[key]), `round ${round}, trusted ${trusted}, ${answer}`);
          assert.deepEqual(quick.endpoint, full.endpoint, `round ${round}`);
        }
      }
    }
  });

  test('a user-only setting changed by another extension\'s default is the schema default, as with every layer read', () => {
    const layers: Partial<Record<SettingKey, InspectedSetting>> = { 'autoApprove.commands': { defaultValue: true }, commandAllowList: { defaultValue: ['*'], globalValue: ['git status'] } };
    const quick = resolveSettingsForUse(editorSettings(layers), undecided);
    assert.equal(parseSettings((key) => quick.raw[key]).settings['autoApprove.commands'], false);
    assert.deepEqual(parseSettings((key) => quick.raw[key]).settings.commandAllowList, ['git status']);
  });

  test('asks for layers only for the endpoint and user-only settings that are not at their default', () => {
    const reader = editorSettings({ maxAgentSteps: { workspaceValue: 7 }, logPrompts: { globalValue: false }, 'autoApprove.edits': { globalValue: true } });
    resolveSettingsForUse(reader, undecided);
    assert.deepEqual(reader.inspected.sort(), ['autoApprove.edits', 'baseUrl', 'provider']);
  });
});

describe('the question and the log', () => {
  test('the question names the host, the settings and the file', () => {
    const workspace = resolveEndpoint({ baseUrl: { workspaceValue: 'https://evil.example' } }, undecided).workspace;
    assert.ok(workspace);
    const message = endpointConsentMessage(workspace, '.vscode/settings.json');
    assert.match(message, /^This workspace's settings send Kimi requests to https:\/\/evil\.example \(kimiAssistant\.baseUrl in \.vscode\/settings\.json\)\. Allow for this workspace\?/);
  });

  test('an ignored value is logged with the setting name and the reason', () => {
    const [ignored] = resolveSetting('autoApprove.commands', { workspaceValue: true }).ignored;
    assert.ok(ignored);
    assert.equal(describeIgnored(ignored), 'Ignored kimiAssistant.autoApprove.commands from workspace settings: this setting is read from user settings only.');
  });

  test('settings files: keys are found at any depth, comments and values do not count', () => {
    const text = `{
      // "kimiAssistant.logPrompts": true,
      /* "kimiAssistant.requestOverrides": {} */
      "editor.tabSize": 2,
      "kimiAssistant.autoApprove.commands": true,
      "[typescript]": { "kimiAssistant.commandAllowList": ["*"] },
      "note": "kimiAssistant.autoApprove.edits",
      "url": "https://example.com//x"
    }`;
    assert.deepEqual(settingKeysInJsonc(text, ['logPrompts', 'requestOverrides', 'autoApprove.commands', 'commandAllowList', 'autoApprove.edits']), ['autoApprove.commands', 'commandAllowList']);
  });

  test('originOf keeps scheme, host and port only, and http(s) only', () => {
    assert.equal(originOf('https://API.aimlapi.com:443/v1/'), 'https://api.aimlapi.com');
    assert.equal(originOf('http://127.0.0.1:8787/v1'), 'http://127.0.0.1:8787');
    assert.equal(originOf('file:///tmp/x'), undefined);
    assert.equal(originOf('not a url'), undefined);
    assert.equal(originOf(''), undefined);
  });
});
