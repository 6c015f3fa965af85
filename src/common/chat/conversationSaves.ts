// When the open conversation reaches the disk: complete events (a message, a tool result, the end) at once,
// streamed text at most once per delay, so a crash loses at most that much text and a fast stream does not
// rewrite the file for every token. A failed save is logged; it never breaks the turn.
import type { StoredConversation } from '../conversations/model';

/** The extension waits a second; the fault suite shortens it. */
export const STREAMED_TEXT_SAVE_DELAY_MS = 1000;

/** Schedules one callback; the returned function cancels it. Injected so tests control time. */
export type ScheduleSave = (delayMs: number, save: () => void) => () => void;

export const scheduleWithTimer: ScheduleSave = (delayMs, save) => {
  const handle = setTimeout(save, delayMs);
  return () => clearTimeout(handle);
};

export interface ConversationSavesOptions {
  /** ConversationStore.save: it snapshots the conversation when called, so later changes do not leak into a write. */
  save(conversation: StoredConversation): Promise<void>;
  logError(message: string): void;
  delayMs?: number;
  schedule?: ScheduleSave;
}

export class ConversationSaves {
  private cancelPending: (() => void) | undefined;

  constructor(private readonly options: ConversationSavesOptions) {}

  /** Saves now; resolves when the file is written (or the failure logged). */
  async now(conversation: StoredConversation): Promise<void> {
    try {
      await this.options.save(conversation);
    } catch (error) {
      this.options.logError(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `complete`: saves at once, folding in a pending streamed-text save; otherwise within the delay. */
  soon(conversation: StoredConversation, complete: boolean): void {
    if (complete) {
      this.cancel();
      void this.now(conversation);
      return;
    }
    if (this.cancelPending) return;
    const schedule = this.options.schedule ?? scheduleWithTimer;
    this.cancelPending = schedule(this.options.delayMs ?? STREAMED_TEXT_SAVE_DELAY_MS, () => {
      this.cancelPending = undefined;
      void this.now(conversation);
    });
  }

  /** Drops a pending streamed-text save, when a full save follows anyway. */
  cancel(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
  }
}
