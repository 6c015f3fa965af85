// Decides whether a shell command may run without asking. The command is read with a deliberately small
// grammar: the part of the POSIX shell language that dash (/bin/sh on Debian and Ubuntu) and bash (/bin/sh
// in POSIX mode on macOS and elsewhere) read the same way. Anything outside it means asking, never guessing.
//
// Allow-list entries. Each entry is read with the same grammar and is a list of words after quote removal.
// - An entry matches a simple command EXACTLY: the same number of words, each equal after quote removal
//   (`"npm" test` matches `npm test`; `npm test -- --grep x` does not match `npm test`).
// - An entry whose last word is an unquoted `*` (`npm test *`) matches its other words followed by zero or
//   more further arguments. Nothing else is a wildcard: a `*` anywhere else, or a quoted `'*'`, is a literal
//   word (which an unquoted `*` in a command, being a glob, never equals).
// - An entry is ignored (matches nothing) when it is empty, is only `*`, names no command (only variable
//   assignments, with or without `*`), or has several commands, operators, substitutions, redirections or
//   any construct refused below.
// - A command word the shell would expand into something else never equals an entry word: unquoted glob
//   characters (`*`, `?`, `[`), a tilde, or a parameter (`$VAR`, `${VAR}`, any `$`) in one of the words
//   matched against the entry's words mean asking. Extra arguments under a `*` entry may expand: they stay
//   arguments whatever they expand to (their values can differ between the shells, e.g. `$-`, `~+`, or
//   field splitting next to "$@"), and they are still subject to everything below.
// - Variable assignments before the command (`FOO=1 npm test`, `NODE_OPTIONS=… npm test`) are words of the
//   command: they match only an entry that starts with the same assignments.
//
// A command line runs without asking only when every simple command in it (split at `;`, `&`, `&&`, `||`,
// `|` and newlines) matches an entry, nothing is substituted, and every redirection is harmless: duplicating
// or closing a descriptor (`2>&1`, `>&2`, `2>&-`) or using /dev/null (`>/dev/null`, `2>>/dev/null`,
// `</dev/null`). Tabs and newlines between commands are fine.
//
// Refused, with a reason naming the construct (the shells read it differently, or this grammar does not
// model it exactly, or it hides text from the person reading the approval card):
// - substitutions: `$(…)`, backticks, `$((…))`, `$[…]`, `<(…)`, `>(…)`, `${…}` with anything beyond a
//   plain name or special parameter (`${x:-y}`, `${x//a/b}`, `${#x}`, `${!x}`, `${x^^}`, …);
// - bash-only quoting: `$'…'`, `$"…"`;
// - bash-only operators and redirections: `&>`, `&>>`, `|&`, `>&word` / `<&word` with anything but one digit
//   or `-`, `<<<`, a descriptor of more than one digit (`10>x`: dash reads `10` as an argument), `<>`
//   and every other redirection to or from a file;
// - here-documents (`<<`, `<<-`);
// - grouping and compound commands: `(`, `)` (subshells, `((`, functions, extglob `@(…)`, `!(…)`, `+(…)`,
//   arrays), `{` and `}` anywhere unquoted outside `${name}` (groups, brace expansion `{a,b}` / `{1..3}`,
//   `{fd}>` redirections), the keywords `if then else elif fi case esac for select while until do done in
//   function coproc time [[ ]]` as a command word (so `=~` inside `[[` too), `;;`, `;&`, `;;&`;
// - `!` unquoted or inside double quotes (negation, history expansion);
// - `#` unquoted (a comment hides the rest of the line on the approval card);
// - backslash-newline line continuation (unquoted or in double quotes), a trailing backslash, unterminated
//   quotes, an operator with no command before or after it (`; ;`, `a &&`);
// - bash-only assignments before the command: `a+=1`, `a[1]=x`;
// - `$` followed by a non-ASCII character (bash may read it as part of a name, depending on the locale), and
//   an unquoted `$` that starts no parameter (`a$x$`: bash 5 does not split such a word, dash does);
// - a redirection target of digits directly followed by `<` or `>` (`2>&1>/dev/null`: dash reads the digits
//   as the next redirection's descriptor, a syntax error; `>12>x` is one for bash);
// - anywhere, quoted or not: a carriage return, any other control character but tab and newline, and
//   non-ASCII spaces and invisible characters (U+00A0, U+2000–U+200F, U+2028, U+2029, U+3000, U+FEFF,
//   bidirectional controls, …: every Unicode separator, control, format, surrogate, private-use or
//   unassigned code point, and letters drawn blank such as U+2800 and U+3164);
// - `eval`, `trap` and `fc` as a command (their arguments are shell code), and, before another command in the
//   same line, the builtins that change what later commands mean: `cd pushd popd export unset readonly
//   declare typeset local alias unalias set shopt enable hash source . command builtin read mapfile readarray
//   let getopts umask ulimit` and bash's `printf -v` (`cd ../other && npm test`, or `alias npm=evil` and then
//   `npm test` on the next line: dash and bash in POSIX mode expand aliases even in `sh -c`).
//
// Windows (cmd.exe) has another grammar entirely: there a command runs without asking only when it is made
// solely of ASCII letters, digits, spaces and `-_./:=+,@`; its words are split at spaces and matched with the
// same exact / trailing-`*` rule.

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

export type CommandShell = 'posix' | 'windows';

export type CommandApproval = { allowed: true } | { allowed: false; reason: string };

