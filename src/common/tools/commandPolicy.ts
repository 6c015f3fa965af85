// Decides whether a shell command may run without asking: it is split into its simple commands the way a
// POSIX shell would (quotes, escapes, comments, operators), and every one must match the user's allow list.
// Anything the splitter cannot vouch for (substitutions, file redirections, subshells) means asking.

export interface CommandPart {
  /** The part's source text, trimmed. */
  text: string;
  /** Its words after quote removal; redirections are not words. */
  words: string[];
}

export interface Redirection {
  operator: string;
  target: string;
  /** Duplicating a descriptor (2>&1) or discarding output (>/dev/null) touches no file. */
  harmless: boolean;
}

export interface CommandAnalysis {
  parts: CommandPart[];
  /** `$(`, backticks, `<(`, `>(`, `${` with operators, `$[`: each runs or computes something hidden. */
  substitutions: string[];
  redirections: Redirection[];
  /** Syntax that cannot be vouched for: unterminated quotes, here-documents, subshells, a trailing backslash. */
  problems: string[];
}

export type CommandShell = 'posix' | 'windows';

export type CommandApproval = { allowed: true } | { allowed: false; reason: string };

// Stands in for a word built with $'…' quoting, whose value is not worth decoding: it never equals an allow-list word.
const OPAQUE_WORD = '\u0000opaque';
const SIMPLE_PARAMETER = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|[#?$!@*-])$/;
const WINDOWS_SPECIAL_CHARACTERS = /[\^%!'"`\\$@]/;

export function checkCommandApproval(command: string, allowList: readonly string[], options: { shell?: CommandShell } = {}): CommandApproval {
  if ((options.shell ?? 'posix') === 'windows' && WINDOWS_SPECIAL_CHARACTERS.test(command)) {
    return { allowed: false, reason: 'the command uses characters that Windows shells interpret differently (quotes, ^, %, !, $, `)' };
  }
  const analysis = analyzeCommand(command);
  if (analysis.substitutions.length > 0) return { allowed: false, reason: `the command contains a substitution (${analysis.substitutions[0]})` };
  if (analysis.problems.length > 0) return { allowed: false, reason: analysis.problems[0] };
  const fileRedirection = analysis.redirections.find((redirection) => !redirection.harmless);
  if (fileRedirection) return { allowed: false, reason: `the command redirects to or from a file (${fileRedirection.operator} ${fileRedirection.target})` };
  if (analysis.parts.length === 0) return { allowed: false, reason: 'the command is empty' };

  const entries = allowList.map(allowEntryWords).filter((words): words is string[] => words !== undefined);
  const unmatched = analysis.parts.find((part) => !entries.some((entry) => startsWithWords(part.words, entry)));
  if (unmatched) return { allowed: false, reason: `"${unmatched.text}" is not in the allow list` };
  return { allowed: true };
}

/** True only when the command has no substitutions or file redirections and every part starts with an allow-list entry. */
export function isAllowedWithoutAsking(command: string, allowList: readonly string[], options: { shell?: CommandShell } = {}): boolean {
  return checkCommandApproval(command, allowList, options).allowed;
}

function allowEntryWords(entry: string): string[] | undefined {
  const analysis = analyzeCommand(entry);
  const usable = analysis.parts.length === 1 && analysis.problems.length === 0 && analysis.substitutions.length === 0 && analysis.redirections.length === 0;
  return usable && analysis.parts[0].words.length > 0 ? analysis.parts[0].words : undefined;
}

function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, index) => word === words[index]);
}

export function analyzeCommand(command: string): CommandAnalysis {
  return new CommandScanner(command).scan();
}

class CommandScanner {
  private index = 0;
  private word = '';
  private wordStarted = false;
  private words: string[] = [];
  private partStart = 0;
  /** Where a comment began in the current part; the part's text stops there. */
  private commentStart: number | undefined;
  private readonly analysis: CommandAnalysis = { parts: [], substitutions: [], redirections: [], problems: [] };

  constructor(private readonly source: string) {}

  scan(): CommandAnalysis {
    const source = this.source;
    while (this.index < source.length) {
      const character = source[this.index];
      const next = source[this.index + 1];
      if (character === ' ' || character === '\t') {
        this.endWord();
        this.index++;
      } else if (character === '\n') {
        this.endPart(this.index, 1);
      } else if (character === '\\') {
        this.readEscape();
      } else if (character === "'") {
        this.readSingleQuoted();
      } else if (character === '$' && next === "'") {
        this.readAnsiQuoted();
      } else if (character === '"') {
        this.readDoubleQuoted();
      } else if (character === '`') {
        this.analysis.substitutions.push('`…`');
        this.append(character);
      } else if (character === '$') {
        this.readDollar();
      } else if ((character === '<' || character === '>') && next === '(') {
        this.analysis.substitutions.push(`${character}(…)`);
        this.append(character);
      } else if (character === '<' || character === '>') {
        this.readRedirection();
      } else if (character === '&' && next === '>') {
        this.readRedirection();
      } else if (character === '&' || character === '|' || character === ';') {
        this.endPart(this.index, operatorLength(source, this.index));
      } else if (character === '(' || character === ')') {
        this.analysis.problems.push('the command uses a subshell or grouping with parentheses');
        this.append(character);
      } else if (character === '#' && !this.wordStarted) {
        this.skipComment();
      } else {
        this.append(character);
      }
    }
    this.endPart(source.length, 0);
    return this.analysis;
  }

  private append(character: string): void {
    this.word += character;
    this.wordStarted = true;
    this.index++;
  }

  private endWord(): void {
    if (this.wordStarted) this.words.push(this.word);
    this.word = '';
    this.wordStarted = false;
  }

