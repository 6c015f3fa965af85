// Maps the model's indentation onto the file's when old_string matched only after ignoring indentation:
// a uniform shift and/or a different indent unit (2 vs 4 spaces, spaces vs tabs), never anything looser.
import { isBlank, leadingWhitespace } from './lines';

// Enough of the file to see its indent unit without scanning a huge file.
const UNIT_SAMPLE_CHARACTERS = 64 * 1024;

export interface IndentationMapping {
  /** Re-indents one line of new_string so it sits in the file the way the matched lines do. */
  reindent(modelLine: string): string;
}

export function indentWidth(indent: string, tabSize: number): number {
  let width = 0;
  for (const character of indent) width = character === '\t' ? width + tabSize - (width % tabSize) : width + 1;
  return width;
}

/**
 * The mapping from the model's indentation to the file's, or undefined when the matched lines are not
 * indented consistently with old_string (then the match is refused rather than guessed).
 * `fileIndents` and `modelLines` are aligned: fileIndents[k] is the file line matched by modelLines[k].
 */
export function inferIndentationMapping(
  fileIndents: readonly string[],
  modelLines: readonly string[],
  newLines: readonly string[],
  wholeFileText: string,
  tabSize: number,
): IndentationMapping | undefined {
  const samples: Array<{ model: number; file: number; fileIndent: string }> = [];
  modelLines.forEach((line, index) => {
    if (isBlank(line)) return;
    const fileIndent = fileIndents[index] ?? '';
    samples.push({ model: indentWidth(leadingWhitespace(line), tabSize), file: indentWidth(fileIndent, tabSize), fileIndent });
  });
  if (samples.length === 0) return undefined;

  const first = samples[0];
  const distinct = samples.find((sample) => sample.model !== first.model);
  let scale: number;
  if (distinct) {
    scale = (distinct.file - first.file) / (distinct.model - first.model);
    if (!(scale > 0)) return undefined;
    const consistent = samples.every(
      (sample) => (sample.file - first.file) * (distinct.model - first.model) === (sample.model - first.model) * (distinct.file - first.file),
    );
    if (!consistent) return undefined;
  } else {
    if (!samples.every((sample) => sample.file === first.file)) return undefined;
    const fileUnit = indentUnit(wholeFileText.slice(0, UNIT_SAMPLE_CHARACTERS).split('\n'), tabSize);
    const modelUnit = indentUnit([...modelLines, ...newLines], tabSize);
    scale = fileUnit && modelUnit ? fileUnit / modelUnit : 1;
  }
  const offset = first.file - scale * first.model;

  // Reuse the file's exact indent strings where the width is known, so untouched levels stay byte-identical.
  const fileIndentByModelWidth = new Map<number, string>();
  for (const sample of samples) if (!fileIndentByModelWidth.has(sample.model)) fileIndentByModelWidth.set(sample.model, sample.fileIndent);
  const usesTabs = fileIndents.some((indent) => indent.includes('\t')) ||
    (fileIndents.every((indent) => indent === '') && /^\t/m.test(wholeFileText));

  return {
    reindent(modelLine: string): string {
      if (isBlank(modelLine)) return '';
      const modelIndent = leadingWhitespace(modelLine);
      const body = modelLine.slice(modelIndent.length);
      const modelWidth = indentWidth(modelIndent, tabSize);
      const known = fileIndentByModelWidth.get(modelWidth);
      if (known !== undefined) return known + body;
      const width = Math.max(0, Math.round(scale * modelWidth + offset));
      const indent = usesTabs ? '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) : ' '.repeat(width);
      return indent + body;
    },
  };
}

/** The most common positive step between the indentation of consecutive non-blank lines. */
function indentUnit(lines: readonly string[], tabSize: number): number | undefined {
  const steps = new Map<number, number>();
  let previous: number | undefined;
  for (const line of lines) {
    if (isBlank(line.replace(/\r$/, ''))) continue;
    const width = indentWidth(leadingWhitespace(line), tabSize);
    if (previous !== undefined && width > previous) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    previous = width;
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && best !== undefined && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}
