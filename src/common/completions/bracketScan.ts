// A light bracket scan of code, enough to trim a completion: strings and line comments are skipped so their
// brackets do not count. It is not a parser; it only has to agree with the editor on ordinary code.

const openers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const closers = new Set([')', ']', '}']);

export interface BracketScan {
  /** Openers still open at the end, innermost last. */
  open: { char: string; offset: number }[];
  /** The first closer with no opener inside the text: it closes something opened before the text. */
  firstUnmatchedCloser: { char: string; offset: number } | undefined;
  /** Offsets just after each newline where nothing opened in the text is still open. */
  balancedLineEnds: number[];
}

export function scanBrackets(text: string): BracketScan {
  const open: { char: string; offset: number }[] = [];
  const balancedLineEnds: number[] = [];
  let firstUnmatchedCloser: BracketScan['firstUnmatchedCloser'];
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      // Ordinary quotes do not span lines; a template literal may.
      if (quote !== '`') quote = undefined;
      if (open.length === 0 && quote === undefined) balancedLineEnds.push(index + 1);
      continue;
    }
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = (end === -1 ? text.length : end) - 1;
    } else if (char in openers) {
      open.push({ char, offset: index });
    } else if (closers.has(char)) {
      const last = open[open.length - 1];
      if (last && openers[last.char] === char) open.pop();
      else if (!last) firstUnmatchedCloser ??= { char, offset: index };
      else open.pop();
    }
  }
  return { open, firstUnmatchedCloser, balancedLineEnds };
}
