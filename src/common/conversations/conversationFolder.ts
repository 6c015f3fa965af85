// The folder the conversation store keeps its files in, as the store needs it. The store decides what is
// valid and what to set aside; an implementation only moves bytes (src/node/conversationFolder.ts on node:fs).

export interface ConversationFolder {
  /** The names of the files in the folder; empty when the folder does not exist or cannot be read. */
  names(): Promise<string[]>;
  /** The file's text; undefined when it does not exist or cannot be read. */
  read(name: string): Promise<string | undefined>;
  /** Replaces the file in one step (the folder is created if needed): a crash leaves the old or the new text, never a mix. */
  replace(name: string, text: string): Promise<void>;
  /** Removes the file; a missing file is not an error. */
  remove(name: string): Promise<void>;
  /** Moves a damaged file aside, kept for inspection under a new name; undefined when it was already gone. */
  setAside(name: string): Promise<string | undefined>;
  /** Where the file is, for messages and logs. */
  locationOf(name: string): string;
}
