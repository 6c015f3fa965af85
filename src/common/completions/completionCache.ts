// The last few completions, so that retyping the same code (or typing the start of a suggestion that is
// showing) costs no request: a hit is the same prefix and suffix, or a prefix that grew by exactly the
// characters the suggestion began with.

export const COMPLETION_CACHE_SIZE = 50;

interface Entry {
  prefix: string;
  suffix: string;
  text: string;
}

export class CompletionCache {
  /** Oldest first; a hit moves to the end. */
  private readonly entries: Entry[] = [];

  constructor(private readonly capacity = COMPLETION_CACHE_SIZE) {}

  get size(): number {
    return this.entries.length;
  }

  /** The remainder of a cached completion that fits this cursor, if any. */
  lookup(prefix: string, suffix: string): string | undefined {
    for (let index = this.entries.length - 1; index >= 0; index--) {
      const entry = this.entries[index];
      if (entry.suffix !== suffix || !prefix.startsWith(entry.prefix)) continue;
      const typed = prefix.slice(entry.prefix.length);
      if (!entry.text.startsWith(typed)) continue;
      const remainder = entry.text.slice(typed.length);
      if (remainder === '') continue;
      this.entries.splice(index, 1);
      this.entries.push(entry);
      return remainder;
    }
    return undefined;
  }

  store(prefix: string, suffix: string, text: string): void {
    if (text === '') return;
    const existing = this.entries.findIndex((entry) => entry.prefix === prefix && entry.suffix === suffix);
    if (existing >= 0) this.entries.splice(existing, 1);
    this.entries.push({ prefix, suffix, text });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
