// What the checkpoint journal needs from the place it runs: somewhere to keep each conversation's journal and
// blobs (the extension's storage, never the user's repository), and the workspace files as bytes.

/** Where journals and file copies are kept, one folder per conversation. */
export interface CheckpointStore {
  /** The journal's stored log (JSON lines), undefined when there is none yet. */
  readJournal(conversationId: string): Promise<string | undefined>;
  /** Appends lines to the log, creating it. */
  appendJournal(conversationId: string, lines: string): Promise<void>;
  /** Replaces the whole log atomically (a damaged one starts anew): a crash leaves the previous version. */
  replaceJournal(conversationId: string, lines: string): Promise<void>;
  /** Keeps a copy of the bytes under their hash; resolves with the bytes it added (0 when already kept). */
  putBlob(conversationId: string, hash: string, bytes: Uint8Array): Promise<number>;
  getBlob(conversationId: string, hash: string): Promise<Uint8Array | undefined>;
  /** Bytes every conversation's journal takes in this workspace's store (blobs and journals). */
  totalBytes(): Promise<number>;
  /** Drops a conversation's journal and its copies (the conversation was deleted). */
  removeConversation(conversationId: string): Promise<void>;
  /** SHA-256 of the bytes, lowercase hex. */
  digest(bytes: Uint8Array): string;
}

/** The workspace's files as the journal sees them: bytes on disk, and whether an editor holds unsaved changes. */
export interface CheckpointFiles {
  /** The file's bytes on disk; undefined when it does not exist. */
  read(relativePath: string): Promise<Uint8Array | undefined>;
  /** True when an editor has unsaved changes to the file: a restore never writes under them. */
  hasUnsavedChanges(relativePath: string): boolean;
  /** Writes the bytes, creating missing folders. */
  write(relativePath: string, bytes: Uint8Array): Promise<void>;
  /** Deletes the file (a file the agent created). */
  remove(relativePath: string): Promise<void>;
}
