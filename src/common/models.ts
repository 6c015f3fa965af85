// The model catalog and provider presets: which ids each provider uses, what each model costs and
// accepts, and which request fields each provider takes. Pure data plus lookups; no I/O.
import type { ProviderId } from './settings';

export type KimiModelKey = 'kimi-k2.6' | 'kimi-k2.5';

/** US dollars per 1M tokens. */
export interface ModelPrice {
  input: number;
  cachedInput: number;
  output: number;
}

export interface CatalogModel {
  key: KimiModelKey;
  label: string;
  contextWindow: number;
  /** Moonshot's list price; a preset's `priceMultiplier` scales it. */
  listPrice: ModelPrice;
  acceptsImages: boolean;
  /** K2.5 and K2.6 think unless told not to. */
  thinksByDefault: boolean;
  /** The model id per provider preset (custom endpoints name models themselves). */
  ids: Record<Exclude<ProviderId, 'custom'>, string>;
}

export const KIMI_CONTEXT_WINDOW = 262_144;
/** Window assumed for a custom model the catalog does not know. */
export const CONSERVATIVE_CONTEXT_WINDOW = 131_072;

/** K2.5 and K2.6 share a window and capabilities, and every preset spells their ids the same way. */
function kimiK2(version: '2.6' | '2.5', listPrice: ModelPrice): CatalogModel {
  const moonshotId = `kimi-k${version}`;
  return {
    key: `kimi-k${version}`,
    label: `Kimi K${version}`,
    contextWindow: KIMI_CONTEXT_WINDOW,
    listPrice,
    acceptsImages: true,
    thinksByDefault: true,
    ids: { aimlapi: `moonshot/kimi-k2-${version.slice(2)}`, moonshot: moonshotId, 'moonshot-cn': moonshotId },
  };
}

export const catalogModels: readonly CatalogModel[] = [
  kimiK2('2.6', { input: 0.95, cachedInput: 0.16, output: 4.0 }),
  kimiK2('2.5', { input: 0.6, cachedInput: 0.1, output: 3.0 }),
];

/**
 * How tool-call ids look on a provider. The client never rewrites ids it received; the style only
 * matters when a stream delivered a call without an id and one has to be made up.
 */
export type ToolCallIdStyle = 'name-index' | 'functions-name-index';

export type OutputTokenField = 'max_completion_tokens' | 'max_tokens';

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  /** Empty for `custom`: the user supplies it. */
  baseUrl: string;
  defaultModel: KimiModelKey | undefined;
  /** Whether `thinking: {type}` is sent. AI/ML API's K2.6 schema lists no such field (unverified upstream). */
  sendsThinkingField: boolean;
  outputTokenField: OutputTokenField;
  /** Moonshot fixes temperature/top_p/n/penalties and answers 400 to any other value. */
  lockedSampling: boolean;
  toolCallIdStyle: ToolCallIdStyle;
  /** Environment variables holding the key, most specific first (`KIMI_API_KEY` last as the general fallback). */
  apiKeyEnvVars: readonly string[];
  getKeyUrl: string | undefined;
  /** Local servers (vLLM, Ollama, LM Studio) often need no key. */
  requiresApiKey: boolean;
  /** Scales the Moonshot list price to this provider's price; undefined when unknown. */
  priceMultiplier: number | undefined;
  /** Whether the provider reports cost (`meta.usage.usd_spent`). */
  reportsCost: boolean;
  /** Moonshot's partial mode (a last assistant message with `partial: true` that the answer continues). */
  supportsPartialMode: boolean;
}

/** Moonshot's own platform, the same in both regions but for where it is and where keys come from. */
const moonshotPlatform = {
  defaultModel: 'kimi-k2.6',
  sendsThinkingField: true,
  outputTokenField: 'max_completion_tokens',
  lockedSampling: true,
  toolCallIdStyle: 'name-index',
  apiKeyEnvVars: ['MOONSHOT_API_KEY', 'KIMI_API_KEY'],
  requiresApiKey: true,
  priceMultiplier: 1,
  reportsCost: false,
  supportsPartialMode: true,
} as const satisfies Partial<ProviderPreset>;

