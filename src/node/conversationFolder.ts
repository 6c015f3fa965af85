// The conversation store's folder on node:fs. A file is replaced by writing a temp file beside it and
// renaming it over the old one (atomic on one file system), and a damaged file is renamed aside, not deleted.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationFolder } from '../common/conversations/conversationFolder';

export class NodeConversationFolder implements ConversationFolder {
  constructor(private readonly directory: string) {}

  async names(): Promise<string[]> {
    try {
      return await readdir(this.directory);
    } catch {
      return [];
    }
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(this.locationOf(name), 'utf8');
    } catch {
      return undefined;
    }
  }

  async replace(name: string, text: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    // Hidden and not ending in .json: a temp file a crash leaves behind is never listed as a conversation.
    const temporary = join(this.directory, `.${name.replace(/\.json$/, '')}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.locationOf(name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.locationOf(name), { force: true });
  }

  async setAside(name: string): Promise<string | undefined> {
    const file = this.locationOf(name);
    // The random part keeps two bad versions of one conversation from overwriting each other's evidence.
    const movedTo = `${file}.corrupt-${Date.now()}-${randomBytes(2).toString('hex')}`;
    try {
      await rename(file, movedTo);
      return movedTo;
    } catch {
      // Another window may have moved it already.
      return undefined;
    }
  }

  locationOf(name: string): string {
    return join(this.directory, name);
  }
}
