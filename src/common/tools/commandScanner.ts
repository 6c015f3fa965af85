// Splits a shell command line into its simple commands the way a POSIX shell would (quotes, escapes,
// operators, redirections), and notes every construct the allow-list check cannot vouch for.

export interface CommandPart {
  /** The part's source text, trimmed. */
  text: string;
  /** Its words after quote removal; redirections are not words. */
  words: string[];
  /** For each word: whether it has unquoted characters the shell expands (`*`, `?`, `[`, `~`, `$`). */
  expands: boolean[];
  /** How many leading words are variable assignments (`NAME=value`) rather than the command and its arguments. */
  assignments: number;
}

export interface Redirection {
  operator: string;
  target: string;
  /** Duplicating or closing a descriptor (2>&1, >&-) or using /dev/null (>/dev/null) touches no file. */
  harmless: boolean;
}

export interface CommandAnalysis {
  parts: CommandPart[];
  /** `$(`, backticks, `$((`, `<(`, `>(`, `${` with operators, `$[`: each runs or computes something hidden. */
  substitutions: string[];
  redirections: Redirection[];
  /** The control operators between simple commands, in order (`;`, `&`, `&&`, `||`, `|`, and `newline` for a line break after a command). */
  operators: string[];
  /** Syntax outside the grammar dash and bash share (see the header): each means asking. */
  problems: string[];
}


