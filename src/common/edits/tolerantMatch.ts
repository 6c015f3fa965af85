// Finds where old_string sits in a document, one tolerance level at a time: exact, then ignoring line
// endings, then trailing whitespace, then indentation. Each level returns every place it matches, so the
// caller can refuse an ambiguous match instead of picking one.
import { inferIndentationMapping, type IndentationMapping } from './indentation';
import { leadingWhitespace, trimEnd } from './lines';

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

/** One line of the body, as offsets: content is [start, contentEnd), the terminator [contentEnd, end). */
interface LineSpan {
  start: number;
  contentEnd: number;
  end: number;
}

function lineContaining(body: string, offset: number): LineSpan {
  const start = body.lastIndexOf('\n', offset - 1) + 1;
  return spanFrom(body, start);
}

function spanFrom(body: string, start: number): LineSpan {
  const newline = body.indexOf('\n', start);
  if (newline === -1) return { start, contentEnd: body.length, end: body.length };
  const contentEnd = newline > start && body.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  return { start, contentEnd, end: newline + 1 };
}

function lineAfter(body: string, line: LineSpan): LineSpan | undefined {
  return line.end >= body.length ? undefined : spanFrom(body, line.end);
}

function lineBefore(body: string, line: LineSpan): LineSpan | undefined {
  return line.start === 0 ? undefined : lineContaining(body, line.start - 1);
}

/**
 * Every window of `count` whole lines whose line number `anchor` contains `anchorKey`, found by searching
 * the body for the key rather than splitting the file into lines: fast on large files. In file order.
 */
function windowsAroundKey(body: string, anchorKey: string, anchor: number, count: number): LineSpan[][] {
  const windows: LineSpan[][] = [];
  let lastAnchorLine = -1;
  for (let position = body.indexOf(anchorKey); position !== -1; position = body.indexOf(anchorKey, position + 1)) {
    const anchorLine = lineContaining(body, position);
    if (anchorLine.start === lastAnchorLine) continue;
    lastAnchorLine = anchorLine.start;
    const window: LineSpan[] = [anchorLine];
    for (let index = anchor; index > 0; index--) {
      const previous = lineBefore(body, window[0]);
      if (!previous) break;
      window.unshift(previous);
    }
    while (window.length < count) {
      const next = lineAfter(body, window[window.length - 1]);
      if (!next) break;
      window.push(next);
    }
    if (window.length === count && window[anchor] === anchorLine) windows.push(window);
  }
  return windows;
}

/** Where a window ends, and whether it swallows a final newline the file does not have. */
function windowEnd(last: LineSpan, oldEndsWithNewline: boolean): { end: number; dropsFinalNewline: boolean } {
  if (!oldEndsWithNewline) return { end: last.contentEnd, dropsFinalNewline: false };
  return { end: last.end, dropsFinalNewline: last.end === last.contentEnd };
}

function findIgnoringTrailingWhitespace(input: MatchInput): TextMatch[] {
  const { body, oldLines, oldEndsWithNewline } = input;
  const oldKeys = oldLines.map((line) => trimEnd(line));
  const anchor = oldKeys.findIndex((key) => key !== '');
  if (anchor === -1) return [];
  const matches: TextMatch[] = [];
  for (const window of windowsAroundKey(body, oldKeys[anchor], anchor, oldKeys.length)) {
    const keys = window.map((line) => trimEnd(body.slice(line.start, line.contentEnd)));
    // The first line may start mid-line (old_string often begins after the indentation).
    const firstMatches = oldKeys[0] === '' ? keys[0] === '' : keys[0].endsWith(oldKeys[0]);
    if (!firstMatches || !keys.every((key, index) => index === 0 || key === oldKeys[index])) continue;
    const { end, dropsFinalNewline } = windowEnd(window[window.length - 1], oldEndsWithNewline);
    const start = window[0].start + keys[0].length - oldKeys[0].length;
    matches.push({ kind: 'trailing-whitespace', start, end, dropsFinalNewline });
  }
  return matches;
}

function findIgnoringIndentation(input: MatchInput): TextMatch[] {
  const { oldLines, oldEndsWithNewline, newLines, tabSize, body } = input;
  const oldKeys = oldLines.map((line) => line.trim());
  const anchor = oldKeys.findIndex((key) => key !== '');
  if (anchor === -1) return [];
  const matches: TextMatch[] = [];
  for (const window of windowsAroundKey(body, oldKeys[anchor], anchor, oldKeys.length)) {
    const contents = window.map((line) => body.slice(line.start, line.contentEnd));
    if (!contents.every((content, index) => content.trim() === oldKeys[index])) continue;
    const indentation = inferIndentationMapping(contents.map(leadingWhitespace), oldLines, newLines, body, tabSize);
    if (!indentation) continue;
    const { end, dropsFinalNewline } = windowEnd(window[window.length - 1], oldEndsWithNewline);
    matches.push({ kind: 'indentation', start: window[0].start, end, dropsFinalNewline, indentation });
  }
  return matches;
}
