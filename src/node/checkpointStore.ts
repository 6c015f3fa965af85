// The checkpoint journal on node:fs: one folder per conversation under the extension's storage, with
// journal.jsonl (appended to) and blobs/<sha256> (written once, never changed); and the workspace's
// files as bytes, for recording and restoring.
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { CheckpointFiles, CheckpointStore } from '../common/checkpoints/checkpointStore';

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const HASH = /^[0-9a-f]{64}$/;
const JOURNAL = 'journal.jsonl';

export class NodeCheckpointStore implements CheckpointStore {
  constructor(private readonly directory: string) {}

  async readJournal(conversationId: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.folderOf(conversationId), JOURNAL), 'utf8');
    } catch {
      return undefined;
    }
  }

  async appendJournal(conversationId: string, lines: string): Promise<void> {
    const folder = this.folderOf(conversationId);
    try {
      await appendFile(join(folder, JOURNAL), lines, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true });
      await appendFile(join(folder, JOURNAL), lines, 'utf8');
    }
  }

  async replaceJournal(conversationId: string, lines: string): Promise<void> {
    const folder = this.folderOf(conversationId);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.journal.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, lines, 'utf8');
      await rename(temporary, join(folder, JOURNAL));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async putBlob(conversationId: string, hash: string, bytes: Uint8Array): Promise<number> {
    const file = this.blobOf(conversationId, hash);
    try {
      // 'wx': a copy already kept is never rewritten (same hash, same bytes).
      await writeFile(file, bytes, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 0;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes, { flag: 'wx' });
    }
    return bytes.byteLength;
  }

  async getBlob(conversationId: string, hash: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.blobOf(conversationId, hash));
    } catch {
      return undefined;
    }
  }

  async totalBytes(): Promise<number> {
    return sizeOf(this.directory);
  }

  async removeConversation(conversationId: string): Promise<void> {
    await rm(this.folderOf(conversationId), { recursive: true, force: true });
  }

  digest(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  private folderOf(conversationId: string): string {
    if (!SAFE_ID.test(conversationId)) throw new Error(`Unsafe conversation id: ${JSON.stringify(conversationId)}`);
    return join(this.directory, conversationId);
  }

  private blobOf(conversationId: string, hash: string): string {
    if (!HASH.test(hash)) throw new Error('Not a SHA-256 hash.');
    return join(this.folderOf(conversationId), 'blobs', hash);
  }
}

async function sizeOf(path: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) total += await sizeOf(child);
    else if (entry.isFile()) total += (await stat(child).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** The workspace folder's files as bytes. `hasUnsavedChanges` comes from the editor (none in plain Node). */
export class NodeCheckpointFiles implements CheckpointFiles {
  constructor(
    private readonly root: string,
    readonly hasUnsavedChanges: (relativePath: string) => boolean = () => false,
  ) {}

  async read(relativePath: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.absolute(relativePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  async write(relativePath: string, bytes: Uint8Array): Promise<void> {
    const file = await this.writable(relativePath);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }

  async remove(relativePath: string): Promise<void> {
    try {
      await unlink(await this.writable(relativePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /**
   * A link put in the path since the agent's change (a folder replaced by a link elsewhere) must not carry a
   * restore outside the workspace: the file, or its nearest existing folder, must resolve inside the root.
   */
  private async writable(relativePath: string): Promise<string> {
    const file = this.absolute(relativePath);
    const root = await realpath(this.root);
    // A dangling link would be followed by the write, creating its target wherever it points.
    if ((await lstat(file).catch(() => undefined))?.isSymbolicLink() && !(await realpath(file).catch(() => undefined))) {
      throw new Error(`Refused to write ${relativePath}: it is a link to nowhere.`);
    }
    let existing = file;
    for (;;) {
      const resolved = await realpath(existing).catch(() => undefined);
      if (resolved !== undefined) {
        if (resolved !== root && !resolved.startsWith(root + sep)) throw new Error(`Refused to write ${relativePath}: it leads outside the workspace.`);
        return file;
      }
      const parent = dirname(existing);
      if (parent === existing) throw new Error(`Refused to write ${relativePath}: no folder of it exists.`);
      existing = parent;
    }
  }

  /** The journal's paths were confined by the tools; a path that leaves the folder here is refused all the same. */
  private absolute(relativePath: string): string {
    const normalized = normalize(relativePath);
    if (isAbsolute(normalized) || normalized === '..' || normalized.startsWith(`..${sep}`)) throw new Error(`Refused path outside the workspace: ${relativePath}`);
    return join(this.root, normalized);
  }
}
