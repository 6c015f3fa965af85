// The edit_file core: replace old_string with new_string in a document's text, exactly when possible and
// tolerantly when the model got only whitespace or line endings wrong; never on an ambiguous or absent match.
import { diffArrays } from 'diff';
import { findClosestCandidates, candidateAt, type EditCandidate } from './candidates';
import { inferIndentationMapping, type IndentationMapping } from './indentation';
import {
  BYTE_ORDER_MARK,
  isBlank,
  dominantLineEnding,
  splitSnippetLines,
  splitTextLines,
  stripBom,
  type LineEnding,
  type TextLine,
} from './lines';
import { findMatches, MATCH_LEVELS, type EditMatchKind, type MatchInput, type TextMatch } from './tolerantMatch';

export type { EditMatchKind } from './tolerantMatch';
export type { EditCandidate } from './candidates';

export interface EditRequest {
  oldString: string;
  newString: string;
  /** Replace every occurrence (at the first tolerance level that matches) instead of requiring a unique one. */
  replaceAll?: boolean;
}

export interface EditOptions {
  /** Columns per tab when comparing indentation; the editor's setting when known. */
  tabSize?: number;
}

/** A replaced region, as 1-based inclusive line numbers; an empty side has `end = start - 1`. */
export interface ChangedRange {
  originalStartLine: number;
  originalEndLine: number;
  startLine: number;
  endLine: number;
}

export interface EditApplied {
  ok: true;
  text: string;
  matchKind: EditMatchKind | 'insert';
  replacements: number;
  changedRanges: ChangedRange[];
}

export type EditFailureReason = 'not-found' | 'ambiguous' | 'no-change' | 'empty-old-string';

export interface EditRejected {
  ok: false;
  reason: EditFailureReason;
  /** For 'ambiguous': the tolerance level at which several places matched, and how many. */
  matchKind?: EditMatchKind;
  matchCount?: number;
  candidates: EditCandidate[];
  /** old_string looks copied from numbered read_file output. */
  hasLineNumberPrefixes: boolean;
}

export type EditOutcome = EditApplied | EditRejected;

const AMBIGUOUS_CANDIDATES_SHOWN = 5;

export function computeEdit(documentText: string, edit: EditRequest, options: EditOptions = {}): EditOutcome {
  const { bom, body } = stripBom(documentText);
  const oldString = stripBom(edit.oldString).body;
  const newString = stripBom(edit.newString).body;
  const rejected = (reason: EditFailureReason, extra: Partial<EditRejected> = {}): EditRejected => ({
    ok: false,
    reason,
    candidates: [],
    hasLineNumberPrefixes: looksLineNumbered(oldString),
    ...extra,
  });

  if (oldString === '') {
    if (body !== '') return rejected('empty-old-string');
    const insertedLines = countLines(newString);
    return {
      ok: true,
      text: (bom ? BYTE_ORDER_MARK : '') + newString,
      matchKind: 'insert',
      replacements: 1,
      changedRanges: [{ originalStartLine: 1, originalEndLine: 0, startLine: 1, endLine: insertedLines }],
    };
  }
  if (oldString === newString) return rejected('no-change');

  const oldSnippet = splitSnippetLines(oldString);
  const newSnippet = splitSnippetLines(newString);
  const input: MatchInput = {
    body,
    oldString,
    oldLines: oldSnippet.lines,
    oldEndsWithNewline: oldSnippet.endsWithNewline,
    newLines: newSnippet.lines,
    tabSize: options.tabSize ?? 4,
  };

  for (const level of MATCH_LEVELS) {
    const matches = findMatches(level, input);
    if (matches.length === 0) continue;
    if (matches.length > 1 && !edit.replaceAll) {
      return rejected('ambiguous', {
        matchKind: level,
        matchCount: matches.length,
        candidates: ambiguousCandidates(body, splitTextLines(body), matches),
      });
    }
    const chosen = edit.replaceAll ? nonOverlapping(matches) : matches;
    const applied = applyMatches(body, bom, chosen, oldSnippet.lines, newSnippet, level, input.tabSize);
    // A tolerant match can leave the text as it was (new_string only "fixes" forgiven whitespace).
    return applied.text === documentText ? rejected('no-change', { matchKind: level }) : applied;
  }
  return rejected('not-found', { candidates: findClosestCandidates(splitTextLines(body), oldSnippet.lines) });
}

function applyMatches(
  body: string,
  bom: boolean,
  matches: readonly TextMatch[],
  oldLines: readonly string[],
  newSnippet: { lines: string[]; endsWithNewline: boolean },
  kind: EditMatchKind,
  tabSize: number,
): EditApplied {
  let fallbackEol: LineEnding | undefined;
  const fileLineEnding = (): LineEnding => (fallbackEol ??= dominantLineEnding(body));
  const pieces: string[] = [];
  const changedRanges: ChangedRange[] = [];
  let cursor = 0;
  let originalLine = 1;
  let lineCountedTo = 0;
  let lineShift = 0;
  for (const match of matches) {
    const continuation = continuationIndentation(body, match, oldLines, newSnippet.lines, tabSize);
    const replacement = buildReplacement(body.slice(match.start, match.end), oldLines, newSnippet, match, fileLineEnding, continuation);
    originalLine += countNewlines(body, lineCountedTo, match.start);
    lineCountedTo = match.start;
    const originalCount = countLines(body.slice(match.start, match.end));
    // Emptying part of a line still leaves that line changed.
    const newCount = Math.max(countLines(replacement), coversWholeLines(body, match) ? 0 : 1);
    changedRanges.push({
      originalStartLine: originalLine,
      originalEndLine: originalLine + originalCount - 1,
      startLine: originalLine + lineShift,
      endLine: originalLine + lineShift + newCount - 1,
    });
    lineShift += countNewlines(replacement, 0, replacement.length) - countNewlines(body, match.start, match.end);
    pieces.push(body.slice(cursor, match.start), replacement);
    cursor = match.end;
  }
  pieces.push(body.slice(cursor));
  return {
    ok: true,
    text: (bom ? BYTE_ORDER_MARK : '') + pieces.join(''),
    matchKind: kind,
    replacements: matches.length,
    changedRanges,
  };
}

