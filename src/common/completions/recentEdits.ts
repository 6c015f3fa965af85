// Remembers where the user edited lately, file by file, so a completion can show the model the code the
// user is working on elsewhere. Keeps a few lines around each file's newest change, newest file first.
import type { RecentSnippet } from './completionContext';

export const RECENT_FILES_KEPT = 5;
const LINES_AROUND = 4;

export class RecentEdits {
  private readonly files = new Map<string, { path: string; text: string; line: number }>();

  /** Notes a change at `line` (0-based) of the document whose full text is now `text`. */
  noteChange(key: string, path: string, text: string, line: number): void {
    this.files.delete(key);
    this.files.set(key, { path, text, line });
    while (this.files.size > RECENT_FILES_KEPT) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
  }

  forget(key: string): void {
    this.files.delete(key);
  }

  /** Newest first; the snippet is cut from the text when asked, so only the files' newest text is kept. */
  snippets(): RecentSnippet[] {
    return [...this.files.values()].reverse().map(({ path, text, line }) => {
      const lines = text.split('\n');
      const start = Math.max(0, line - LINES_AROUND);
      return { path, text: lines.slice(start, Math.min(lines.length, line + LINES_AROUND + 1)).join('\n') };
    });
  }
}
