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
  if (text === '') return [];
  const pieces = text.split('\n');
  const lines: TextLine[] = new Array<TextLine>(pieces.length);
  let start = 0;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    const isLast = index === pieces.length - 1;
    const hasCarriageReturn = !isLast && piece.charCodeAt(piece.length - 1) === 13;
    lines[index] = {
      content: hasCarriageReturn ? piece.slice(0, -1) : piece,
      eol: isLast ? '' : hasCarriageReturn ? '\r\n' : '\n',
      start,
    };
    start += piece.length + 1;
  }
  // Text ending with a newline has no further (empty) line.
  if (pieces[pieces.length - 1] === '') lines.pop();
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

export function stripBom(text: string): { bom: boolean; body: string } {
  return text.startsWith(BYTE_ORDER_MARK) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

export function leadingWhitespace(line: string): string {
  const match = /^[ \t]*/.exec(line);
  return match ? match[0] : '';
}

export function trimEnd(line: string): string {
  let end = line.length;
  for (let code = line.charCodeAt(end - 1); code === 32 || code === 9; code = line.charCodeAt(end - 1)) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Length of the longest common prefix, compared a chunk at a time so large equal stretches cost little. */
export function commonPrefixLength(left: string, right: string): number {
  const limit = Math.min(left.length, right.length);
  const chunk = 4096;
  let length = 0;
  while (length + chunk <= limit && left.slice(length, length + chunk) === right.slice(length, length + chunk)) length += chunk;
  while (length < limit && left.charCodeAt(length) === right.charCodeAt(length)) length++;
  return length;
}

/** Length of the longest common suffix, at most `limit`. */
export function commonSuffixLength(left: string, right: string, limit: number): number {
  const chunk = 4096;
  let length = 0;
  while (length + chunk <= limit && left.slice(left.length - length - chunk, left.length - length) === right.slice(right.length - length - chunk, right.length - length)) length += chunk;
  while (length < limit && left.charCodeAt(left.length - 1 - length) === right.charCodeAt(right.length - 1 - length)) length++;
  return length;
}

export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}
