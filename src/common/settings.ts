// Every `kimiAssistant.*` setting: one schema gives the runtime validation, the default and the type.
// A unit test checks this table against package.json so the two cannot drift.
import { z } from 'zod';

export const SETTINGS_SECTION = 'kimiAssistant';

export const providerIds = ['aimlapi', 'moonshot', 'moonshot-cn', 'custom'] as const;
export type ProviderId = (typeof providerIds)[number];

/** Each setting's schema; `.catch` falls back to the default when a user writes a wrong value. */
export const settingSchemas = {
  provider: z.enum(providerIds).catch('aimlapi'),
  baseUrl: z.string().catch(''),
  model: z.string().catch(''),
  thinking: z.boolean().catch(true),
  maxOutputTokens: z.number().int().min(256).max(262144).catch(32768),
  temperature: z.number().min(0).max(2).nullable().catch(null),
  requestOverrides: z.record(z.string(), z.unknown()).catch({}),
  requestTimeoutSeconds: z.number().int().min(10).max(3600).catch(600),
  'autoApprove.readOnlyTools': z.boolean().catch(true),
  'autoApprove.edits': z.boolean().catch(false),
  'autoApprove.commands': z.boolean().catch(false),
  commandAllowList: z.array(z.string()).catch([]),
  webSearch: z.boolean().catch(false),
  maxAgentSteps: z.number().int().min(1).max(200).catch(25),
  // About 80% of Kimi's 262,144-token window; the chat caps it at the window minus the output budget.
  'compaction.thresholdTokens': z.number().int().min(1000).max(1048576).catch(209715),
  reviewTakesFocus: z.boolean().catch(false),
  'inlineCommands.conversation': z.enum(['new', 'current']).catch('new'),
  logPrompts: z.boolean().catch(false),
  // Parsed and checked per server by common/mcp/config.ts, so one bad entry never drops the others.
  'mcp.servers': z.record(z.string(), z.unknown()).catch({}),
  'mcp.enabled': z.boolean().catch(true),
  // Ghost-text completions spend tokens on every pause in typing: off until the user turns them on.
  'completions.enabled': z.boolean().catch(false),
  'completions.debounceMs': z.number().int().min(0).max(2000).catch(150),
  // How many subagents of the `task` tool work at once; the others wait their turn.
  'subagents.maxParallel': z.number().int().min(1).max(16).catch(4),
  // The checkpoint journal (copies of files before the agent changed them) stops keeping copies past this size.
  'checkpoints.maxJournalMB': z.number().int().min(1).max(100000).catch(200),
  // Build UI from Image: how many times the page's raster goes back to the model beside the target.
  'preview.compareRounds': z.number().int().min(0).max(5).catch(1),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

/** The defaults, derived from the schemas (what `.catch` yields for a missing value). */
export const defaultSettings: Settings = Object.fromEntries(
  Object.entries(settingSchemas).map(([key, schema]) => [key, schema.parse(undefined)]),
) as Settings;

/** Each schema without its `.catch`, made on first use: a rejected value must be told apart from a valid one. */
const strictSchemas = new Map<SettingKey, z.ZodType>();

/**
 * One setting's value: the default when it is not set (what its `.catch` would yield, without a parse), the
 * value when the schema accepts it, otherwise the default and the reason. Reading the settings happens on
 * every activation and change, so each value is parsed once, by a schema made once.
 */
export function parseSetting<K extends SettingKey>(key: K, raw: unknown): { value: Settings[K]; issue?: string } {
  if (raw === undefined) return { value: defaultSettings[key] };
  let strict = strictSchemas.get(key);
  if (!strict) strictSchemas.set(key, (strict = settingSchemas[key].removeCatch()));
  const parsed = strict.safeParse(raw);
  return parsed.success ? { value: parsed.data as Settings[K] } : { value: defaultSettings[key], issue: parsed.error.issues.map((issue) => issue.message).join('; ') };
}

export interface SettingsIssue {
  key: SettingKey;
  message: string;
}

/**
 * Validates raw values (as read from the editor's configuration) into Settings.
 * Invalid values fall back to their default and are reported, so one bad value never disables the extension.
 */
export function parseSettings(read: (key: SettingKey) => unknown): { settings: Settings; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  const settings = {} as Record<string, unknown>;
  for (const key of Object.keys(settingSchemas) as SettingKey[]) {
    const { value, issue } = parseSetting(key, read(key));
    if (issue !== undefined) issues.push({ key, message: issue });
    settings[key] = value;
  }
  return { settings: settings as Settings, issues };
}