/** The shell the command tool runs commands with on a platform (`process.platform`): cmd.exe on Windows, /bin/sh elsewhere. */
export function commandShellForPlatform(platform: string): CommandShell {
  return platform === 'win32' ? 'windows' : 'posix';
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
const WINDOWS_PLAIN = /^[A-Za-z0-9 \-_./:=+,@]*$/;
const WINDOWS_OTHER = /[^A-Za-z0-9 \-_./:=+,@]/;

interface AllowEntry {
  /** The words a command must start with (all of them, without the trailing `*`). */
  words: string[];
  /** The entry ended in `*`: further arguments are allowed. */
  rest: boolean;
  assignments: number;
}

/**
 * Whether `command` may run without asking, given the user's allow list, and if not, why.
 *
 * Every simple command in the line must match an allow-list entry: an entry matches EXACTLY its words (the
 * same number of words, each equal after quote removal), except that an entry ending in the word `*`
 * (`npm test *`) also allows zero or more further plain arguments. No other `*` is a wildcard. Entries that
 * are empty, only `*`, name no command, or contain operators, substitutions or redirections are ignored.
 * Command words matched against entry words must not be expanded by the shell (no unquoted `*`, `?`, `[`,
 * `~`, `$`), and leading variable assignments match only entries that start with them. The line is refused
 * outright for substitutions, redirections other than descriptor duplication and /dev/null, and any syntax
 * that dash and bash read differently or that this module does not model (listed in the module header).
 *
 * With `shell: 'windows'` (cmd.exe), only commands made of ASCII letters, digits, spaces and `-_./:=+,@`
 * can run without asking; their space-separated words are matched with the same rule.
 */
export function checkCommandApproval(command: string, allowList: readonly string[], options: { shell?: CommandShell } = {}): CommandApproval {
  const entries = allowList.map(allowEntry).filter((entry): entry is AllowEntry => entry !== undefined);
  if ((options.shell ?? 'posix') === 'windows') return checkWindowsCommand(command, entries);

  const analysis = analyzeCommand(command);
  if (analysis.substitutions.length > 0) return { allowed: false, reason: `the command contains a substitution (${analysis.substitutions[0]})` };
  if (analysis.problems.length > 0) return { allowed: false, reason: analysis.problems[0] };
  const fileRedirection = analysis.redirections.find((redirection) => !redirection.harmless);
  if (fileRedirection) return { allowed: false, reason: `the command redirects to or from a file (${fileRedirection.operator} ${fileRedirection.target})` };
  if (analysis.parts.length === 0) return { allowed: false, reason: 'the command is empty' };

  const unmatched = analysis.parts.find((part) => !entries.some((entry) => matchesEntry(part, entry)));
  if (unmatched) return { allowed: false, reason: `"${unmatched.text}" is not in the allow list` };
  return { allowed: true };
}

/**
 * True only when {@link checkCommandApproval} allows the command: every simple command in it matches an
 * allow-list entry exactly (or, for an entry ending in `*`, starts with the entry's other words and has only
 * plain further arguments), with no substitutions, file redirections or constructs the shells disagree on.
 */
export function isAllowedWithoutAsking(command: string, allowList: readonly string[], options: { shell?: CommandShell } = {}): boolean {
  return checkCommandApproval(command, allowList, options).allowed;
}

function allowEntry(entry: string): AllowEntry | undefined {
  const analysis = analyzeCommand(entry);
  const usable =
    analysis.parts.length === 1 &&
    analysis.operators.every((operator) => operator === 'newline') &&
    analysis.problems.length === 0 &&
    analysis.substitutions.length === 0 &&
    analysis.redirections.length === 0;
  if (!usable) return undefined;
  const part = analysis.parts[0];
  const last = part.words.length - 1;
  const rest = last >= 0 && part.words[last] === '*' && part.expands[last];
  const words = rest ? part.words.slice(0, last) : part.words;
  // The entry must name a command: words beyond its leading assignments.
  if (words.length <= part.assignments) return undefined;
  return { words, rest, assignments: part.assignments };
}

function matchesEntry(part: CommandPart, entry: AllowEntry): boolean {
  const count = entry.words.length;
  if (entry.rest ? part.words.length < count : part.words.length !== count) return false;
  if (part.assignments !== entry.assignments) return false;
  return entry.words.every((word, index) => part.words[index] === word && !part.expands[index]);
}

function checkWindowsCommand(command: string, entries: readonly AllowEntry[]): CommandApproval {
  if (!WINDOWS_PLAIN.test(command)) {
    const character = WINDOWS_OTHER.exec(command)?.[0] ?? '';
    return {
      allowed: false,
      reason: `the command uses ${describeCharacter(character)}, which cmd.exe may read as an operator, quote, escape or variable (only letters, digits, spaces and -_./:=+,@ run without asking on Windows)`,
    };
  }
  const words = command.split(' ').filter((word) => word !== '');
  if (words.length === 0) return { allowed: false, reason: 'the command is empty' };
  const part: CommandPart = { text: command.trim(), words, expands: words.map(() => false), assignments: 0 };
  if (!entries.some((entry) => matchesEntry(part, entry))) return { allowed: false, reason: `"${part.text}" is not in the allow list` };
  return { allowed: true };
}

function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (character === '\n') return 'a line break';
  if (character === '\r') return 'a carriage return';
  if (character === '\t') return 'a tab';
  if (codePoint < 0x20 || codePoint === 0x7f || codePoint > 0x7e) return `the character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${character}\``;
}

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
