// The host's turn pipeline without VS Code, as ChatController + TurnRunner wire it: the user turn is stored,
// the Kimi client streams from the fake server, runAgentTurn drives the tools, the TurnRecorder records every
// event and posts protocol messages, and the ConversationStore saves atomically (complete events at once,
// streamed text throttled). All of it is the real code; only the window around it is simulated.
import { runAgentTurn, type AgentTurnResult } from '../../../src/common/agent/agentLoop';
import { buildSystemPrompt } from '../../../src/common/context/systemPrompt';
import { buildUserMessage } from '../../../src/common/context/userMessage';
import type { StoredAssistantTurn, StoredConversation } from '../../../src/common/conversations/model';
import { ConversationStore, type QuarantinedFile } from '../../../src/common/conversations/store';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import { recoverInterruptedTurns, titleFrom, toApiHistory } from '../../../src/common/conversations/viewModel';
import { KimiClient } from '../../../src/common/llm/kimiClient';
import type { RetryClock } from '../../../src/common/llm/retryPolicy';
import type { ChatMessage } from '../../../src/common/llm/types';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
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
  conversation: StoredConversation | undefined;
  readonly posted: HostToWebviewMessage[] = [];
  readonly clientLog: string[] = [];
  readonly hostLog: string[] = [];
  readonly retryWaits: number[] = [];
  readonly approvalRequests: ApprovalRequest[] = [];
  readonly quarantined: QuarantinedFile[] = [];
  readonly store: ConversationStore;
  readonly approvals = new SimulatedApprovals((request) => (this.options.user ?? (() => 'deny'))(request), this.approvalRequests);
  private abort: AbortController | undefined;
  private pendingSave: ReturnType<typeof setTimeout> | undefined;
  private onPost: SendOptions['onPost'];
  private postsRecorded = 0;

  constructor(readonly options: SessionOptions) {
    this.store = new ConversationStore(options.storeDirectory, (file) => this.quarantined.push(file));
    options.artifacts.addFolder(options.origin, options.storeDirectory);
  }

  /** Reopens a stored conversation as the extension does after a reload (interrupted turns become stopped). */
  static async reopen(options: SessionOptions, id: string): Promise<ChatSession | undefined> {
    const session = new ChatSession(options);
    const loaded = await session.store.load(id);
    if (!loaded) return undefined;
    session.conversation = recoverInterruptedTurns(loaded);
    return session;
  }

  /** Presses Stop. */
  stop(): void {
    this.abort?.abort();
  }

  async send(text: string, sendOptions: SendOptions = {}): Promise<TurnRun> {
    this.onPost = sendOptions.onPost;
    const now = Date.now();
    const conversation = (this.conversation ??= { version: 1, id: ConversationStore.newId(), title: titleFrom(text), createdAt: now, updatedAt: now, turns: [] });
    conversation.turns.push({ role: 'user', id: ConversationStore.newId(), text, chips: [], images: [], message: buildUserMessage({ text, context: [], imageDataUrls: [] }) });
    const turn: StoredAssistantTurn = {
      role: 'assistant',
      id: ConversationStore.newId(),
      messages: [],
      reasoning: '',
      text: '',
      toolCards: [],
      status: 'streaming',
      model: 'Kimi K2.6',
      startedAt: Date.now(),
    };
    conversation.turns.push(turn);
    await this.save();
    this.abort = new AbortController();
    try {
      const result = await this.runTurn(conversation, turn, this.abort.signal);
      return { turn, result };
    } finally {
      this.abort = undefined;
      if (this.pendingSave) clearTimeout(this.pendingSave);
      this.pendingSave = undefined;
      conversation.updatedAt = Date.now();
      await this.save();
      await this.store.flush();
      this.recordArtifacts();
    }
  }

  /** TurnRunner.run, minus VS Code: same client settings, same history, same recorder wiring. */
  private async runTurn(conversation: StoredConversation, turn: StoredAssistantTurn, signal: AbortSignal) {
    const options = this.options;
    const client = new KimiClient({
      provider: options.server.flavor === 'moonshot' ? 'moonshot' : 'aimlapi',
      baseUrl: options.server.url,
      apiKey: options.apiKey,
      thinking: true,
      maxOutputTokens: options.maxOutputTokens ?? 32768,
      temperature: null,
      requestOverrides: {},
      timeoutMs: options.timeoutMs ?? 600_000,
      maxAttempts: options.maxAttempts ?? 4,
      log: (line) => this.clientLog.push(line),
      retry: { clock: recordingClock(this.retryWaits), random: () => 0.5 },
    });
    const recorder = new TurnRecorder(turn, {
      post: (message) => this.post(message),
      persist: (complete) => this.persistSoon(complete),
      describeTarget: (call) => tools.describeTarget(call),
      now: () => Date.now(),
    });
    const tools = createNodeTools(
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
    );
    const system: ChatMessage = { role: 'system', content: buildSystemPrompt([]) };
    const history = [system, ...toApiHistory({ ...conversation, turns: conversation.turns.filter((candidate) => candidate !== turn) })];
    const result = await runAgentTurn(
      history,
      {
        maxSteps: options.maxSteps ?? 25,
        webSearch: false,
        tools,
        stream: (request) => client.stream({ messages: request.messages, tools: request.tools, webSearch: request.webSearch, signal: request.signal }),
      },
      recorder,
      signal,
    );
    recorder.finish(result);
    if (result.error) {
      this.hostLog.push(`Turn ended with ${result.error.category}: ${result.error.detail ?? result.error.message}`);
      options.artifacts.add('error', options.origin, JSON.stringify(result.error));
    }
    return result;
  }

  private post(message: HostToWebviewMessage): void {
    // The webview receives a structured clone, never the live object.
    const copy = structuredClone(message);
    this.posted.push(copy);
    this.onPost?.(copy, this);
  }

  /** ChatController.persistSoon: complete events are saved at once, streamed text after a short delay. */
  private persistSoon(complete: boolean): void {
    if (complete) {
      if (this.pendingSave) clearTimeout(this.pendingSave);
      this.pendingSave = undefined;
      void this.save();
      return;
    }
    this.pendingSave ??= setTimeout(() => {
      this.pendingSave = undefined;
      void this.save();
    }, this.options.streamSaveDelayMs ?? 1000);
  }

  private async save(): Promise<void> {
    if (!this.conversation) return;
    try {
      await this.store.save(structuredClone(this.conversation));
    } catch (error) {
      this.hostLog.push(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private recordArtifacts(): void {
    const { artifacts, origin } = this.options;
    for (const line of this.clientLog.splice(0)) artifacts.add('client log', origin, line);
    for (const line of this.hostLog.splice(0)) artifacts.add('host log', origin, line);
    for (const message of this.posted.slice(this.postsRecorded)) artifacts.add('protocol message', origin, JSON.stringify(message));
    this.postsRecorded = this.posted.length;
  }
}
