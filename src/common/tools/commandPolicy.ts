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

import { analyzeCommand, describeCharacter, type CommandPart } from './commandScanner';

export type CommandShell = 'posix' | 'windows';

/** The shell the command tool runs commands with on a platform (`process.platform`): cmd.exe on Windows, /bin/sh elsewhere. */
export function commandShellForPlatform(platform: string): CommandShell {
  return platform === 'win32' ? 'windows' : 'posix';
}

export type CommandApproval = { allowed: true } | { allowed: false; reason: string };

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


