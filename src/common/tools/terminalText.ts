// Terminal output as plain text for the model: escape sequences (colours, cursor moves, the shell
// integration's OSC 633 marks, titles) are dropped, CRLF becomes LF, and a line redrawn with a bare CR
// (progress bars) keeps only its last state. Sequences split across chunks are held until complete.

/** CSI (colours, cursor), OSC (titles, shell marks; BEL or ST ends them), charset picks and other two-byte escapes. */
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()*+#%][ -~]|\x1b[ -/]*[0-~]/g;
/** Control characters other than tab and newline (carriage returns are handled on their own). */
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;
/** An escape this long without its end is garbage, not a sequence still arriving. */
const MAX_PENDING_ESCAPE = 4096;

export class TerminalTextCleaner {
  private pending = '';

  /** The plain text of one more chunk; part of it may be held back until the next chunk completes it. */
  push(chunk: string): string {
    let text = this.pending + chunk;
    this.pending = '';
    const lastEscape = text.lastIndexOf('\x1b');
    if (lastEscape >= 0 && text.length - lastEscape < MAX_PENDING_ESCAPE && !isCompleteEscape(text.slice(lastEscape))) {
      this.pending = text.slice(lastEscape);
      text = text.slice(0, lastEscape);
    }
    // A CR at the very end may be the first half of a CRLF.
    if (text.endsWith('\r')) {
      this.pending = '\r' + this.pending;
      text = text.slice(0, -1);
    }
    return clean(text);
  }

  /** Whatever is still held (the stream ended). */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return clean(rest);
  }
}

/** Whether the escape at the start of `tail` has all its bytes (its introducer says what ends it). */
function isCompleteEscape(tail: string): boolean {
  const introducer = tail[1];
  if (introducer === undefined) return false;
  if (introducer === '[') return /^\x1b\[[0-?]*[ -/]*[@-~]/.test(tail);
  if (introducer === ']') return /^\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/.test(tail);
  if ('PX^_'.includes(introducer)) return /^\x1b[PX^_][^\x1b]*\x1b\\/.test(tail);
  if ('()*+#%'.includes(introducer)) return tail.length >= 3;
  return true;
}

function clean(text: string): string {
  if (text === '') return '';
  const plain = text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n/g, '\n').replace(CONTROL_CHARACTERS, '');
  if (!plain.includes('\r')) return plain;
  // A bare CR returns to the start of the line: what follows overwrites what came before.
  return plain
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}
