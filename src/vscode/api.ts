// What activate() returns: a small surface for automation and the integration tests. It never exposes a key.
import type { ProviderId } from '../common/settings';

export interface KimiAssistantApi {
  /** Wall-clock time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  hasApiKey(provider?: ProviderId): Promise<boolean>;
}
