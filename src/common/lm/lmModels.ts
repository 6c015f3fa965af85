// The models the `kimi` vendor offers to the rest of VS Code: the catalog's K2.6 and K2.5 for the configured
// provider, and the user's own model id when it is not one of them (always so for a custom endpoint).
import { modelIdsFor, resolveModelProfile, type ModelProfile } from '../models';
import { MAX_TOOLS } from '../llm/requestBuilder';
import type { Settings } from '../settings';

export const LM_VENDOR = 'kimi';

/** What VS Code's `LanguageModelChatInformation` needs, editor-free. */
export interface LmModelInfo {
  /** The id sent to the provider as `model`. */
  id: string;
  name: string;
  /** The catalog key (`kimi-k2.6`), or the id itself for a model the catalog does not know. */
  family: string;
  version: string;
  detail: string;
  tooltip: string;
  /** The context window minus the output budget: a request must leave room for the answer, reasoning included. */
  maxInputTokens: number;
  maxOutputTokens: number;
  imageInput: boolean;
  /** How many tools one request may offer. */
  toolCalling: number;
}

export type LmModelSettings = Pick<Settings, 'provider' | 'baseUrl' | 'model' | 'maxOutputTokens'>;

/** Never below this, so a tiny custom window with a large budget still takes a question. */
const MIN_INPUT_TOKENS = 1024;

export function lmModelInfo(profile: ModelProfile, settings: LmModelSettings): LmModelInfo {
  const maxOutputTokens = Math.min(settings.maxOutputTokens, profile.contextWindow - MIN_INPUT_TOKENS);
  const catalog = profile.catalogModel;
  const window = profile.contextWindow.toLocaleString('en-US');
  return {
    id: profile.modelId,
    name: catalog ? catalog.label : profile.modelId,
    family: catalog?.key ?? profile.modelId,
    version: profile.modelId,
    detail: profile.preset.label,
    tooltip:
      `${profile.label} (${profile.modelId}) on ${profile.preset.label}: ${window}-token context window` +
      `${catalog ? '' : ' (assumed; the catalog does not know this model)'}, answers up to ${maxOutputTokens.toLocaleString('en-US')} tokens` +
      `${profile.acceptsImages ? ', reads images' : ''}. Uses the key and settings of Kimi Assistant.`,
    maxInputTokens: profile.contextWindow - maxOutputTokens,
    maxOutputTokens,
    imageInput: profile.acceptsImages,
    toolCalling: MAX_TOOLS,
  };
}

/** The vendor's models for the settings in effect, the preset's default first. */
export function lmModels(settings: LmModelSettings): LmModelInfo[] {
  const ids = modelIdsFor(settings.provider);
  const own = settings.model.trim();
  if (own && !ids.includes(own)) ids.push(own);
  return ids.map((id) => lmModelInfo(resolveModelProfile(settings.provider, { baseUrl: settings.baseUrl, model: id }), settings));
}

/** The profile a request for `modelId` uses, or undefined when the settings no longer offer that model. */
export function lmProfileFor(modelId: string, settings: LmModelSettings): ModelProfile | undefined {
  if (!lmModels(settings).some((model) => model.id === modelId)) return undefined;
  return resolveModelProfile(settings.provider, { baseUrl: settings.baseUrl, model: modelId });
}
