// The settings table in src/common/settings.ts and package.json's contributes.configuration must agree:
// same keys, same defaults, same types and bounds, the scope the workspace policy asks for, and each
// setting documented.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defaultSettings, parseSetting, parseSettings, SETTINGS_SECTION, settingSchemas, type SettingKey } from '../../../src/common/settings';
import { manifestScopeFor, restrictedSettingKeys, workspacePolicy } from '../../../src/common/workspaceSettings';

interface ContributedSetting {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  scope?: string;
  markdownDescription?: string;
  description?: string;
}

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, ContributedSetting> } | { properties: Record<string, ContributedSetting> }[] };
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
};
const configurations = [manifest.contributes.configuration].flat();
const contributed: Record<string, ContributedSetting> = Object.assign({}, ...configurations.map((configuration) => configuration.properties));
const keys = Object.keys(settingSchemas) as SettingKey[];

interface ExpectedShape {
  types: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

/** The JSON types and bounds a schema accepts; VS Code's "number" covers zod's "integer". */
function shapeOf(key: SettingKey): ExpectedShape {
  const json = z.toJSONSchema(settingSchemas[key].removeCatch(), { io: 'input' }) as Record<string, unknown>;
  const branches = (Array.isArray(json.anyOf) ? json.anyOf : [json]) as Record<string, unknown>[];
  const shape: ExpectedShape = { types: branches.map((branch) => (branch.type === 'integer' ? 'number' : String(branch.type))).sort() };
  for (const branch of branches) {
    if (Array.isArray(branch.enum)) shape.enum = branch.enum;
    if (typeof branch.minimum === 'number') shape.minimum = branch.minimum;
    if (typeof branch.maximum === 'number') shape.maximum = branch.maximum;
  }
  return shape;
}

describe('settings against package.json', () => {
  test('every setting is contributed under the kimiAssistant section', () => {
    for (const key of keys) assert.ok(`${SETTINGS_SECTION}.${key}` in contributed, `package.json lacks ${SETTINGS_SECTION}.${key}`);
  });

  test('package.json contributes no setting the code does not read', () => {
    const known = new Set(keys.map((key) => `${SETTINGS_SECTION}.${key}`));
    assert.deepEqual(Object.keys(contributed).filter((name) => !known.has(name)), []);
  });

  test('defaults are the same on both sides', () => {
    for (const key of keys) {
      assert.deepEqual(contributed[`${SETTINGS_SECTION}.${key}`]?.default, defaultSettings[key], key);
    }
  });

  test('every setting has a markdownDescription', () => {
    for (const key of keys) {
      const description = contributed[`${SETTINGS_SECTION}.${key}`]?.markdownDescription;
      assert.equal(typeof description, 'string', key);
      assert.ok((description ?? '').trim().length > 15, key);
    }
  });

  test('types, enums and bounds are the same on both sides', () => {
    for (const key of keys) {
      const setting = contributed[`${SETTINGS_SECTION}.${key}`] ?? {};
      const expected = shapeOf(key);
      const declared = [setting.type ?? []].flat().map((type) => (type === 'integer' ? 'number' : type)).sort();
      assert.deepEqual(declared, expected.types, `${key} type`);
      assert.deepEqual(setting.enum, expected.enum, `${key} enum`);
      assert.equal(setting.minimum, expected.minimum, `${key} minimum`);
      assert.equal(setting.maximum, expected.maximum, `${key} maximum`);
    }
  });

  test("each setting's scope is the one its workspace policy asks for", () => {
    for (const key of keys) {
      assert.equal(contributed[`${SETTINGS_SECTION}.${key}`]?.scope, manifestScopeFor[workspacePolicy[key]], `${key} (${workspacePolicy[key]})`);
    }
  });

  test('user-only settings are application-scoped, and a workspace may set everything else', () => {
    const userOnly = keys.filter((key) => contributed[`${SETTINGS_SECTION}.${key}`]?.scope === 'application').sort();
    assert.deepEqual(userOnly, ['autoApprove.commands', 'autoApprove.edits', 'autoApprove.readOnlyTools', 'checkpoints.maxJournalMB', 'commandAllowList', 'compaction.thresholdTokens', 'completions.enabled', 'logPrompts', 'mcp.enabled', 'mcp.servers', 'preview.compareRounds', 'requestOverrides']);
    assert.deepEqual(keys.filter((key) => workspacePolicy[key] === 'after-consent').sort(), ['baseUrl', 'provider']);
  });

  test('Restricted Mode ignores every setting a workspace may not simply set', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    // VS Code reads restrictedConfigurations only for extensions with limited support.
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), restrictedSettingKeys().map((key) => `${SETTINGS_SECTION}.${key}`).sort());
  });

  test('markdown links to other settings point at real settings', () => {
    for (const setting of Object.values(contributed)) {
      for (const [, linked] of (setting.markdownDescription ?? '').matchAll(/`#([\w.]+)#`/g)) {
        assert.ok(linked && linked in contributed, `${linked} is linked but not contributed`);
      }
    }
  });
});

