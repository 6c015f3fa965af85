// Finds where old_string sits in a document, one tolerance level at a time: exact, then ignoring line
// endings, then trailing whitespace, then indentation. Each level returns every place it matches, so the
// caller can refuse an ambiguous match instead of picking one.
import { inferIndentationMapping, type IndentationMapping } from './indentation';
import { leadingWhitespace, trimEnd, type TextLine } from './lines';

export type EditMatchKind = 'exact' | 'line-endings' | 'trailing-whitespace' | 'indentation';

export const MATCH_LEVELS: readonly EditMatchKind[] = ['exact', 'line-endings', 'trailing-whitespace', 'indentation'];

export interface TextMatch {
  kind: EditMatchKind;
  /** Offsets into the document body (BOM removed); `end` is exclusive. */
  start: number;
  end: number;
  /** old_string ended with a newline the document's last line lacks: the replacement must not add one. */
  dropsFinalNewline: boolean;
  indentation?: IndentationMapping;
}

export interface MatchInput {
  body: string;
  lines: readonly TextLine[];
  oldString: string;
  oldLines: readonly string[];
  oldEndsWithNewline: boolean;
  newLines: readonly string[];
  tabSize: number;
}

export function findMatches(level: EditMatchKind, input: MatchInput): TextMatch[] {
  switch (level) {
    case 'exact':
      return findExact(input.body, input.oldString);
    case 'line-endings':
      return findIgnoringLineEndings(input.body, input.oldString);
    case 'trailing-whitespace':
      return findIgnoringTrailingWhitespace(input);
    case 'indentation':
      return findIgnoringIndentation(input);
  }
}

function findExact(body: string, oldString: string): TextMatch[] {
  const matches: TextMatch[] = [];
  // Overlapping occurrences count too: "aa" in "aaa" is ambiguous, not unique.
  for (let index = body.indexOf(oldString); index !== -1; index = body.indexOf(oldString, index + 1)) {
    matches.push({ kind: 'exact', start: index, end: index + oldString.length, dropsFinalNewline: false });
  }
  return matches;
}

function findIgnoringLineEndings(body: string, oldString: string): TextMatch[] {
  const normalizedOld = oldString.replace(/\r\n/g, '\n');
  const carriageReturns: number[] = [];
  let normalizedBody = '';
  if (body.includes('\r\n')) {
    const pieces = body.split('\r\n');
    let position = 0;
    for (let index = 0; index < pieces.length - 1; index++) {
      position += pieces[index].length;
      carriageReturns.push(position);
      position += 1;
    }
    normalizedBody = pieces.join('\n');
  } else {
    normalizedBody = body;
  }
  // Map a position in the LF-only text back to the body: each CR removed before it shifts it by one.
  const toBody = (position: number): number => position + countBelow(carriageReturns, position);

  const matches: TextMatch[] = [];
  const sameAsExact = normalizedOld === oldString && normalizedBody === body;
  if (!sameAsExact) {
    for (let index = normalizedBody.indexOf(normalizedOld); index !== -1; index = normalizedBody.indexOf(normalizedOld, index + 1)) {
      matches.push({ kind: 'line-endings', start: toBody(index), end: toBody(index + normalizedOld.length), dropsFinalNewline: false });
    }
  }
  // old_string ends with a newline, the file's last line has none.
  const withoutFinalNewline = normalizedOld.slice(0, -1);
  if (normalizedOld.endsWith('\n') && !normalizedBody.endsWith('\n') && withoutFinalNewline !== '' && normalizedBody.endsWith(withoutFinalNewline)) {
    const start = normalizedBody.length - withoutFinalNewline.length;
    if (start === 0 || normalizedBody[start - 1] === '\n') {
      matches.push({ kind: 'line-endings', start: toBody(start), end: body.length, dropsFinalNewline: true });
    }
  }
  return matches;
}

function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where a window of whole file lines [first, first + count) ends, and whether it swallows a missing final newline. */
function windowEnd(lines: readonly TextLine[], last: number, oldEndsWithNewline: boolean): { end: number; dropsFinalNewline: boolean } {
  const line = lines[last];
  const contentEnd = line.start + line.content.length;
  if (!oldEndsWithNewline) return { end: contentEnd, dropsFinalNewline: false };
  return { end: contentEnd + line.eol.length, dropsFinalNewline: line.eol === '' };
}

function findIgnoringTrailingWhitespace(input: MatchInput): TextMatch[] {
  const { lines, oldLines, oldEndsWithNewline } = input;
  const oldKeys = oldLines.map(trimEnd);
  // A single partial line differing only in trailing whitespace is already an exact match or not a line match at all.
  if (oldKeys.every((key, index) => key === oldLines[index]) && !hasTrailingWhitespaceInFile(input)) return [];
  const count = oldKeys.length;
  const matches: TextMatch[] = [];
  for (let first = 0; first + count <= lines.length; first++) {
    // The first line may start mid-line (old_string often begins after the indentation).
    const firstKey = trimEnd(lines[first].content);
    if (!(oldKeys[0] === '' ? firstKey === '' : firstKey.endsWith(oldKeys[0]))) continue;
    let matched = true;
    for (let offset = 1; offset < count && matched; offset++) matched = trimEnd(lines[first + offset].content) === oldKeys[offset];
    if (!matched) continue;
    const { end, dropsFinalNewline } = windowEnd(lines, first + count - 1, oldEndsWithNewline);
    const start = lines[first].start + firstKey.length - oldKeys[0].length;
    matches.push({ kind: 'trailing-whitespace', start, end, dropsFinalNewline });
  }
  return matches;
}

function hasTrailingWhitespaceInFile(input: MatchInput): boolean {
  return /[ \t]\r?$/m.test(input.body);
}

function findIgnoringIndentation(input: MatchInput): TextMatch[] {
  const { lines, oldLines, oldEndsWithNewline, newLines, tabSize, body } = input;
  const oldKeys = oldLines.map((line) => line.trim());
  const count = oldKeys.length;
  const matches: TextMatch[] = [];
  const anchor = oldKeys.findIndex((key) => key !== '');
  if (anchor === -1) return matches;
  for (let first = 0; first + count <= lines.length; first++) {
    if (lines[first + anchor].content.trim() !== oldKeys[anchor]) continue;
    let matched = true;
    for (let offset = 0; offset < count && matched; offset++) matched = lines[first + offset].content.trim() === oldKeys[offset];
    if (!matched) continue;
    const fileIndents = oldLines.map((_, offset) => leadingWhitespace(lines[first + offset].content));
    const indentation = inferIndentationMapping(fileIndents, oldLines, newLines, body, tabSize);
    if (!indentation) continue;
    const { end, dropsFinalNewline } = windowEnd(lines, first + count - 1, oldEndsWithNewline);
    matches.push({ kind: 'indentation', start: lines[first].start, end, dropsFinalNewline, indentation });
  }
  return matches;
}
