// A command's output as the model reads it: the first and the last part of a long output, with how many
// lines (and characters) were left out between them and how many lines there were in all.

const HEAD_CHARS = 2_000;
const TAIL_CHARS = 16_000;

export class OutputCollector {
  private head = '';
  private tail = '';
  private droppedChars = 0;
  private droppedLines = 0;
  private newlines = 0;
  private endsWithNewline = true;
  private empty = true;

  constructor(private readonly limits: { head: number; tail: number } = { head: HEAD_CHARS, tail: TAIL_CHARS }) {}

  add(text: string): void {
    if (text === '') return;
    this.empty = false;
    this.newlines += countNewlines(text);
    this.endsWithNewline = text.endsWith('\n');
    if (this.head.length < this.limits.head) {
      const room = this.limits.head - this.head.length;
      this.head += text.slice(0, room);
      this.tail += text.slice(room);
    } else {
      this.tail += text;
    }
    if (this.tail.length > this.limits.tail * 2) this.trimTail();
  }

  /** Lines seen so far (a last line without its newline counts too). */
  get lineCount(): number {
    return this.empty ? 0 : this.newlines + (this.endsWithNewline ? 0 : 1);
  }

  get truncated(): boolean {
    this.trimTail();
    return this.droppedChars > 0;
  }

  text(): string {
    this.trimTail();
    const output =
      this.droppedChars > 0
        ? `${this.head}\n[... ${this.droppedLines} lines (${this.droppedChars} characters) of output omitted; ${this.lineCount} lines in all ...]\n${this.tail}`
        : this.head + this.tail;
    return output.trimEnd();
  }

  private trimTail(): void {
    if (this.tail.length <= this.limits.tail) return;
    const cut = this.tail.length - this.limits.tail;
    this.droppedChars += cut;
    this.droppedLines += countNewlines(this.tail.slice(0, cut));
    this.tail = this.tail.slice(cut);
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
