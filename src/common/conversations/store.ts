// Conversations on disk, one JSON file each, written atomically (temp file + rename) so a crash mid-write
// leaves the previous version intact. A file that fails validation is moved aside, never deleted or fatal.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storedConversationSchema, summarize, type ConversationSummary, type StoredConversation } from './model';

export interface QuarantinedFile {
  file: string;
  movedTo: string;
  reason: string;
}

export class ConversationStore {
  private readonly pendingWrites = new Map<string, Promise<void>>();

  /** @param directory one folder per workspace; created on first write. */
  constructor(
    private readonly directory: string,
    private readonly onQuarantine: (file: QuarantinedFile) => void = () => undefined,
  ) {}

  static newId(): string {
    return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  }

  async list(): Promise<ConversationSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    const conversations = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => this.load(name.slice(0, -'.json'.length))),
    );
    return conversations
      .filter((conversation): conversation is StoredConversation => conversation !== undefined)
      .map(summarize)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<StoredConversation | undefined> {
    if (!isSafeId(id)) return undefined;
    const file = this.pathOf(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = storedConversationSchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.id === id) return parsed.data;
      await this.quarantine(file, parsed.success ? 'id does not match file name' : parsed.error.issues[0]?.message ?? 'invalid');
    } catch (error) {
      await this.quarantine(file, error instanceof Error ? error.message : String(error));
    }
    return undefined;
  }

  /** Saves atomically; saves of one conversation are serialized so an older snapshot never overwrites a newer one. */
  save(conversation: StoredConversation): Promise<void> {
    // The id becomes a file name: anything else could write outside the folder.
    if (!isSafeId(conversation.id)) return Promise.reject(new Error(`Unsafe conversation id: ${JSON.stringify(conversation.id)}`));
    const previous = this.pendingWrites.get(conversation.id) ?? Promise.resolve();
    const snapshot = JSON.stringify(conversation);
    const next = previous.catch(() => undefined).then(() => this.writeAtomically(conversation.id, snapshot));
    this.pendingWrites.set(conversation.id, next);
    void next.finally(() => {
      if (this.pendingWrites.get(conversation.id) === next) this.pendingWrites.delete(conversation.id);
    });
    return next;
  }

  async delete(id: string): Promise<void> {
    if (!isSafeId(id)) return;
    await this.pendingWrites.get(id)?.catch(() => undefined);
    await rm(this.pathOf(id), { force: true });
  }

  /** Resolves when every save started so far has reached the disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites.values()].map((write) => write.catch(() => undefined)));
  }

  private async writeAtomically(id: string, text: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = join(this.directory, `.${id}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.pathOf(id));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  private async quarantine(file: string, reason: string): Promise<void> {
    // The random part keeps two bad versions of one conversation from overwriting each other's evidence.
    const movedTo = `${file}.corrupt-${Date.now()}-${randomBytes(2).toString('hex')}`;
    try {
      await rename(file, movedTo);
      this.onQuarantine({ file, movedTo, reason });
    } catch {
      // Another window may have moved it already; either way it is out of the list.
    }
  }

  private pathOf(id: string): string {
    return join(this.directory, `${id}.json`);
  }
}

function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}
