// Batches DOM work to one pass per animation frame: a stream delivers many small chunks between frames,
// and rendering each one separately would waste most of the work.

export class FrameScheduler {
  private readonly tasks = new Set<() => void>();
  private readonly afterFlush = new Set<() => void>();
  private frameRequested = false;

  /** Runs `task` in the next frame; scheduling the same function twice runs it once. */
  schedule(task: () => void): void {
    this.tasks.add(task);
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => this.flush());
  }

  /** Registers work that follows every flush (e.g. keeping the view scrolled to the bottom). */
  onAfterFlush(task: () => void): void {
    this.afterFlush.add(task);
  }

  /** Runs pending work now, e.g. before replacing the whole view. */
  flush(): void {
    this.frameRequested = false;
    const tasks = Array.from(this.tasks);
    this.tasks.clear();
    for (const task of tasks) task();
    for (const task of this.afterFlush) task();
  }
}
