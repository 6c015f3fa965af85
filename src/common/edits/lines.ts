// Line-level views of document text that keep every line terminator exactly as found,
// so edits can rebuild untouched lines byte for byte (CRLF, LF, mixed, no final newline).

export type LineEnding = '\r\n' | '\n';

export interface TextLine {
  /** The line without its terminator. */
  content: string;
  /** The terminator as found; '' only for a last line without a final newline. */
  eol: LineEnding | '';
  /** Offset of the line's first character in the text it was split from. */
  start: number;
}

export const BYTE_ORDER_MARK = '\uFEFF';

/** Splits text into lines at CRLF and LF (a lone CR is ordinary content, as most editors on Unix treat it). */
export function splitTextLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) break;
    const hasCarriageReturn = newline > start && text.charCodeAt(newline - 1) === 13;
    const contentEnd = hasCarriageReturn ? newline - 1 : newline;
    lines.push({ content: text.slice(start, contentEnd), eol: hasCarriageReturn ? '\r\n' : '\n', start });
    start = newline + 1;
  }
  if (start < text.length) lines.push({ content: text.slice(start), eol: '', start });
  return lines;
}

/** Lines of a snippet (what the model sends) without terminators, and whether it ends with a newline. */
export function splitSnippetLines(snippet: string): { lines: string[]; endsWithNewline: boolean } {
  const lines = snippet.split(/\r?\n/);
  const endsWithNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

/** Each line as a token that still carries its terminator; joining the tokens gives back the text. */
export function lineTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) break;
    tokens.push(text.slice(start, newline + 1));
    start = newline + 1;
  }
  if (start < text.length) tokens.push(text.slice(start));
  return tokens;
}

/** The terminator most lines use; LF when there is none to go by. */
export function dominantLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function withLineEnding(text: string, eol: LineEnding): string {
  return text.replace(/\r?\n/g, eol);
}

/** 1-based line number of an offset. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

export function stripBom(text: string): { bom: boolean; body: string } {
  return text.startsWith(BYTE_ORDER_MARK) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

export function leadingWhitespace(line: string): string {
  const match = /^[ \t]*/.exec(line);
  return match ? match[0] : '';
}

export function trimEnd(line: string): string {
  return line.replace(/[ \t]+$/, '');
}

export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}
