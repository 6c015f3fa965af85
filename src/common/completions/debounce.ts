// Waiting out a pause in typing. Each request waits; a newer request for the same document supersedes it,
// which aborts the wait (no request is sent) or, once sent, the HTTP stream.

export interface Sleeper {
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realSleeper: Sleeper = {
  sleep(ms, signal) {
    return new Promise((resolve) => {
      if (ms <= 0 || signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  },
};

/** One controller per key (a document); starting a new one aborts the one before. */
export class Supersession {
  private readonly current = new Map<string, AbortController>();

  /** A signal for the newest request of `key`, aborted by the caller's signal, by `cancel`, or by the next `begin`. */
  begin(key: string, callerSignal?: AbortSignal): { signal: AbortSignal; end: () => void } {
    this.current.get(key)?.abort();
    const controller = new AbortController();
    this.current.set(key, controller);
    const onCallerAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    if (callerSignal?.aborted) controller.abort();
    return {
      signal: controller.signal,
      end: () => {
        callerSignal?.removeEventListener('abort', onCallerAbort);
        if (this.current.get(key) === controller) this.current.delete(key);
      },
    };
  }

  cancel(key: string): void {
    this.current.get(key)?.abort();
    this.current.delete(key);
  }
}
