// Turns an edit outcome into the few lines the model reads as the edit_file tool result: what changed and
// where on success, and on failure why nothing changed, where the closest text is, and what to send next.
import type { EditOutcome } from './editFile';
import { splitTextLines } from './lines';
import { previewLines } from './candidates';

const CONTEXT_LINES = 2;
const RANGES_SHOWN = 3;
const LINES_PER_RANGE = 24;

const MATCH_NOTES = {
  insert: 'inserted into the empty file',
  exact: 'exact match',
  'line-endings': "matched after ignoring line-ending differences; the new text uses the file's line endings",
  'trailing-whitespace': 'matched after ignoring trailing whitespace',
  indentation: "matched after ignoring indentation; new_string was re-indented to the file's indentation",
} as const;

export function formatEditOutcome(path: string, outcome: EditOutcome): string {
  if (outcome.ok) {
    const count = outcome.replacements === 1 ? '1 occurrence' : `${outcome.replacements} occurrences`;
    const verb = outcome.matchKind === 'insert' ? 'wrote' : 'replaced';
    const lines = splitTextLines(outcome.text);
    const sections = outcome.changedRanges.slice(0, RANGES_SHOWN).map((range) => {
      const label = range.endLine < range.startLine
        ? `Lines removed before line ${range.startLine}`
        : range.endLine === range.startLine ? `Line ${range.startLine} now reads` : `Lines ${range.startLine}-${range.endLine} now read`;
      const from = Math.max(0, range.startLine - 1 - CONTEXT_LINES);
      const to = Math.min(lines.length - 1, Math.max(range.endLine, range.startLine) - 1 + CONTEXT_LINES);
      return lines.length === 0 ? `${label}: (the file is now empty)` : `${label} (with context):\n${previewLines(lines, from, to, LINES_PER_RANGE)}`;
    });
    const more = outcome.changedRanges.length > RANGES_SHOWN ? [`… and ${outcome.changedRanges.length - RANGES_SHOWN} more change(s).`] : [];
    return [`Edited ${path}: ${verb} ${count} (${MATCH_NOTES[outcome.matchKind]}).`, ...sections, ...more].join('\n');
  }

  const candidates = outcome.candidates.map(
    (candidate) => `- ${lineSpan(candidate.startLine, candidate.endLine)} (similarity ${candidate.similarity.toFixed(2)}):\n${candidate.preview}`,
  );
  const lineNumberAdvice = outcome.hasLineNumberPrefixes
    ? ['old_string seems to start its lines with line numbers from read_file output; send the file text only, without the numbers.']
    : [];
  switch (outcome.reason) {
    case 'no-change':
      return outcome.matchKind
        ? `No change made to ${path}: the file already reads like new_string there (${MATCH_NOTES[outcome.matchKind].split(';')[0]}).`
        : `No change made to ${path}: old_string and new_string are identical.`;
    case 'empty-old-string':
      return [
        `No change made to ${path}: old_string is empty but the file is not.`,
        'To add text, put the neighbouring existing lines in old_string and repeat them with the addition in new_string; to replace the whole file, use write_file.',
      ].join('\n');
    case 'ambiguous': {
      const how = outcome.matchKind && outcome.matchKind !== 'exact' ? ` (${MATCH_NOTES[outcome.matchKind].split(';')[0]})` : '';
      return [
        `No change made to ${path}: old_string matches ${outcome.matchCount ?? candidates.length} places${how}:`,
        ...candidates,
        'Add neighbouring lines to old_string so it matches exactly one place, or set replace_all to true to change every occurrence.',
      ].join('\n');
    }
    case 'not-found':
      return [
        `No change made to ${path}: old_string was not found, not even after ignoring line endings, trailing whitespace and indentation.`,
        ...lineNumberAdvice,
        ...(candidates.length > 0 ? ['Closest text in the file:', ...candidates] : ['Nothing in the file resembles it.']),
        'Read the current text with read_file and copy old_string from it exactly, then retry.',
      ].join('\n');
  }
}

function lineSpan(start: number, end: number): string {
  return end <= start ? `line ${start}` : `lines ${start}-${end}`;
}