// Stands in for a word built with $'…' quoting, whose value is not worth decoding: it never equals an allow-list word.
const OPAQUE_WORD = '\u0000opaque';
const SIMPLE_PARAMETER = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|[#?$!@*-])$/;
const WORD_END = new Set([' ', '\t', '\n', '&', '|', ';', '<', '>', '(', ')']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const BASH_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\+=|\[)/;
const RESERVED_WORDS = new Set(['!', '{', '}', '[[', ']]', 'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'coproc', 'time']);

/** Every Unicode control, format, surrogate, private-use, unassigned or separator code point, and letters drawn blank. */
const INVISIBLE_OR_CONTROL = /[\p{C}\p{Z}\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/u;
/** Builtins whose arguments are shell code the check cannot read as such. */
const RUNS_SHELL_CODE = new Set(['eval', 'trap', 'fc']);
/**
 * Builtins that change what later commands in the same line mean: the directory they run in, their
 * environment, aliases (expanded by dash and by bash in POSIX mode even in `sh -c`), the parser's options,
 * the command lookup, or which builtins exist.
 */
const CHANGES_THE_SHELL = new Set([
  'cd', 'pushd', 'popd', 'export', 'unset', 'readonly', 'declare', 'typeset', 'local', 'alias', 'unalias', 'set', 'shopt', 'enable',
  'hash', 'source', '.', 'command', 'builtin', 'read', 'mapfile', 'readarray', 'let', 'getopts', 'umask', 'ulimit',
]);
const HASH_PROBLEM = 'the command contains `#` (a comment hides the rest of the line from view)';

export function analyzeCommand(command: string): CommandAnalysis {
  return new CommandScanner(command).scan();
}

interface ScannedWord {
  value: string;
  expands: boolean;
  /** Some of it was quoted or escaped: then it is never a descriptor number, keyword or assignment. */
  quoted: boolean;
  /** Its source text, quotes and all. */
  raw: string;
}

type PartEnd = 'newline' | 'end' | '&&' | '||' | '|' | ';' | '&';

class CommandScanner {
  private index = 0;
  private partStart = 0;
  private words: ScannedWord[] = [];
  private partRedirections = 0;
  /** Where a comment began in the current part; the part's text stops there. */
  private commentStart: number | undefined;
  /** After `&&`, `||` or `|` a command must follow (newlines may come first). */
  private needsCommand = false;
  // The word being read.
  private value = '';
  private expands = false;
  private quoted = false;
  private readonly analysis: CommandAnalysis = { parts: [], substitutions: [], redirections: [], operators: [], problems: [] };

  constructor(private readonly source: string) {}

  scan(): CommandAnalysis {
    this.checkCharacters();
    const source = this.source;
    while (this.index < source.length) {
      const character = source[this.index];
      const next = source[this.index + 1];
      if (character === ' ' || character === '\t') {
        this.index++;
      } else if (character === '\n') {
        this.endPart('newline', 1);
      } else if (character === '<' || character === '>' || (character === '&' && next === '>')) {
        this.readRedirection('');
      } else if (character === '&' || character === '|' || character === ';') {
        this.readOperator();
      } else if (character === '(' || character === ')') {
        this.problem('the command uses parentheses (a subshell, `((`, a function, an array or an extglob pattern)');
        this.index++;
      } else if (character === '#') {
        this.skipComment();
      } else {
        const word = this.readWord();
        const following = source[this.index];
        if ((following === '<' || following === '>') && !word.quoted && /^\d+$/.test(word.value)) this.readRedirection(word.value);
        else this.words.push(word);
      }
    }
    this.endPart('end', 0);
    this.checkShellState();
    return this.analysis;
  }

  private checkShellState(): void {
    const parts = this.analysis.parts;
    parts.forEach((part, index) => {
      const command = part.words[part.assignments];
      if (command === undefined) return;
      if (RUNS_SHELL_CODE.has(command)) this.problem(`the command uses \`${command}\`, whose arguments are shell code`);
      const setsVariable = command === 'printf' && (part.words[part.assignments + 1] ?? '').startsWith('-v'); // bash only
      if (index < parts.length - 1 && (CHANGES_THE_SHELL.has(command) || setsVariable)) {
        this.problem(`the command uses \`${command}\` before other commands, which it can change (directory, environment, aliases, options or command lookup)`);
      }
    });
  }

  private problem(message: string): void {
    if (!this.analysis.problems.includes(message)) this.analysis.problems.push(message);
  }

  private checkCharacters(): void {
    for (const character of this.source) {
      if (character === ' ' || character === '\t' || character === '\n' || !INVISIBLE_OR_CONTROL.test(character)) continue;
      const codePoint = character.codePointAt(0) ?? 0;
      if (character === '\r') this.problem('the command contains a carriage return (\\r)');
      else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) this.problem(`the command contains a control character (${describeCharacter(character)})`);
      else this.problem(`the command contains a non-ASCII space or invisible character (${describeCharacter(character)})`);
    }
  }

  private endPart(end: PartEnd, length: number): void {
    const text = this.source.slice(this.partStart, this.commentStart ?? this.index).trim();
    this.commentStart = undefined;
    const empty = this.words.length === 0 && this.partRedirections === 0;
    if (!empty) {
      this.addPart(text);
      this.needsCommand = false;
    }
    if (end === 'newline') {
      // A blank line, or a line break after `&&`, `||` or `|`, is fine.
      if (!empty) this.analysis.operators.push('newline');
    } else if (end === 'end') {
      if (this.needsCommand) this.problem('the command ends with an operator that needs another command after it');
    } else {
      if (empty) this.problem(`\`${end}\` has no command before it`);
      this.analysis.operators.push(end);
      this.needsCommand = end === '&&' || end === '||' || end === '|';
    }
    this.words = [];
    this.partRedirections = 0;
    this.index += length;
    this.partStart = this.index;
  }

  private addPart(text: string): void {
    const words = this.words;
    let assignments = 0;
    while (assignments < words.length && ASSIGNMENT.test(words[assignments].raw)) assignments++;
    const command = words[assignments];
    if (command && RESERVED_WORDS.has(command.raw)) this.problem(`the command uses the shell keyword \`${command.raw}\``);
    if (command && BASH_ASSIGNMENT.test(command.raw)) this.problem(`the command starts with a bash-only assignment (${command.raw}), which dash runs as a command`);
    this.analysis.parts.push({ text, words: words.map((word) => word.value), expands: words.map((word) => word.expands), assignments });
  }

  private readOperator(): void {
    const operator = /^(?:;;&|;;|;&|&&|\|\||\|&|[;&|])/.exec(this.source.slice(this.index, this.index + 3))?.[0] ?? this.source[this.index];
    if (operator === '|&') {
      this.problem('the command uses `|&` (bash pipes both outputs; dash reads `|` then `&`)');
      return this.endPart('|', 2);
    }
    if (operator === ';;' || operator === ';&' || operator === ';;&') {
      this.problem(`the command uses \`${operator}\` (a case-branch terminator)`);
      return this.endPart(';', operator.length);
    }
    this.endPart(operator as PartEnd, operator.length);
  }

  private readWord(): ScannedWord {
    const start = this.index;
    this.value = '';
    this.expands = false;
    this.quoted = false;
    const source = this.source;
    while (this.index < source.length && !WORD_END.has(source[this.index])) {
      const character = source[this.index];
      if (character === '\\') this.readEscape();
      else if (character === "'") this.readSingleQuoted();
      else if (character === '"') this.readDoubleQuoted();
      else if (character === '$') this.readDollar(false);
      else if (character === '`') this.readBacktick();
      else {
        // Inside a word `#` is literal in both shells, but it is refused all the same: it reads like a comment.
        if (character === '#') this.problem(HASH_PROBLEM);
        else if (character === '!') this.problem('the command uses `!` (negation or history expansion)');
        else if (character === '{' || character === '}') this.problem('the command uses `{` or `}` (a brace group or bash brace expansion)');
        else if ('*?[~'.includes(character)) this.expands = true;
        this.value += character;
        this.index++;
      }
    }
    return { value: this.value, expands: this.expands, quoted: this.quoted, raw: source.slice(start, this.index) };
  }

  private readEscape(): void {
    const next = this.source[this.index + 1];
    this.quoted = true;
    if (next === undefined) {
      this.problem('the command ends with a backslash');
      this.index++;
    } else if (next === '\n') {
      this.problem('the command continues a line with a backslash-newline');
      this.index += 2;
    } else {
      this.value += next;
      this.index += 2;
    }
  }

  private readSingleQuoted(): void {
    const close = this.source.indexOf("'", this.index + 1);
    if (close === -1) return this.unterminated('single quote');
    this.value += this.source.slice(this.index + 1, close);
    this.quoted = true;
    this.index = close + 1;
  }

  private readDoubleQuoted(): void {
    const source = this.source;
    this.quoted = true;
    this.index++;
    while (this.index < source.length && source[this.index] !== '"') {
      const character = source[this.index];
      const next = source[this.index + 1];
      if (character === '\\' && next === '\n') {
        this.problem('the command continues a line with a backslash-newline');
        this.index += 2;
      } else if (character === '\\' && next !== undefined && '$`"\\'.includes(next)) {
        this.value += next;
        this.index += 2;
      } else if (character === '$') {
        this.readDollar(true);
      } else if (character === '`') {
        this.readBacktick();
      } else {
        if (character === '!') this.problem('the command uses `!` (negation or history expansion)');
        this.value += character;
        this.index++;
      }
    }
    if (this.index >= source.length) return this.unterminated('double quote');
    this.index++;
  }

  private readBacktick(): void {
    this.analysis.substitutions.push('`…`');
    this.value += '`';
    this.index++;
  }

  /** An unquoted `#` at the start of a word starts a comment, which runs to the end of the line; the part's text stops there. */
  private skipComment(): void {
    this.problem(HASH_PROBLEM);
    this.commentStart ??= this.index;
    const newline = this.source.indexOf('\n', this.index);
    this.index = newline === -1 ? this.source.length : newline;
  }

  private readDollar(inDoubleQuotes: boolean): void {
    const source = this.source;
    const next = source[this.index + 1] ?? '';
    this.expands = true;
    if (!inDoubleQuotes && next === "'") {
      this.problem("the command uses $'…' quoting (bash decodes escapes in it; dash reads a `$` and a quoted string)");
      let cursor = this.index + 2;
      while (cursor < source.length && source[cursor] !== "'") cursor += source[cursor] === '\\' ? 2 : 1;
      if (cursor >= source.length) return this.unterminated("$' quote");
      this.value += OPAQUE_WORD;
      this.quoted = true;
      this.index = cursor + 1;
    } else if (!inDoubleQuotes && next === '"') {
      this.problem('the command uses $"…" quoting (bash translates it; dash reads a `$` and a quoted string)');
      this.value += '$';
      this.index++;
    } else if (next === '(') {
      this.analysis.substitutions.push(source[this.index + 2] === '(' ? '$((…))' : '$(…)');
      this.value += '$';
      this.index++;
    } else if (next === '[') {
      this.analysis.substitutions.push('$[…]');
      this.value += '$';
      this.index++;
    } else if (next === '{') {
      const close = source.indexOf('}', this.index + 2);
      if (close === -1) return this.unterminated('${');
      const inner = source.slice(this.index + 2, close);
      if (SIMPLE_PARAMETER.test(inner)) {
        this.value += source.slice(this.index, close + 1);
        this.index = close + 1;
      } else {
        this.analysis.substitutions.push('${…} with operators');
        this.value += '$';
        this.index++;
      }
    } else if (/^[A-Za-z_]$/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(this.index + 1))?.[0] ?? next;
      this.value += `$${name}`;
      this.index += 1 + name.length;
      if ((source[this.index] ?? '') > '\u007f') this.problem('the command has a `$` name followed by a non-ASCII character (bash may read it as part of the name)');
    } else if (/^[0-9#?$!@*-]$/.test(next)) {
      this.value += `$${next}`;
      this.index += 2;
    } else {
      if (next > '\u007f') this.problem('the command has a `$` followed by a non-ASCII character (bash may read it as a name)');
      // bash 5 quotes a lone `$` internally, which stops it splitting the rest of the word (`a$x$`): dash splits.
      else if (!inDoubleQuotes) this.problem('the command has a `$` that starts no parameter (bash and dash split such a word differently)');
      this.value += '$';
      this.index++;
    }
  }

  private readRedirection(descriptor: string): void {
    const source = this.source;
    if ((source[this.index] === '<' || source[this.index] === '>') && source[this.index + 1] === '(') {
      this.analysis.substitutions.push(`${source[this.index]}(…)`);
      this.index++;
      return;
    }
    const operator = /^(?:&>>|&>|<<<|<<-|<<|<>|<&|<|>>|>&|>\||>)/.exec(source.slice(this.index, this.index + 3))?.[0] ?? source[this.index];
    this.index += operator.length;
    this.partRedirections++;
    if (descriptor.length > 1) this.problem(`the command redirects descriptor ${descriptor} (dash reads a number of more than one digit as an argument)`);
    if (operator === '&>' || operator === '&>>') {
      this.problem(`the command uses \`${operator}\` (bash redirects both outputs; dash runs the command in the background and reads the rest as another command)`);
    }
    if (operator === '<<' || operator === '<<-') {
      this.problem('the command uses a here-document');
      return;
    }
    if (operator === '<<<') this.problem('the command uses a here-string (`<<<`), which dash does not have');
    const target = this.readRedirectionTarget();
    if (!target) {
      this.problem('a redirection has no target');
      this.analysis.redirections.push({ operator: descriptor + operator, target: '', harmless: false });
      return;
    }
    let harmless = false;
    if (operator === '>&' || operator === '<&') {
      harmless = !target.quoted && !target.expands && /^(?:[0-9]|-)$/.test(target.value);
      if (!harmless) this.problem(`the command uses \`${operator}${target.raw}\` with a word that is not one descriptor digit or - (bash may read it as a file for both outputs; dash refuses it)`);
    } else if (operator === '>' || operator === '>>' || operator === '>|' || operator === '<') {
      harmless = !target.expands && target.value === '/dev/null';
    }
    this.analysis.redirections.push({ operator: descriptor + operator, target: target.value, harmless });
  }

  private readRedirectionTarget(): ScannedWord | undefined {
    while (this.source[this.index] === ' ' || this.source[this.index] === '\t') this.index++;
    if (this.index >= this.source.length || WORD_END.has(this.source[this.index])) return undefined;
    const target = this.readWord();
    const following = this.source[this.index];
    if (!target.quoted && /^\d+$/.test(target.value) && (following === '<' || following === '>')) {
      // dash reads the digits as the next redirection's descriptor (`2>&1>x`: a syntax error); bash as this one's target.
      this.problem(`the command has a redirection target of digits right before another redirection (${target.value}${following})`);
    }
    return target;
  }

  private unterminated(what: string): void {
    this.problem(`the command has an unterminated ${what}`);
    this.index = this.source.length;
  }
}

export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (character === '\n') return 'a line break';
  if (character === '\r') return 'a carriage return';
  if (character === '\t') return 'a tab';
  if (codePoint < 0x20 || codePoint === 0x7f || codePoint > 0x7e) return `the character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${character}\``;
}
