// The checkpoint journal of one conversation: for every user turn, the state of each file the agent's tools
// touched before the turn's first change to it and after its last, plus the commands the turn ran (their side
// effects are not journaled). Stored as an append-only log of events, one JSON line each, so recording a file
// costs one small append whatever the journal's length; file bytes live beside it as content-addressed blobs.
import { z } from 'zod';

/** A file's state: missing, or present with the SHA-256 of its bytes; `kept` says whether the bytes are in the journal. */
export const fileStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('absent') }),
  z.object({ kind: z.literal('file'), hash: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), kept: z.boolean() }),
]);
export type FileState = z.infer<typeof fileStateSchema>;

export const fileEntrySchema = z.object({
  /** Before the turn's first change to the file (bytes kept unless the journal was full). */
  before: fileStateSchema,
  /** After the turn's last change; absent while a change is still under review, or when the window closed first. */
  after: fileStateSchema.optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const checkpointSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  /** The user message this checkpoint precedes ('restore' checkpoints name the message restored to). */
  userTurnId: z.string().max(100),
  /** A turn of the agent, or a restore (kept so a later restore sees what the earlier one wrote, and can undo it). */
  kind: z.enum(['turn', 'restore']),
  startedAt: z.number(),
  /** Workspace-relative, '/'-separated paths. */
  files: z.record(z.string(), fileEntrySchema),
  /** Command lines run_command ran during the turn: what they changed on disk is not in the journal. */
  commands: z.array(z.string()).default([]),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const journalSchema = z.object({
  version: z.literal(1),
  conversationId: z.string(),
  /** In the order they were made; restoring to one undoes it and every later one. */
  checkpoints: z.array(checkpointSchema),
});
export type Journal = z.infer<typeof journalSchema>;

/** Two states are the same content (absent, or equal hashes). */
export function sameState(a: FileState | undefined, b: FileState | undefined): boolean {
  if (!a || !b) return false;
  return a.kind === 'absent' ? b.kind === 'absent' : b.kind === 'file' && a.hash === b.hash;
}

/** One line of the stored log. */
export const journalEventSchema = z.discriminatedUnion('e', [
  z.object({ e: z.literal('checkpoint'), checkpoint: checkpointSchema }),
  z.object({ e: z.literal('before'), id: z.string(), path: z.string(), state: fileStateSchema }),
  z.object({ e: z.literal('after'), id: z.string(), path: z.string(), state: fileStateSchema }),
  z.object({ e: z.literal('command'), id: z.string(), command: z.string() }),
]);
export type JournalEvent = z.infer<typeof journalEventSchema>;

export function eventLine(event: JournalEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/**
 * The journal a stored log describes. A last line cut short (a crash mid-append) is dropped; any other line that
 * does not parse, or names a checkpoint not begun, makes the whole log untrustworthy (undefined).
 */
export function replayJournal(text: string, conversationId: string): Journal | undefined {
  const journal: Journal = { version: 1, conversationId, checkpoints: [] };
  const byId = new Map<string, Checkpoint>();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const event = parseEvent(line);
    if (!event) {
      if (index === lines.length - 1) break;
      return undefined;
    }
    if (event.e === 'checkpoint') {
      journal.checkpoints.push(event.checkpoint);
      byId.set(event.checkpoint.id, event.checkpoint);
      continue;
    }
    const checkpoint = byId.get(event.id);
    if (!checkpoint) return undefined;
    if (event.e === 'command') checkpoint.commands.push(event.command);
    else if (event.e === 'before') checkpoint.files[event.path] ??= { before: event.state };
    else {
      const entry = checkpoint.files[event.path];
      if (!entry) return undefined;
      entry.after = event.state;
    }
  }
  return journal;
}

function parseEvent(line: string): JournalEvent | undefined {
  try {
    const parsed = journalEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
