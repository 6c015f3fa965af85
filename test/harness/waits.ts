// Bounded waits: every wait in the harness ends with a sentence saying what did not happen in time.
export class HarnessTimeoutError extends Error {}

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, whatDidNotHappen: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HarnessTimeoutError(`${whatDidNotHappen} within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value other than undefined, or fails with the given sentence. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  whatDidNotHappen: string,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new HarnessTimeoutError(`${whatDidNotHappen} within ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
