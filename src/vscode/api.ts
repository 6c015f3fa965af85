// What activate() returns: a small surface for automation and the integration tests. It never exposes a key.
import type { ToolOutcome } from '../common/agent/agentLoop';
import type { ChatMode } from '../common/modes/modeNames';
import type { CompactionCard, ConversationView, CostView, PendingChangeView, TodoItemView } from '../common/protocol';
import type { ProviderId, SettingKey, Settings } from '../common/settings';
import type { SettingSource } from '../common/workspaceSettings';
import type { CompletionsState } from './completions/completions';
import type { PendingRestoreQuestion } from './checkpoints/restoreConfirmation';
import type { PreviewAutomation } from './preview/kimiPreview';

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
  /** CPU time the extension host spent inside activate(), in milliseconds: unlike wall time, not inflated by other processes. */
  readonly activationCpuMs: number;
  /** Whether a key is known for the provider (stored or in the environment), whatever host it is bound to. */
  hasApiKey(provider?: ProviderId): Promise<boolean>;
  /** The settings in effect after the workspace policy, where each came from, and workspace values ignored. */
  effectiveSettings(): EffectiveSettingsView;
  /** The question asked before a workspace's endpoint is used. Answering works only in development and test hosts. */
  workspaceEndpointConsent: {
    pending(): { message: string; baseUrl: string; origin: string | undefined } | undefined;
    /** Answers the waiting question as the user would; false when none is waiting. */
    answer(answer: 'allow' | 'keep'): boolean;
    /** Forgets this workspace's "Allow" answers and this window's answers. */
    forget(): Promise<void>;
  };
  /** MCP servers of this window and the question before a project server starts (answered only in development and test hosts). */
  mcpServers: {
    list(): { name: string; source: 'user' | 'project'; state: string; toolCount: number }[];
    pendingApprovals(): { server: string; launch: string }[];
    /** Answers the waiting question about a project server as the user would; false when none is waiting. */
    answer(server: string, allowed: boolean): boolean;
    /** Restarts a server as the servers view's Restart does (a refused project server is asked about again). */
    restart(server: string): Promise<void>;
    /** Forgets this workspace's approved project servers. */
    forget(): Promise<void>;
  };
  /** Changes waiting for review, with their hunks. */
  pendingReviews(): Promise<ReviewSnapshot[]>;
  /** The turn's proposed changes as the pending-changes list shows them (ended ones included, until the next batch). */
  pendingChanges(): PendingChangeView[];
  /** What the chat's top bar shows beside the title: the open conversation's cost, null before any. */
  conversationCost(): CostView | null;
  /** Runs one of the model's read-only tools (read_file, list_files, search, get_diagnostics) as the model would. */
  runReadOnlyTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  /** The conversation the chat shows, as the chat view receives it. */
  currentConversation(): ConversationView | undefined;
  /** The chat mode, the pinned todo list, the plan waiting for approval and the compaction cards, as the chat view receives them. */
  longTask(): { mode: ChatMode; todos: TodoItemView[]; plan: { turnId: string; text: string } | null; compactions: CompactionCard[] };
  /** Opens a change for review, exactly as a model's proposal; resolves with the review id once the diff is shown. */
  proposeChange(relativePath: string, proposedText: string): Promise<string>;
  /** Ghost-text completions: on or off, the language server's process and restarts, the messages shown, today's cost. */
  completions(): Promise<CompletionsState>;
  /** The preview panel: what it shows, its paints, its snapshot, a compare round. */
  preview: PreviewAutomation;
  /** The folder this workspace's conversations are saved in, one `<id>.json` each. */
  conversationsFolder(): string;
  /** What the chat view's receive path has counted since activation: received, dropped by the flood limit, each flood's log line. */
  chatViewTraffic(): ChatViewTrafficView;
  /**
   * Development and test hosts only: hands messages to the chat view's receive path as if its webview had
   * posted them (flood limit and validation included), since a test cannot make the real webview flood.
   */
  simulateChatWebviewMessages(messages: unknown[]): void;
  /** Checkpoints: the journal's size and cap (undefined when the workspace keeps none), and the question before a restore. */
  checkpoints: {
    usage(): Promise<{ usedBytes: number; maxBytes: number } | undefined>;
    pendingRestore(): PendingRestoreQuestion | undefined;
    /** What the last "Restore files to here" told the user in the chat. */
    lastNotice(): { level: 'info' | 'warning' | 'error'; message: string } | undefined;
    /** Answers the waiting restore question as the user would (development and test hosts only); false when none waits. */
    answerRestore(yes: boolean): boolean;
  };
}

/** What the chat view's receive path has seen since activation. */
export interface ChatViewTrafficView {
  received: number;
  dropped: number;
  /** One per flood (the newest 20): how many messages it lost, and the line that said so in the log. */
  floodReports: { dropped: number; logLine: string }[];
}

export interface EffectiveSettingsView {
  settings: Settings;
  /** The settings with every layer inspected: equal to `settings` unless the quick read is wrong. */
  layeredSettings: Settings;
  sources: Record<SettingKey, SettingSource>;
  endpoint: { source: 'user' | 'workspace'; provider: ProviderId; baseUrl: string; origin: string | undefined; workspaceBaseUrl?: string };
  /** `key@where` for each workspace value seen and not in effect. */
  ignored: string[];
}
