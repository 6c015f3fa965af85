// The product's chat pipeline without VS Code: the TurnOrchestrator of src/common/chat (the same one the
// extension's ChatController drives) stores the user turn, runs the turn with the Kimi client streaming from
// the fake server and the real tools on the Node workspace, records every event, posts protocol messages and
// saves through the ConversationStore on the real disk (complete events at once, streamed text throttled).
// This file only wires it: the fake server instead of the user's settings, a simulated user at the cards.
import type { AgentTurnResult } from '../../../src/common/agent/agentLoop';
import type { ModelConnection, TurnEnvironment } from '../../../src/common/chat/assistantTurn';
import { ConversationSaves } from '../../../src/common/chat/conversationSaves';
import { TurnOrchestrator } from '../../../src/common/chat/turnOrchestrator';
import type { StoredAssistantTurn, StoredConversation } from '../../../src/common/conversations/model';
import { ConversationStore, type QuarantinedFile } from '../../../src/common/conversations/store';
import { recoverInterruptedTurns } from '../../../src/common/conversations/viewModel';
import { createKimiClient } from '../../../src/common/llm/createKimiClient';
import type { RetryClock } from '../../../src/common/llm/retryPolicy';
import { resolveModelProfile } from '../../../src/common/models';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
import { defaultSettings, type ProviderId } from '../../../src/common/settings';
import { NodeConversationFolder } from '../../../src/node/conversationFolder';
import type { FakeKimi } from '../../fixtures/fake-kimi/server';
import type { ArtifactLog } from './artifacts';
import { createNodeTools, recordingRunner, SimulatedApprovals, type ApprovalRequest, type CommandRunner, type SimulatedUser } from './nodeTools';

export interface SessionOptions {
  server: FakeKimi;
  apiKey: string;
  workspace: string;
  storeDirectory: string;
  artifacts: ArtifactLog;
  /** Which case the artifacts belong to. */
  origin: string;
  timeoutMs?: number;
  maxAttempts?: number;
  maxOutputTokens?: number;
  maxSteps?: number;
  commandAllowList?: string[];
  user?: SimulatedUser;
  runner?: CommandRunner;
  /** How long streamed text waits before it is saved (the extension uses 1 s). */
  streamSaveDelayMs?: number;
}

export interface TurnRun {
  turn: StoredAssistantTurn;
  result: AgentTurnResult;
}

export interface SendOptions {
  /** Sees every protocol message as it is posted; may call `session.stop()`. */
  onPost?: (message: HostToWebviewMessage, session: ChatSession) => void;
}

/** Retries without the real wait, keeping what the client asked to wait. */
function recordingClock(waits: number[]): RetryClock {
  return { now: () => Date.now(), sleep: async (ms) => void waits.push(ms) };
}

export class ChatSession {
  readonly posted: HostToWebviewMessage[] = [];
  readonly clientLog: string[] = [];
  readonly hostLog: string[] = [];
  readonly retryWaits: number[] = [];
  readonly approvalRequests: ApprovalRequest[] = [];
  readonly quarantined: QuarantinedFile[] = [];
  readonly store: ConversationStore;
  readonly approvals = new SimulatedApprovals((request) => (this.options.user ?? (() => 'deny'))(request), this.approvalRequests);
  private readonly turns: TurnOrchestrator;
  private onPost: SendOptions['onPost'];
  private postsRecorded = 0;

  constructor(readonly options: SessionOptions) {
    this.store = new ConversationStore(new NodeConversationFolder(options.storeDirectory), (file) => this.quarantined.push(file));
    options.artifacts.addFolder(options.origin, options.storeDirectory);
    this.turns = new TurnOrchestrator({
      environment: this.environment(),
      saves: new ConversationSaves({
        save: (conversation) => this.store.save(conversation),
        logError: (line) => this.hostLog.push(line),
        delayMs: options.streamSaveDelayMs ?? 1000,
      }),
      // The fault cases read turns and messages, not the sidebar's header or history list.
      view: { post: (message) => this.post(message), redraw: async () => undefined, statusChanged: async () => undefined },
      onConversationStarted: () => undefined,
      onSessionCost: () => undefined,
      now: () => Date.now(),
      warn: (line) => this.hostLog.push(line),
    });
  }

  get conversation(): StoredConversation | undefined {
    return this.turns.conversation;
  }

  /** Reopens a stored conversation as the extension does after a reload (interrupted turns become stopped). */
  static async reopen(options: SessionOptions, id: string): Promise<ChatSession | undefined> {
    const session = new ChatSession(options);
    const loaded = await session.store.load(id);
    if (!loaded) return undefined;
    session.turns.show(recoverInterruptedTurns(loaded));
    return session;
  }

  /** Presses Stop. */
  stop(): void {
    void this.turns.stop();
  }

  async send(text: string, sendOptions: SendOptions = {}): Promise<TurnRun> {
    this.onPost = sendOptions.onPost;
    try {
      const run = await this.turns.send({ text, chips: [], images: [], context: [] });
      if (!run) throw new Error('a turn was still running');
      if (run.result.error) this.options.artifacts.add('error', this.options.origin, JSON.stringify(run.result.error));
      return run;
    } finally {
      await this.store.flush();
      this.recordArtifacts();
    }
  }

  /** The extension's EditorTurnEnvironment, with the fake server for the settings and the Node tools for VS Code's. */
  private environment(): TurnEnvironment {
    const options = this.options;
    const provider: ProviderId = options.server.flavor === 'moonshot' ? 'moonshot' : 'aimlapi';
    const profile = resolveModelProfile(provider, { baseUrl: options.server.url });
    const settings = {
      ...defaultSettings,
      provider,
      maxOutputTokens: options.maxOutputTokens ?? defaultSettings.maxOutputTokens,
      requestTimeoutSeconds: (options.timeoutMs ?? 600_000) / 1000,
    };
    return {
      modelLabel: () => profile.label,
      connect: async (): Promise<ModelConnection> => {
        const client = createKimiClient({
          settings,
          profile,
          apiKey: options.apiKey,
          log: (line) => this.clientLog.push(line),
          testing: { maxAttempts: options.maxAttempts ?? 4, retry: { clock: recordingClock(this.retryWaits), random: () => 0.5 } },
        });
        return { ok: true, stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }) };
      },
      rulesFiles: async () => [],
      // Read when the turn starts: a case may swap the runner after the session was opened.
      tools: (recorder, signal) =>
        createNodeTools(
          {
            root: options.workspace,
            recorder,
            signal,
            user: options.user ?? (() => 'deny'),
            settings: { commandAllowList: options.commandAllowList ?? [] },
            runner: options.runner ?? recordingRunner(),
            approvalRequests: this.approvalRequests,
          },
          this.approvals,
        ),
      limits: () => ({ maxSteps: options.maxSteps ?? 25, webSearch: false }),
    };
  }

  private post(message: HostToWebviewMessage): void {
    // The webview receives a structured clone, never the live object.
    const copy = structuredClone(message);
    this.posted.push(copy);
    this.onPost?.(copy, this);
  }

  private recordArtifacts(): void {
    const { artifacts, origin } = this.options;
    for (const line of this.clientLog.splice(0)) artifacts.add('client log', origin, line);
    for (const line of this.hostLog.splice(0)) artifacts.add('host log', origin, line);
    for (const message of this.posted.slice(this.postsRecorded)) artifacts.add('protocol message', origin, JSON.stringify(message));
    this.postsRecorded = this.posted.length;
  }
}
