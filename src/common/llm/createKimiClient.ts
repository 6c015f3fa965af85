// The one place a Kimi client is built from the user's settings, for the chat and for "Test Connection",
// so both talk to the same endpoint, model and limits. Only the connection check and completions differ, on purpose.
import { providerPresets, type ModelProfile } from '../models';
import type { Settings } from '../settings';
import { KimiClient, type KimiClientConfig } from './kimiClient';

export type KimiClientPurpose = 'chat' | 'connectionCheck' | 'completion';

/** A completion is a few lines; where thinking cannot be switched off, the reasoning needs room before them. */
export const COMPLETION_OUTPUT_TOKENS = 256;
export const COMPLETION_OUTPUT_TOKENS_WHILE_THINKING = 4096;

export interface KimiClientSetup {
  settings: Pick<Settings, 'provider' | 'thinking' | 'maxOutputTokens' | 'temperature' | 'requestOverrides' | 'requestTimeoutSeconds' | 'logPrompts'>;
  /** The endpoint and model in effect (ModelChoice.current() in VS Code). */
  profile: Pick<ModelProfile, 'baseUrl' | 'modelId'>;
  /** Empty for keyless local servers. */
  apiKey: string;
  log: (line: string) => void;
  /** Retry tuning, an injectable clock and fetch: for the fault suite and tests only. */
  testing?: Pick<KimiClientConfig, 'maxAttempts' | 'retry' | 'fetch'>;
}

export function createKimiClient(setup: KimiClientSetup, purpose: KimiClientPurpose = 'chat'): KimiClient {
  const { settings, profile } = setup;
  const endpoint = { provider: settings.provider, baseUrl: profile.baseUrl, model: profile.modelId, apiKey: setup.apiKey, log: setup.log };
  if (purpose === 'connectionCheck') {
    // The cheapest question there is, asked once and quickly: a check must not wait through retries or
    // spend a long reasoning budget, and the user's request overrides could be what breaks the chat.
    return new KimiClient({ ...endpoint, thinking: false, maxOutputTokens: 256, timeoutMs: 30_000, maxAttempts: 1, ...setup.testing });
  }
  if (purpose === 'completion') {
    // Ghost text while typing: no thinking, a short answer, one attempt (the next keystroke is the retry).
    // Where the preset cannot switch thinking off, reasoning shares the budget, so the budget is larger.
    const canStopThinking = providerPresets[settings.provider].sendsThinkingField;
    return new KimiClient({
      ...endpoint,
      thinking: false,
      maxOutputTokens: canStopThinking ? COMPLETION_OUTPUT_TOKENS : COMPLETION_OUTPUT_TOKENS_WHILE_THINKING,
      timeoutMs: 20_000,
      maxAttempts: 1,
      logPrompts: settings.logPrompts,
      ...setup.testing,
    });
  }
  return new KimiClient({
    ...endpoint,
    thinking: settings.thinking,
    maxOutputTokens: settings.maxOutputTokens,
    temperature: settings.temperature,
    requestOverrides: settings.requestOverrides,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    logPrompts: settings.logPrompts,
    ...setup.testing,
  });
}
