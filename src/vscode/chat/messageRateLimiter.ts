// A fixed-window counter: lets a burst of webview messages through but caps a flood, so a broken or
// hostile webview cannot keep the extension host busy validating and logging.

export class MessageRateLimiter {
  private windowStart = 0;
  private acceptedInWindow = 0;
  private droppedInWindow = 0;

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the caller may proceed; counts the attempt either way. */
  tryAcquire(): boolean {
    this.rollWindow();
    if (this.acceptedInWindow < this.maxPerWindow) {
      this.acceptedInWindow++;
      return true;
    }
    this.droppedInWindow++;
    return false;
  }

  /** How many attempts were refused in the current window (for one summary log line). */
  get dropped(): number {
    this.rollWindow();
    return this.droppedInWindow;
  }

  private rollWindow(): void {
    const time = this.now();
    if (time - this.windowStart >= this.windowMs) {
      this.windowStart = time;
      this.acceptedInWindow = 0;
      this.droppedInWindow = 0;
    }
  }
}
