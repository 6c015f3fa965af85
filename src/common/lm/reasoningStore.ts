// Remembers, per window, the reasoning_content of each answer that called tools, keyed by its tool-call ids:
// VS Code's message types carry no reasoning, so when a caller sends that history back this is the only place
// it can come from. Bounded by entries and characters; the least recently used answers are forgotten first.
// Providers number calls per conversation (`read_file:0` starts every one of them), so an id already held for
// another answer is handed to the caller with a suffix and mapped back: one conversation never gets another's reasoning.

/** What one tool call of an answer needs to go back to Kimi exactly as it came. */
export interface RememberedCall {
  /** The id the provider gave the call, which is what goes back to it. */
  providerId: string;
  /** The reasoning of the answer the call belongs to, exactly as streamed ("" when it had none). */
  reasoning: string;
  name: string;
  /** The arguments exactly as streamed, so the replayed history keeps the cached prefix byte-identical. */
  argumentsText: string;
}

export interface ReasoningStoreLimits {
  /** Tool calls remembered. */
  maxCalls: number;
  /** Characters of reasoning and arguments remembered, summed over the calls. */
  maxChars: number;
}

/** Between a provider id and the copy number of a caller-side id (`read_file:0#2`). */
export const DUPLICATE_ID_SEPARATOR = '#';

export const defaultReasoningStoreLimits: ReasoningStoreLimits = { maxCalls: 2_000, maxChars: 8_000_000 };

export class ReasoningStore {
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first, ready to be dropped.
  private readonly calls = new Map<string, RememberedCall>();
  private chars = 0;

  constructor(private readonly limits: ReasoningStoreLimits = defaultReasoningStoreLimits) {}

  get size(): number {
    return this.calls.size;
  }

  /** Keeps the call and returns the id the caller gets for it: the provider's own, unless another answer holds it. */
  remember(call: RememberedCall): string {
    let callId = call.providerId;
    for (let copy = 2; this.calls.has(callId); copy++) callId = `${call.providerId}${DUPLICATE_ID_SEPARATOR}${copy}`;
    const cost = sizeOf(call);
    // One call too large for the whole budget is not kept: its history goes back with "" like any unknown one.
    if (cost > this.limits.maxChars) return callId;
    this.calls.set(callId, call);
    this.chars += cost;
    for (const [oldestId] of this.calls) {
      if (this.calls.size <= this.limits.maxCalls && this.chars <= this.limits.maxChars) break;
      this.forget(oldestId);
    }
    return callId;
  }

  recall(callId: string): RememberedCall | undefined {
    const call = this.calls.get(callId);
    if (!call) return undefined;
    this.calls.delete(callId);
    this.calls.set(callId, call);
    return call;
  }

  private forget(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    this.chars -= sizeOf(call);
  }
}

function sizeOf(call: RememberedCall): number {
  // Reasoning is shared by the calls of one answer but counted for each: a simple bound that errs on the safe side.
  return call.reasoning.length + call.argumentsText.length + call.name.length + call.providerId.length;
}
