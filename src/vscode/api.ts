// What activate() returns: a small surface for automation and the integration tests. It never exposes a key.
import type { ToolOutcome } from '../common/agent/agentLoop';
import type { ConversationView } from '../common/protocol';
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
  /** Runs one of the model's read-only tools (read_file, list_files, search, get_diagnostics) as the model would. */
  runReadOnlyTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  /** The conversation the chat shows, as the chat view receives it. */
  currentConversation(): ConversationView | undefined;
  /** Opens a change for review, exactly as a model's proposal; resolves with the review id once the diff is shown. */
  proposeChange(relativePath: string, proposedText: string): Promise<string>;
}
