// Cuts a model's completion down to what fits at the cursor: no Markdown fence, no echo of the line already
// typed, nothing the code after the cursor already has (a closing bracket, a repeated line), one line when
// the cursor is inside a line, and no bracket left open by an answer cut short.
import { scanBrackets } from './bracketScan';
import { CURSOR_MARKER } from './completionPrompt';

export interface TrimInput {
  completion: string;
  /** The code before and after the cursor, as sent. */
  prefix: string;
  suffix: string;
  /** The answer stopped at the output budget (`finish_reason: length`), so its end may be mid-construct. */
  cutShort: boolean;
}

const onlyClosersAndPunctuation = /^[\s)\]}>;,.'"`]*$/;

function stripFence(text: string): string {
  const fenced = /^\s*(`{3,})[^\n]*\n([\s\S]*?)(?:\n\1\s*$|\n\1[^\n]*\n[\s\S]*$|$)/.exec(text);
  return fenced ? fenced[2] : text;
}

function currentLinePrefix(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

function restOfLine(suffix: string): string {
  const end = suffix.indexOf('\n');
  return end === -1 ? suffix : suffix.slice(0, end);
}

/** The first line after the cursor that says something (not only closers), trimmed. */
function firstMeaningfulSuffixLine(suffix: string): string | undefined {
  return suffix
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !onlyClosersAndPunctuation.test(line));
}

function withoutEchoedLine(text: string, prefix: string): string {
  const typed = currentLinePrefix(prefix).trimStart();
  if (typed.trim() === '') return text;
  const start = text.search(/\S/);
  return start >= 0 && text.startsWith(typed, start) ? text.slice(start + typed.length) : text;
}

/** Drops the completion from the first line that repeats the code after the cursor. */
function withoutRepeatedSuffixLine(text: string, suffix: string): string {
  const next = firstMeaningfulSuffixLine(suffix);
  if (!next) return text;
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index++) {
    if (lines[index].trim() === next) return lines.slice(0, index).join('\n');
  }
  return text;
}

/** Cuts at a closer for something opened before the cursor when the code after the cursor closes it already. */
function withoutDuplicateCloser(text: string, suffix: string): string {
  const closer = scanBrackets(text).firstUnmatchedCloser;
  if (!closer) return text;
  const nextInSuffix = suffix.replace(/^[\s;,]+/, '')[0];
  return nextInSuffix === closer.char ? text.slice(0, closer.offset) : text;
}

/** Leaves no bracket of a multi-line answer open: cut back to the last line end where all were closed. */
function balanced(text: string, cutShort: boolean): string {
  const scan = scanBrackets(text);
  if (scan.open.length === 0 || (!cutShort && !text.includes('\n'))) return text;
  const lastBalanced = scan.balancedLineEnds[scan.balancedLineEnds.length - 1];
  if (lastBalanced !== undefined) return text.slice(0, lastBalanced);
  // The first line opened something that never closed: it alone is a sensible start (the editor closes it).
  const firstLineEnd = text.indexOf('\n');
  return firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
}

/** Removes the longest end of the completion that the rest of the cursor's line already has. */
function withoutSuffixOverlap(text: string, suffix: string): string {
  const rest = restOfLine(suffix);
  if (rest.trim() === '') return text;
  const openBefore = scanBrackets(text).open.length;
  for (let length = Math.min(rest.length, text.length); length > 0; length--) {
    if (!text.endsWith(rest.slice(0, length))) continue;
    const kept = text.slice(0, text.length - length);
    // Cutting a closer the completion itself opened would break the completion.
    if (scanBrackets(kept).open.length <= openBefore) return kept;
  }
  return text;
}

export function trimCompletion(input: TrimInput): string {
  let text = stripFence(input.completion.replaceAll('\r\n', '\n')).replaceAll(CURSOR_MARKER, '');
  text = withoutEchoedLine(text, input.prefix);
  // Inside a line, the answer is for that line only.
  if (restOfLine(input.suffix).trim() !== '' && !onlyClosersAndPunctuation.test(restOfLine(input.suffix))) {
    text = text.split('\n')[0];
  }
  text = withoutRepeatedSuffixLine(text, input.suffix);
  text = withoutDuplicateCloser(text, input.suffix);
  text = balanced(text, input.cutShort);
  text = withoutSuffixOverlap(text.trimEnd(), input.suffix);
  return text.trimEnd();
}
