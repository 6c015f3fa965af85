// Conversations, one JSON file each in a ConversationFolder that replaces files atomically, so a crash
// mid-write leaves the previous version intact. A file that fails validation is set aside, never deleted or fatal.
import type { ConversationFolder } from './conversationFolder';
import { storedConversationSchema, summarize, type ConversationSummary, type StoredConversation } from './model';
import { isSafeConversationId, newConversationId } from './newConversation';

export interface QuarantinedFile {
  file: string;
  movedTo: string;
  reason: string;
}

export class ConversationStore {
  private readonly pendingWrites = new Map<string, Promise<void>>();

  /** @param folder one folder per workspace; created on first write. */
  constructor(
    private readonly folder: ConversationFolder,
    private readonly onQuarantine: (file: QuarantinedFile) => void = () => undefined,
  ) {}

  static newId(): string {
    return newConversationId();
  }

  async list(): Promise<ConversationSummary[]> {
    const names = await this.folder.names();
    const conversations = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => this.load(name.slice(0, -'.json'.length))),
    );
    return conversations
      .filter((conversation): conversation is StoredConversation => conversation !== undefined)
      .map(summarize)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<StoredConversation | undefined> {
    if (!isSafeConversationId(id)) return undefined;
    const name = fileNameOf(id);
    // A save already started would replace what is read now: the history can open a conversation while the
    // end of its turn is still being written.
    await this.pendingWrites.get(id)?.catch(() => undefined);
    const text = await this.folder.read(name);
    if (text === undefined) return undefined;
    try {
      const parsed = storedConversationSchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.id === id) return parsed.data;
      await this.quarantine(name, parsed.success ? 'id does not match file name' : parsed.error.issues[0]?.message ?? 'invalid');
    } catch (error) {
      await this.quarantine(name, error instanceof Error ? error.message : String(error));
    }
    return undefined;
  }

  /** Saves atomically; saves of one conversation are serialized so an older snapshot never overwrites a newer one. */
  save(conversation: StoredConversation): Promise<void> {
    // The id becomes a file name: anything else could write outside the folder.
    if (!isSafeConversationId(conversation.id)) return Promise.reject(new Error(`Unsafe conversation id: ${JSON.stringify(conversation.id)}`));
    const previous = this.pendingWrites.get(conversation.id) ?? Promise.resolve();
    const snapshot = JSON.stringify(conversation);
    const next = previous.catch(() => undefined).then(() => this.folder.replace(fileNameOf(conversation.id), snapshot));
    this.pendingWrites.set(conversation.id, next);
    void next.finally(() => {
      if (this.pendingWrites.get(conversation.id) === next) this.pendingWrites.delete(conversation.id);
    });
    return next;
  }

  async delete(id: string): Promise<void> {
    if (!isSafeConversationId(id)) return;
    await this.pendingWrites.get(id)?.catch(() => undefined);
    await this.folder.remove(fileNameOf(id));
  }

  /** Resolves when every save started so far has reached the disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites.values()].map((write) => write.catch(() => undefined)));
  }

  private async quarantine(name: string, reason: string): Promise<void> {
    // Undefined: another window moved it already; either way it is out of the list.
    const movedTo = await this.folder.setAside(name);
    if (movedTo !== undefined) this.onQuarantine({ file: this.folder.locationOf(name), movedTo, reason });
  }
}

function fileNameOf(id: string): string {
  return `${id}.json`;
}