  private endPart(operatorIndex: number, operatorLength: number): void {
    this.endWord();
    const text = this.source.slice(this.partStart, this.commentStart ?? operatorIndex).trim();
    if (this.words.length > 0) this.analysis.parts.push({ text, words: this.words });
    this.words = [];
    this.commentStart = undefined;
    this.index = operatorIndex + operatorLength;
    this.partStart = this.index;
  }

  private readEscape(): void {
    const next = this.source[this.index + 1];
    if (next === undefined) {
      this.analysis.problems.push('the command ends with a backslash');
      this.index++;
    } else if (next === '\n') {
      this.index += 2; // line continuation
    } else {
      this.word += next;
      this.wordStarted = true;
      this.index += 2;
    }
  }

  private readSingleQuoted(): void {
    const close = this.source.indexOf("'", this.index + 1);
    if (close === -1) return this.unterminated('single quote');
    this.word += this.source.slice(this.index + 1, close);
    this.wordStarted = true;
    this.index = close + 1;
  }

  private readAnsiQuoted(): void {
    let cursor = this.index + 2;
    while (cursor < this.source.length && this.source[cursor] !== "'") cursor += this.source[cursor] === '\\' ? 2 : 1;
    if (cursor >= this.source.length) return this.unterminated("$' quote");
    this.word += OPAQUE_WORD;
    this.wordStarted = true;
    this.index = cursor + 1;
  }

  private readDoubleQuoted(): void {
    let cursor = this.index + 1;
    let value = '';
    while (cursor < this.source.length && this.source[cursor] !== '"') {
      const character = this.source[cursor];
      const next = this.source[cursor + 1];
      if (character === '\\' && next !== undefined) {
        // Inside double quotes a backslash escapes only these; elsewhere it stays.
        if ('$`"\\\n'.includes(next)) {
          if (next !== '\n') value += next;
        } else {
          value += character + next;
        }
        cursor += 2;
        continue;
      }
      if (character === '`') this.analysis.substitutions.push('`…`');
      if (character === '$') {
        const found = dollarSubstitution(this.source, cursor);
        if (found) this.analysis.substitutions.push(found);
      }
      value += character;
      cursor++;
    }
    if (cursor >= this.source.length) return this.unterminated('double quote');
    this.word += value;
    this.wordStarted = true;
    this.index = cursor + 1;
  }

  private readDollar(): void {
    const found = dollarSubstitution(this.source, this.index);
    if (found) this.analysis.substitutions.push(found);
    this.append('$');
  }

  private readRedirection(): void {
    const source = this.source;
    let operator = '';
    if (source[this.index] === '&') operator = source.startsWith('&>>', this.index) ? '&>>' : '&>';
    else {
      const match = /^(?:<<<|<<-|<<|<>|<&|<|>>|>&|>\||>)/.exec(source.slice(this.index, this.index + 3));
      operator = match ? match[0] : source[this.index];
    }
    // "2>file": the digits just before the operator name a descriptor, not an argument.
    const descriptor = this.wordStarted && /^\d+$/.test(this.word) && /\d$/.test(source[this.index - 1] ?? '') ? this.word : '';
    if (descriptor) {
      this.word = '';
      this.wordStarted = false;
    } else {
      this.endWord();
    }
    this.index += operator.length;
    if (operator === '<<' || operator === '<<-') {
      this.analysis.problems.push('the command uses a here-document');
      return;
    }
    const target = this.readRedirectionTarget();
    const duplicatesDescriptor = (operator === '>&' || operator === '<&') && /^(?:\d+|-)$/.test(target);
    const discards = /^(?:>|>>|&>|&>>|>\||>&)$/.test(operator) && target === '/dev/null';
    this.analysis.redirections.push({ operator: descriptor + operator, target, harmless: duplicatesDescriptor || discards });
  }

  private readRedirectionTarget(): string {
    while (this.source[this.index] === ' ' || this.source[this.index] === '\t') this.index++;
    // One word, with its quotes removed; it goes to the redirection, not to the part's words.
    while (this.index < this.source.length && !/[\s&|;<>()]/.test(this.source[this.index])) {
      const character = this.source[this.index];
      if (character === '\\') this.readEscape();
      else if (character === "'") this.readSingleQuoted();
      else if (character === '"') this.readDoubleQuoted();
      else if (character === '$') this.readDollar();
      else if (character === '`') {
        this.analysis.substitutions.push('`…`');
        this.append(character);
      } else this.append(character);
    }
    const target = this.word;
    if (!this.wordStarted) this.analysis.problems.push('a redirection has no target');
    this.word = '';
    this.wordStarted = false;
    return target;
  }

  private skipComment(): void {
    this.commentStart = this.index;
    const newline = this.source.indexOf('\n', this.index);
    this.index = newline === -1 ? this.source.length : newline;
  }

  private unterminated(what: string): void {
    this.analysis.problems.push(`the command has an unterminated ${what}`);
    this.index = this.source.length;
  }
}

function operatorLength(source: string, index: number): number {
  const match = /^(?:&&|\|\||\|&|;;&|;;|;&|&|\||;)/.exec(source.slice(index, index + 3));
  return match ? match[0].length : 1;
}

/** The substitution starting at a `$`, if it is one: `$(`, `$((`, `$[`, or `${` with anything beyond a plain name. */
function dollarSubstitution(source: string, index: number): string | undefined {
  const next = source[index + 1];
  if (next === '(') return '$(…)';
  if (next === '[') return '$[…]';
  if (next === '{') {
    const close = source.indexOf('}', index + 2);
    const inner = close === -1 ? '' : source.slice(index + 2, close);
    return SIMPLE_PARAMETER.test(inner) ? undefined : '${…} with operators';
  }
  return undefined;
}
