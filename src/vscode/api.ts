// What activate() returns: a small surface for automation and the integration tests. It never exposes a key.
import type { ProviderId } from '../common/settings';

export interface ReviewSnapshot {
  id: string;
  relativePath: string;
  /** The editable proposal document (right side of the diff). */
  proposalUri: string;
  hunkIds: string[];
}

export interface KimiAssistantApi {
  /** Wall-clock time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  hasApiKey(provider?: ProviderId): Promise<boolean>;
  /** Changes waiting for review, with their hunks. */
  pendingReviews(): Promise<ReviewSnapshot[]>;
}