/**
 * The text that replaces one match. Lines the model left unchanged (equal in old_string and new_string)
 * are copied from the file as they are, keeping their real indentation, trailing spaces and line endings;
 * changed lines come from new_string, re-indented when the match needed it, with the file's line ending.
 */
function buildReplacement(
  matched: string,
  oldLines: readonly string[],
  newSnippet: { lines: string[]; endsWithNewline: boolean },
  match: TextMatch,
  fileLineEnding: () => LineEnding,
  continuation: IndentationMapping | undefined,
): string {
  const matchedLines: TextLine[] = splitTextLines(matched);
  const targetEol = matchedLines.find((line) => line.eol !== '')?.eol || fileLineEnding();
  const fileLineForNewLine = new Map<number, TextLine>();
  if (matchedLines.length === oldLines.length) {
    let oldIndex = 0;
    let newIndex = 0;
    for (const change of diffArrays([...oldLines], newSnippet.lines)) {
      if (change.added) newIndex += change.count;
      else if (change.removed) oldIndex += change.count;
      else {
        for (let step = 0; step < change.count; step++) {
          // The first matched line may start mid-line: it can only stand for new_string's first line.
          if ((newIndex + step === 0) === (oldIndex + step === 0)) fileLineForNewLine.set(newIndex + step, matchedLines[oldIndex + step]);
        }
        oldIndex += change.count;
        newIndex += change.count;
      }
    }
  }
  const out: string[] = [];
  const lastIndex = newSnippet.lines.length - 1;
  newSnippet.lines.forEach((line, index) => {
    const fileLine = fileLineForNewLine.get(index);
    const reindent = match.indentation ?? (index > 0 ? continuation : undefined);
    out.push(fileLine ? fileLine.content : reindent ? reindent.reindent(line) : line);
    const needsEol = index < lastIndex || (newSnippet.endsWithNewline && !match.dropsFinalNewline);
    if (needsEol) out.push(fileLine && fileLine.eol !== '' ? fileLine.eol : targetEol);
  });
  return out.join('');
}

/**
 * A one-line old_string that starts right after a line's indentation, replaced by several lines written
 * relative to column 0 (`if (ok) {\n  call();\n}`): the continuation lines get the line's indentation,
 * otherwise they would land at the wrong depth. Continuation lines already carrying it are left alone.
 */
function continuationIndentation(
  body: string,
  match: TextMatch,
  oldLines: readonly string[],
  newLines: readonly string[],
  tabSize: number,
): IndentationMapping | undefined {
  if (match.indentation || oldLines.length !== 1 || newLines.length < 2) return undefined;
  const lineStart = body.lastIndexOf('\n', match.start - 1) + 1;
  const prefix = body.slice(lineStart, match.start);
  if (!/^[ \t]+$/.test(prefix) || /^[ \t]/.test(oldLines[0])) return undefined;
  const continuationLines = newLines.slice(1).filter((line) => !isBlank(line));
  if (continuationLines.every((line) => line.startsWith(prefix))) return undefined;
  return inferIndentationMapping([prefix], oldLines, newLines, body, tabSize);
}

function coversWholeLines(body: string, match: TextMatch): boolean {
  const startsAtLineStart = match.start === 0 || body[match.start - 1] === '\n';
  const endsAtLineEnd = match.end === body.length || body[match.end - 1] === '\n';
  return startsAtLineStart && endsAtLineEnd;
}

function nonOverlapping(matches: readonly TextMatch[]): TextMatch[] {
  const kept: TextMatch[] = [];
  for (const match of matches) {
    const previous = kept[kept.length - 1];
    if (!previous || match.start >= previous.end) kept.push(match);
  }
  return kept;
}

function ambiguousCandidates(body: string, lines: readonly TextLine[], matches: readonly TextMatch[]): EditCandidate[] {
  const candidates: EditCandidate[] = [];
  let line = 0;
  let cursor = 0;
  for (const match of matches.slice(0, AMBIGUOUS_CANDIDATES_SHOWN)) {
    line += countNewlines(body, cursor, match.start);
    cursor = match.start;
    const span = Math.max(1, countLines(body.slice(match.start, match.end)));
    candidates.push(candidateAt(lines, line, span, 1));
  }
  return candidates;
}

/** Lines a piece of text occupies: "" is 0, "a" and "a\n" are 1, "a\nb" is 2. */
function countLines(text: string): number {
  if (text === '') return 0;
  return countNewlines(text, 0, text.length) + (text.endsWith('\n') ? 0 : 1);
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index !== -1 && index < to; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** True when most lines start like `12| `, `12: ` or `12→`, as numbered read_file output does. */
function looksLineNumbered(snippet: string): boolean {
  const lines = snippet.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return false;
  const numbered = lines.filter((line) => /^\s*\d+\s*(?:[|:→]|\t)/.test(line)).length;
  return numbered >= Math.max(1, Math.ceil(lines.length * 0.8));
}
