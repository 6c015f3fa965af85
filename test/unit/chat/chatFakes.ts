// Stand-ins for a TurnOrchestrator's host: a conversation folder in memory, a save timer the test fires by
// hand, a view that records what it was told, and an environment whose model plays a script.
import type { TurnEnvironment } from '../../../src/common/chat/assistantTurn';
import { ConversationSaves } from '../../../src/common/chat/conversationSaves';
import { TurnOrchestrator, type TurnCheckpoints } from '../../../src/common/chat/turnOrchestrator';
import type { ConversationFolder } from '../../../src/common/conversations/conversationFolder';
import type { StoredConversation } from '../../../src/common/conversations/model';
import { ConversationStore } from '../../../src/common/conversations/store';
import type { CostView, HostToWebviewMessage } from '../../../src/common/protocol';
import { fakeTools, scriptedModel, type ScriptedStep } from '../agent/agentFakes';

export class MemoryFolder implements ConversationFolder {
  readonly files = new Map<string, string>();
  writes = 0;

  async names(): Promise<string[]> {
    return [...this.files.keys()];
  }
  async read(name: string): Promise<string | undefined> {
    return this.files.get(name);
  }
  async replace(name: string, text: string): Promise<void> {
    this.writes++;
    this.files.set(name, text);
  }
  async remove(name: string): Promise<void> {
    this.files.delete(name);
  }
  async setAside(name: string): Promise<string | undefined> {
    const text = this.files.get(name);
    if (text === undefined) return undefined;
    this.files.delete(name);
    this.files.set(`${name}.corrupt`, text);
    return `${name}.corrupt`;
  }
  locationOf(name: string): string {
    return `memory:${name}`;
  }

  /** The conversation as it is "on disk" now. */
  stored(id: string): StoredConversation | undefined {
    const text = this.files.get(`${id}.json`);
    return text === undefined ? undefined : (JSON.parse(text) as StoredConversation);
  }
}

/** A save timer that fires only when the test says so. */
export class ManualTimer {
  private pending: { delayMs: number; run: () => void }[] = [];

  readonly schedule = (delayMs: number, run: () => void) => {
    const entry = { delayMs, run };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((candidate) => candidate !== entry);
    };
  };

  get scheduled(): number[] {
    return this.pending.map((entry) => entry.delayMs);
  }

  fireAll(): void {
    for (const entry of this.pending.splice(0)) entry.run();
  }
}

export interface ChatRig {
  turns: TurnOrchestrator;
  folder: MemoryFolder;
  store: ConversationStore;
  timer: ManualTimer;
  posted: HostToWebviewMessage[];
  redraws: number;
  statusChanges: number;
  started: string[];
  costs: CostView[];
  warnings: string[];
  errors: string[];
  requests: ReturnType<typeof scriptedModel>['requests'];
}

export interface RigOptions {
  steps?: ScriptedStep[];
  environment?: Partial<TurnEnvironment>;
  save?: (conversation: StoredConversation) => Promise<void>;
  checkpoints?: TurnCheckpoints;
}

export function chatRig(options: RigOptions = {}): ChatRig {
  const folder = new MemoryFolder();
  const store = new ConversationStore(folder);
  const timer = new ManualTimer();
  const model = scriptedModel(options.steps ?? []);
  const rig = { folder, store, timer, posted: [], redraws: 0, statusChanges: 0, started: [], costs: [], warnings: [], errors: [], requests: model.requests } as unknown as ChatRig;
  const environment: TurnEnvironment = {
    modelLabel: () => 'Kimi K2.6',
    connect: async () => ({ ok: true, stream: (request) => model.stream(request) }),
    rulesFiles: async () => [],
    tools: () => fakeTools({}),
    limits: () => ({ maxSteps: 5, webSearch: false }),
    ...options.environment,
  };
  rig.turns = new TurnOrchestrator({
    environment,
    saves: new ConversationSaves({ save: options.save ?? ((conversation) => store.save(conversation)), logError: (line) => rig.errors.push(line), schedule: timer.schedule }),
    view: {
      post: (message) => void rig.posted.push(structuredClone(message)),
      redraw: async () => void rig.redraws++,
      statusChanged: async () => void rig.statusChanges++,
    },
    onConversationStarted: (id) => rig.started.push(id),
    onSessionCost: (cost) => rig.costs.push(cost),
    now: () => 1_700_000_000_000,
    warn: (line) => rig.warnings.push(line),
    ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
  });
  return rig;
}

/** A model reply: reasoning, then text, then the end. */
export function reply(text: string, extra: ScriptedStep = []): ScriptedStep {
  return [{ type: 'text', text }, ...(Array.isArray(extra) ? extra : []), { type: 'finish', reason: 'stop' }];
}
