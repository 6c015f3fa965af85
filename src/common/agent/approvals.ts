// Waits for the user's yes or no on a tool call (a command to run, a change to review). A stopped turn
// answers every open question with no, so nothing waits forever and nothing runs after Stop.

/** What a question is about, for whoever answers it (the chat card, a test's simulated user). */
export interface ApprovalSubject {
  kind: 'command' | 'sensitive' | 'change' | 'read';
  /** The path or the command line. */
  subject: string;
  /** Why the user is asked, in their words. */
  reason?: string;
}

export class ApprovalBroker {
  private readonly waiting = new Map<string, (approved: boolean) => void>();

  /** Resolves with the user's answer, or false when the signal aborts first. */
  ask(toolCallId: string, signal: AbortSignal, _subject?: ApprovalSubject): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (approved: boolean) => {
        signal.removeEventListener('abort', onAbort);
        this.waiting.delete(toolCallId);
        resolve(approved);
      };
      const onAbort = () => finish(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.get(toolCallId)?.(false);
      this.waiting.set(toolCallId, finish);
    });
  }

  /** Returns false when nothing was waiting for this id (a stale or forged answer). */
  answer(toolCallId: string, approved: boolean): boolean {
    const waiter = this.waiting.get(toolCallId);
    if (!waiter) return false;
    waiter(approved);
    return true;
  }

  get pending(): string[] {
    return [...this.waiting.keys()];
  }
}