export const providerPresets: Record<ProviderId, ProviderPreset> = {
  aimlapi: {
    id: 'aimlapi',
    label: 'AI/ML API',
    baseUrl: 'https://api.aimlapi.com/v1',
    defaultModel: 'kimi-k2.6',
    sendsThinkingField: false,
    outputTokenField: 'max_tokens',
    lockedSampling: false,
    toolCallIdStyle: 'functions-name-index',
    apiKeyEnvVars: ['AIMLAPI_API_KEY', 'KIMI_API_KEY'],
    getKeyUrl: 'https://aimlapi.com/app/keys',
    requiresApiKey: true,
    priceMultiplier: 1.3,
    reportsCost: true,
    // Whether AI/ML API passes `partial` through is unverified: completions use a prefix/suffix prompt there.
    supportsPartialMode: false,
  },
  moonshot: {
    ...moonshotPlatform,
    id: 'moonshot',
    label: 'Moonshot (international)',
    baseUrl: 'https://api.moonshot.ai/v1',
    getKeyUrl: 'https://platform.moonshot.ai/console/api-keys',
  },
  'moonshot-cn': {
    ...moonshotPlatform,
    id: 'moonshot-cn',
    label: 'Moonshot (China)',
    baseUrl: 'https://api.moonshot.cn/v1',
    getKeyUrl: 'https://platform.moonshot.cn/console/api-keys',
    // China bills in CNY; the USD list price is only an estimate there.
    priceMultiplier: 1,
  },
  custom: {
    id: 'custom',
    label: 'Custom OpenAI-compatible endpoint',
    baseUrl: '',
    defaultModel: undefined,
    // Self-hosted stacks take thinking switches in their own shapes; requestOverrides can add one.
    sendsThinkingField: false,
    // The legacy name is the one every OpenAI-compatible server accepts.
    outputTokenField: 'max_tokens',
    lockedSampling: false,
    toolCallIdStyle: 'functions-name-index',
    apiKeyEnvVars: ['KIMI_API_KEY'],
    getKeyUrl: undefined,
    requiresApiKey: false,
    priceMultiplier: undefined,
    reportsCost: false,
    supportsPartialMode: false,
  },
};

/** Everything the client needs to know about one (provider, model) pair. */
export interface ModelProfile {
  provider: ProviderId;
  preset: ProviderPreset;
  baseUrl: string;
  /** The id sent as `model`. */
  modelId: string;
  /** The catalog entry, when the id is one the catalog knows. */
  catalogModel: CatalogModel | undefined;
  label: string;
  contextWindow: number;
  acceptsImages: boolean;
  /** Whether the model thinks when no `thinking` field is sent. */
  thinksByDefault: boolean;
  /** This provider's price, undefined when unknown (then no cost is estimated). */
  price: ModelPrice | undefined;
}

/** Model ids the preset offers, default first. */
export function modelIdsFor(provider: ProviderId): string[] {
  if (provider === 'custom') return [];
  const preset = providerPresets[provider];
  const ids = catalogModels.map((model) => model.ids[provider]);
  const defaultId = catalogModels.find((model) => model.key === preset.defaultModel)?.ids[provider];
  return defaultId ? [defaultId, ...ids.filter((id) => id !== defaultId)] : ids;
}

/**
 * Finds the catalog model behind any spelling of its id: `kimi-k2.6`, `moonshot/kimi-k2-6`,
 * `moonshotai/Kimi-K2.6` (Hugging Face / OpenRouter), `kimi-k2.6:cloud` (Ollama).
 */
export function findCatalogModel(modelId: string): CatalogModel | undefined {
  const name = modelId.trim().toLowerCase().split('/').pop() ?? '';
  const match = /^kimi-k2[.-]([56])(?![0-9])/.exec(name);
  if (!match) return undefined;
  return catalogModels.find((model) => model.key === `kimi-k2.${match[1]}`);
}

function scalePrice(price: ModelPrice, multiplier: number): ModelPrice {
  const round = (value: number) => Math.round(value * multiplier * 1e6) / 1e6;
  return { input: round(price.input), cachedInput: round(price.cachedInput), output: round(price.output) };
}

/**
 * Resolves the profile for a provider and optional user-chosen base URL and model id. An empty model
 * means the preset's default; a model the catalog does not know gets a conservative profile.
 */
export function resolveModelProfile(provider: ProviderId, options: { baseUrl?: string; model?: string } = {}): ModelProfile {
  const preset = providerPresets[provider];
  const baseUrl = (options.baseUrl?.trim() || preset.baseUrl).replace(/\/+$/, '');
  const defaultCatalogModel = catalogModels.find((model) => model.key === preset.defaultModel);
  const requestedId = options.model?.trim() ?? '';
  const modelId =
    requestedId || (defaultCatalogModel && provider !== 'custom' ? defaultCatalogModel.ids[provider] : '');
  const catalogModel = modelId ? findCatalogModel(modelId) : undefined;
  const listPrice = catalogModel?.listPrice;
  // A known model on a custom endpoint is still priced at Moonshot's list: an estimate, marked as such.
  const multiplier = preset.priceMultiplier ?? (catalogModel ? 1 : undefined);
  return {
    provider,
    preset,
    baseUrl,
    modelId,
    catalogModel,
    label: catalogModel?.label ?? (modelId || '(no model set)'),
    contextWindow: catalogModel?.contextWindow ?? CONSERVATIVE_CONTEXT_WINDOW,
    acceptsImages: catalogModel?.acceptsImages ?? false,
    thinksByDefault: catalogModel?.thinksByDefault ?? false,
    price: listPrice && multiplier !== undefined ? scalePrice(listPrice, multiplier) : undefined,
  };
}

/** The API key from the environment (for automation and tests): the provider's variable first, then `KIMI_API_KEY`. */
export function apiKeyFromEnvironment(
  provider: ProviderId,
  env: Readonly<Record<string, string | undefined>>,
): { key: string; variable: string } | undefined {
  for (const variable of providerPresets[provider].apiKeyEnvVars) {
    const key = env[variable]?.trim();
    if (key) return { key, variable };
  }
  return undefined;
}
