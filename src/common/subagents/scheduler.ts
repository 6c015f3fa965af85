// Runs subagents side by side, at most `maxParallel` at a time (the rest wait their turn in order), and keeps a
// rate limit from failing them: a 429 pauses every subagent's next request for the provider's Retry-After (or an
// exponential backoff), then the refused subagent goes on from where it was. Stop ends one subagent or, through
// the parent's signal, all of them.
import type { KimiError } from '../llm/types';
import { RetryPolicy } from '../llm/retryPolicy';

/** One try of a subagent, until it ends or the provider turns a request down for its rate. */
export type AttemptOutcome = { kind: 'ended' } | { kind: 'rateLimited'; error: KimiError };

export interface ScheduledSubagent {
  id: string;
  /** Runs the subagent on from its history so far; a rate-limited attempt is tried again after the wait. */
  attempt(signal: AbortSignal): Promise<AttemptOutcome>;
  /** Waiting for a slot, working, or waiting out a rate limit (`delayMs` from now). */
  onPhase(phase: 'queued' | 'running' | 'backing-off', wait?: { delayMs: number; error?: KimiError }): void;
}

export type ScheduleResult = { kind: 'ended' } | { kind: 'stopped' } | { kind: 'gaveUp'; error: KimiError };

export interface SubagentSchedulerOptions {
  /** Read at each start, so a changed setting applies to the next subagent. */
  maxParallel(): number;
  /** How long to back off after a 429, and how often before giving up; its clock also times the waits. */
  retry?: RetryPolicy;
}

/** The provider's "too many requests" and "overloaded": both answer 429 and pass with time. */
export function isRateLimit(error: KimiError | undefined): error is KimiError {
  return error !== undefined && (error.category === 'rateLimited' || error.category === 'overloaded');
}

/** Rounds of backing off per subagent; the client's own retries come on top of each. */
const DEFAULT_BACKOFF = { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export class SubagentScheduler {
  private readonly retry: RetryPolicy;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly stops = new Map<string, AbortController>();
  /** No subagent sends a request before this time (the clock's milliseconds): a 429 was answered. */
  private quietUntil = 0;

  constructor(private readonly options: SubagentSchedulerOptions) {
    this.retry = options.retry ?? new RetryPolicy(DEFAULT_BACKOFF);
  }

  /** Subagents holding a slot now (working or backing off). */
  get running(): number {
    return this.active;
  }

  /** Subagents waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Stop on one subagent's card; false when no subagent of that id is scheduled. */
  stop(id: string): boolean {
    const controller = this.stops.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** Runs the subagent to its end; `parentSignal` is the turn's Stop. */
  async run(job: ScheduledSubagent, parentSignal: AbortSignal): Promise<ScheduleResult> {
    const controller = new AbortController();
    const stopWithParent = () => controller.abort();
    if (parentSignal.aborted) controller.abort();
    parentSignal.addEventListener('abort', stopWithParent, { once: true });
    this.stops.set(job.id, controller);
    try {
      return await this.runInSlot(job, controller.signal);
    } finally {
      parentSignal.removeEventListener('abort', stopWithParent);
      this.stops.delete(job.id);
    }
  }

  private async runInSlot(job: ScheduledSubagent, signal: AbortSignal): Promise<ScheduleResult> {
    if (this.active >= this.limit() || this.waiting.length > 0) job.onPhase('queued');
    if (!(await this.takeSlot(signal))) return { kind: 'stopped' };
    try {
      let refusal: KimiError | undefined;
      for (let round = 1; ; round++) {
        await this.waitUntilQuiet(job, signal, refusal);
        if (signal.aborted) return { kind: 'stopped' };
        job.onPhase('running');
        const outcome = await job.attempt(signal);
        if (signal.aborted) return { kind: 'stopped' };
        if (outcome.kind === 'ended') return outcome;
        const decision = this.retry.decide(outcome.error, round, false);
        if (!decision.retry) return { kind: 'gaveUp', error: outcome.error };
        refusal = outcome.error;
        this.quietUntil = Math.max(this.quietUntil, this.retry.clock.now() + decision.delayMs);
      }
    } finally {
      this.releaseSlot();
    }
  }

  private limit(): number {
    return Math.max(1, Math.floor(this.options.maxParallel()));
  }

  private takeSlot(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.active < this.limit() && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.active++;
        resolve(true);
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private releaseSlot(): void {
    this.active--;
    while (this.active < this.limit() && this.waiting.length > 0) this.waiting.shift()?.();
  }

  /** Sleeps while a 429's wait lasts (another subagent may lengthen it meanwhile); Stop cuts it short. */
  private async waitUntilQuiet(job: ScheduledSubagent, signal: AbortSignal, refusal: KimiError | undefined): Promise<void> {
    const { clock } = this.retry;
    for (let remaining = this.quietUntil - clock.now(); remaining > 0 && !signal.aborted; remaining = this.quietUntil - clock.now()) {
      job.onPhase('backing-off', { delayMs: remaining, ...(refusal ? { error: refusal } : {}) });
      await clock.sleep(remaining, signal);
    }
  }
}
