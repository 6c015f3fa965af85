// The openai SDK is the largest thing the extension ships (~400 KB minified); nothing needs it until the
// first request, so it is loaded then, not when the extension activates. The extension bundle keeps it in a
// file of its own (esbuild.mjs), which this import reaches at run time.
import type * as OpenAiSdk from 'openai';

export type OpenAiSdkModule = typeof OpenAiSdk;

let loaded: OpenAiSdkModule | undefined;
let loading: Promise<OpenAiSdkModule> | undefined;

/** The SDK, loaded once on first use. */
export function loadOpenAiSdk(): Promise<OpenAiSdkModule> {
  loading ??= import('openai').then((sdk) => (loaded = sdk));
  return loading;
}

/**
 * The SDK if something loaded it already. An error can only be one of the SDK's classes if the SDK made it,
 * so error classification looks here instead of loading it.
 */
export function loadedOpenAiSdk(): OpenAiSdkModule | undefined {
  return loaded;
}