describe('parseSettings', () => {
  test('nothing set gives the defaults and no issues', () => {
    assert.deepEqual(parseSettings(() => undefined), { settings: defaultSettings, issues: [] });
  });

  test('valid values are kept', () => {
    const values: Partial<Record<SettingKey, unknown>> = {
      provider: 'moonshot',
      maxOutputTokens: 16000,
      temperature: 0.6,
      commandAllowList: ['npm test'],
      'autoApprove.edits': true,
      requestOverrides: { top_p: 0.95 },
    };
    const { settings, issues } = parseSettings((key) => values[key]);
    assert.deepEqual(issues, []);
    assert.equal(settings.provider, 'moonshot');
    assert.equal(settings.maxOutputTokens, 16000);
    assert.equal(settings.temperature, 0.6);
    assert.deepEqual(settings.commandAllowList, ['npm test']);
    assert.equal(settings['autoApprove.edits'], true);
    assert.deepEqual(settings.requestOverrides, { top_p: 0.95 });
  });

  test('invalid values fall back to the default, each with an issue naming the key', () => {
    const values: Partial<Record<SettingKey, unknown>> = {
      provider: 'openai',
      maxOutputTokens: 10,
      maxAgentSteps: 2.5,
      thinking: 'yes',
      commandAllowList: 'npm test',
      temperature: 5,
    };
    const { settings, issues } = parseSettings((key) => values[key]);
    for (const key of Object.keys(values) as SettingKey[]) {
      assert.deepEqual(settings[key], defaultSettings[key], key);
    }
    assert.deepEqual(issues.map((issue) => issue.key).sort(), Object.keys(values).sort());
    for (const issue of issues) assert.ok(issue.message.length > 0, issue.key);
  });

  test('each value reads as its catch schema would read it, set or unset, valid or not', () => {
    const samples: unknown[] = [undefined, null, '', 'moonshot', 'new', 0, 1, 300, 4096, 0.5, -1, 1e9, true, false, [], ['npm test'], [1], {}, { a: 1 }, { command: 'x' }];
    for (const key of Object.keys(settingSchemas) as SettingKey[]) {
      for (const raw of samples) {
        const { value, issue } = parseSetting(key, raw);
        assert.deepEqual(value, settingSchemas[key].parse(raw), `${key} ${JSON.stringify(raw)}`);
        assert.equal(issue === undefined, raw === undefined || settingSchemas[key].removeCatch().safeParse(raw).success, `${key} ${JSON.stringify(raw)}`);
      }
    }
  });

  test('null is a valid temperature (use the model default)', () => {
    const { settings, issues } = parseSettings((key) => (key === 'temperature' ? null : undefined));
    assert.equal(settings.temperature, null);
    assert.deepEqual(issues, []);
  });
});
