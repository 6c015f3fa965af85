// One retry policy for the client (the SDK's own retries are off): exponential backoff with jitter,
// `Retry-After` honoured, only for transient failures and only before any token was streamed.
import type { KimiError } from './types';

export interface RetryClock {
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicyOptions {
  /** Total attempts including the first (default 4). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A provider asking for a longer wait than this is not retried; its error is reported instead. */
  maxRetryAfterMs?: number;
  /** Returns [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  clock?: RetryClock;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** `Retry-After` as seconds or an HTTP date; also the non-standard `retry-after-ms`. */
export function parseRetryAfter(headers: Headers | undefined, nowMs: number): number | undefined {
  const milliseconds = headers?.get('retry-after-ms');
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Math.round(Number(milliseconds));
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export class RetryPolicy {
  readonly maxAttempts: number;
  readonly clock: RetryClock;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
  }

  /** The wait before retry number `attempt` (1 = first retry): exponential, with jitter in [50%, 100%]. */
  backoffDelay(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + this.random() * 0.5));
  }

  /**
   * Whether to try again after `failedAttempt` (1-based) failed with `error`. Once any token was streamed
   * the answer cannot be replayed invisibly, so the error is reported with the partial result instead.
   */
  decide(error: KimiError, failedAttempt: number, streamedOutput: boolean): RetryDecision {
    if (!error.retryable || streamedOutput || failedAttempt >= this.maxAttempts) return { retry: false };
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > this.maxRetryAfterMs) return { retry: false };
      return { retry: true, delayMs: error.retryAfterMs };
    }
    return { retry: true, delayMs: this.backoffDelay(failedAttempt) };
  }
}
