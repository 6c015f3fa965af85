// The tool runs commands with `/bin/sh -c`: dash on Debian and Ubuntu, bash in POSIX mode on macOS and others.
// Every construct the two may read differently, or that the policy does not model exactly, must make it ask,
// with a reason naming the construct, even under the broadest entries. The last suite runs lines through
// both shells to show the readings described in the comments are real.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommandApproval } from '../../../src/common/tools/commandPolicy';

// Broad on purpose: only the construct itself can be the reason to ask.
const ALLOW_LIST = ['npm test *', 'echo *', 'cat *', 'evil *', 'f', 'x', 'a', 'printf *'];

interface Refused {
  command: string;
  /** What the reason must mention. */
  reason: RegExp;
}

const REFUSED: Refused[] = [
  // bash: `npm test evil` with both outputs to /dev/null. dash: `npm test &` in the background, then `evil` runs with stdout to /dev/null.
  { command: 'npm test &>/dev/null evil', reason: /&>/ },
  { command: 'npm test &> /dev/null', reason: /&>/ },
  // bash: appends both outputs to log. dash: `npm test &`, then `>>log evil`.
  { command: 'npm test &>>log evil', reason: /&>>/ },
  // bash: pipes stdout and stderr into evil. dash: `|` followed by `&` is a syntax error.
  { command: 'npm test |& evil', reason: /\|&/ },
  // bash: both outputs to the file out.txt. dash: "Bad fd number", a syntax error.
  { command: 'npm test >&out.txt', reason: />&out\.txt/ },
  { command: 'npm test >& out.txt', reason: />&/ },
  // bash: reads stdin from the file; dash: syntax error.
  { command: 'npm test <&in.txt', reason: /<&/ },
  // bash: moves descriptor 1 to 2 and closes 1. dash: "Bad fd number".
  { command: 'npm test 2>&1-', reason: />&1-/ },
  // bash: duplicates descriptor 10. dash: only one-digit descriptors: syntax error.
  { command: 'npm test 2>&10', reason: />&10/ },
  // bash: whatever $FD holds, possibly a file name for both outputs. dash: a digit or an error.
  { command: 'npm test >&$FD', reason: />&\$FD/ },
  // bash: descriptor 10 to /dev/null, stdout untouched. dash: `10` is an argument and stdout goes to /dev/null.
  { command: 'npm test 10>/dev/null', reason: /descriptor 10/ },
  // bash: ANSI-C quoting, decodes to `A`. dash: a `$` then the single-quoted string `\x41`.
  { command: "echo $'\\x41'", reason: /\$'/ },
  { command: "npm $'test'", reason: /\$'/ },
  // bash: locale translation of "hello". dash: `$` then the double-quoted string: `$hello`.
  { command: 'echo $"hello"', reason: /\$"/ },
  // bash: here-string, evil reads "x". dash: `<<` here-document marker then `<x`... a syntax error.
  { command: 'cat <<< x', reason: /<<</ },
  // Both: a here-document; the body is hidden below the command. Not modelled.
  { command: 'cat <<EOF\n$(evil)\nEOF', reason: /here-document|substitution/ },
  { command: 'npm test <<EOF\nx\nEOF', reason: /here-document/ },
  { command: 'npm test <<-EOF\n\tx\n\tEOF', reason: /here-document/ },
  // bash: the conditional command. dash: runs a command named `[[`.
  { command: '[[ -f x ]] && npm test', reason: /\[\[/ },
  // bash: regex match inside `[[`. dash: command `[[` with arguments.
  { command: '[[ a =~ b ]]', reason: /\[\[/ },
  // bash: arithmetic command. dash: two nested subshells.
  { command: '(( x = 1 )) && npm test', reason: /parentheses/ },
  // Both: a subshell. Not modelled.
  { command: '(evil)', reason: /parentheses/ },
  { command: 'npm test; (evil)', reason: /parentheses/ },
  // Both: a brace group running evil. Not modelled.
  { command: '{ npm test; evil; }', reason: /\{/ },
  // Both: a literal `}` argument; refused with all braces.
  { command: 'npm test }', reason: /\}/ },
  // bash: brace expansion into `a b`. dash: the literal word `{a,b}`.
  { command: 'echo {a,b}', reason: /brace/ },
  { command: 'npm test --{require,x}=./evil.js', reason: /brace/ },
  // bash: `1 2 3`. dash: `{1..3}`.
  { command: 'echo {1..3}', reason: /brace/ },
  // bash: a named descriptor in variable fd. dash: the argument `{fd}`, stdout to /dev/null.
  { command: 'npm test {fd}>/dev/null', reason: /brace/ },
  // Both: a case command; `;;` ends a branch. Not modelled.
  { command: 'case x in x) evil;; esac', reason: /case|parentheses|;;/ },
  // Both: `;;` outside case is a syntax error.
  { command: 'npm test;; evil', reason: /;;/ },
  // bash: `;&` is a case fall-through token (a syntax error here). dash: `;` then `& evil`, a syntax error.
  { command: 'npm test ;& evil', reason: /;&/ },
  { command: 'npm test ;;& evil', reason: /;;&/ },
  // Both: `npm test` is negated. Refused: `!` also means history expansion in interactive bash.
  { command: '! npm test', reason: /!/ },
  { command: 'npm test !x', reason: /!/ },
  { command: 'npm test "a!b"', reason: /!/ },
  // bash: defines and calls a function. dash: syntax error (`function` is no keyword).
  { command: 'function f { evil; }; f', reason: /function|\{/ },
  // Both: a function definition. Not modelled.
  { command: 'f() { evil; }; f', reason: /parentheses/ },
  // Both: compound commands. Not modelled.
  { command: 'if npm test; then evil; fi', reason: /keyword `if`/ },
  { command: 'for x in 1; do evil; done', reason: /keyword `for`/ },
  { command: 'while false; do evil; done', reason: /keyword `while`/ },
  { command: 'until npm test; do evil; done', reason: /keyword `until`/ },
  // bash: a select menu. dash: runs a command named `select`.
  { command: 'select x in a; do evil; done', reason: /keyword `select`/ },
  // bash: runs evil as a coprocess. dash: runs a command named `coproc`.
  { command: 'coproc evil', reason: /keyword `coproc`/ },
  // bash: the `time` keyword times the pipeline. dash: runs /usr/bin/time.
  { command: 'time npm test', reason: /keyword `time`/ },
  { command: 'then evil', reason: /keyword `then`/ },
  { command: 'done', reason: /keyword `done`/ },
  // Both: arithmetic expansion.
  { command: 'echo $((1+2))', reason: /\$\(\(/ },
  // bash: `2`. dash: the literal `$[1+1]`.
  { command: 'echo $[1+1]', reason: /\$\[/ },
  // bash: pattern substitution. dash: "Bad substitution".
  { command: 'echo ${x//a/b}', reason: /\$\{/ },
  // bash: upper-casing, indirection, substrings. dash: "Bad substitution".
  { command: 'echo ${x^^}', reason: /\$\{/ },
  { command: 'echo ${!x}', reason: /\$\{/ },
  { command: 'echo ${x:1:2}', reason: /\$\{/ },
  // Both: length or defaults; not modelled.
  { command: 'echo ${#x}', reason: /\$\{/ },
  { command: 'echo ${x:-$(evil)}', reason: /substitution/ },
  // bash: process substitution. dash: a syntax error.
  { command: 'npm test <(evil)', reason: /<\(/ },
  { command: 'npm test >(evil)', reason: />\(/ },
  // Both: command substitution.
  { command: 'npm test $(evil)', reason: /\$\(/ },
  { command: 'npm test `evil`', reason: /`/ },
  // Both: backslash-newline joins the lines into `npm test`, but the approval card shows two lines.
  { command: 'npm te\\\nst', reason: /backslash-newline/ },
  { command: 'npm test \\\n; evil', reason: /backslash-newline/ },
  { command: 'echo "a\\\nb"', reason: /backslash-newline/ },
  // Both: a trailing backslash is literal in dash and bash alike but unmodelled.
  { command: 'npm test \\', reason: /backslash/ },
  // Both: a comment hides the rest of the line from the person approving it.
  { command: 'npm test # ; evil', reason: /#/ },
  { command: 'npm test #\nevil', reason: /#/ },
  // Both: `#` inside a word is literal; refused all the same.
  { command: 'npm test a#b', reason: /#/ },
  // bash (extglob): patterns. dash: syntax errors.
  { command: 'echo @(a|b)', reason: /parentheses/ },
  { command: 'echo !(x)', reason: /parentheses|!/ },
  { command: 'echo +(x)', reason: /parentheses/ },
  { command: 'echo *(x)', reason: /parentheses/ },
  { command: 'echo ?(x)', reason: /parentheses/ },
  // Both: opens the file read-write: a file redirection.
  { command: 'npm test <>file', reason: /file/ },
  // Both: truncates the file, even with noclobber.
  { command: 'npm test >|file', reason: /file/ },
  // bash: appends to variable a. dash: runs a command named `a+=1`.
  { command: 'a+=1 npm test', reason: /a\+=1/ },
  // bash: sets an array element. dash: runs the command `a[0]=1` (a glob).
  { command: 'a[0]=1 npm test', reason: /a\[0\]=1/ },
  // bash: an array assignment. dash: a syntax error.
  { command: 'a=(1 2)', reason: /parentheses/ },
  // bash: `$é` may be read as a name in some locales. dash: `$` then `é`.
  { command: 'echo $é', reason: /non-ASCII/ },
  { command: 'echo $aé', reason: /non-ASCII/ },
  // Both: eval and trap run their arguments as shell code, which this check does not read.
  { command: "eval 'npm test; evil'", reason: /eval/ },
  { command: "trap 'evil' EXIT; npm test", reason: /trap/ },
  // Both: the later command runs elsewhere, with other variables, aliases or lookup than it seems to.
  { command: 'cd ../other && npm test', reason: /`cd` before other commands/ },
  { command: 'cd /tmp; npm test', reason: /`cd`/ },
  { command: 'export NODE_OPTIONS=--require=./evil.js; npm test', reason: /`export`/ },
  { command: 'alias npm=evil\nnpm test', reason: /`alias`/ },
  { command: 'unset PATH; npm test', reason: /`unset`/ },
  { command: 'hash -p ./evil npm; npm test', reason: /`hash`/ },
  { command: '. ./evil.sh; npm test', reason: /`\.`/ },
  { command: 'source ./evil.sh && npm test', reason: /`source`/ },
  { command: 'set -o noglob; npm test', reason: /`set`/ },
  // bash: extglob changes how the next line parses. dash: no shopt, an error.
  { command: 'shopt -s extglob\nnpm test', reason: /`shopt`/ },
  // bash: disables the builtin, so a PATH program runs instead. dash: no enable.
  { command: 'enable -n echo; echo x', reason: /`enable`/ },
  { command: '"cd" .. && npm test', reason: /`cd`/ },
  { command: 'command cd .. && npm test', reason: /`command`/ },
  { command: 'read PATH </dev/null; npm test', reason: /`read`/ },
  // bash: printf -v assigns PATH. dash: prints "-v".
  { command: 'printf -v PATH ./evil; npm test', reason: /`printf`/ },
  // bash 5: a lone `$` keeps the word from being split (`av  w*$`). dash: splits it (`av`, `w*$`).
  { command: 'echo a$x$', reason: /starts no parameter/ },
  { command: 'echo $', reason: /starts no parameter/ },
  { command: 'echo a$/b', reason: /starts no parameter/ },
  // dash: `1>` is the next redirection's descriptor, and `>&` lacks a target: a syntax error. bash: `2>&1` then `>/dev/null`.
  { command: 'npm test 2>&1>/dev/null', reason: /digits right before another redirection/ },
  { command: 'npm test >&2</dev/null', reason: /digits right before another redirection/ },
  // dash: creates the file `12`, then sends stdout to /dev/null. bash: a syntax error.
  { command: 'npm test >12>/dev/null', reason: /digits right before another redirection/ },
  // Both: syntax errors; refused before either shell reads them.
  { command: 'npm test &&', reason: /operator/ },
  { command: '&& npm test', reason: /&&/ },
  { command: 'npm test ; ; evil', reason: /;/ },
  { command: 'npm test | | evil', reason: /\|/ },
  { command: 'npm test >', reason: /no target/ },
  { command: 'npm test "unterminated', reason: /unterminated/ },
  { command: "npm test 'unterminated", reason: /unterminated/ },
  { command: 'npm test ${x', reason: /unterminated/ },
];

/** Characters both shells keep inside words, but which hide or disguise text on the approval card. */
const INVISIBLE: Array<[string, string]> = [
  ['\r', 'carriage return: a terminal shows only what follows it'],
  ['\r\n', 'CRLF line ending'],
  ['\u0000', 'NUL'],
  ['\u0007', 'bell'],
  ['\u0008', 'backspace'],
  ['\u000b', 'vertical tab'],
  ['\u000c', 'form feed'],
  ['\u001b[2K', 'ANSI escape: erases the line'],
  ['\u007f', 'delete'],
  ['\u0085', 'next line (C1)'],
  ['\u00a0', 'no-break space: one word `npm\u00a0test` that looks like two'],
  ['\u1680', 'ogham space'],
  ['\u2000', 'en quad'],
  ['\u2003', 'em space'],
  ['\u2009', 'thin space'],
  ['\u200b', 'zero-width space'],
  ['\u200d', 'zero-width joiner'],
  ['\u200e', 'left-to-right mark'],
  ['\u2028', 'line separator'],
  ['\u2029', 'paragraph separator'],
  ['\u202e', 'right-to-left override'],
  ['\u2066', 'left-to-right isolate'],
  ['\u205f', 'medium mathematical space'],
  ['\u3000', 'ideographic space'],
  ['\ufeff', 'byte-order mark'],
  ['\ud800', 'lone surrogate'],
  ['\ue000', 'private use'],
];

describe('constructs dash and bash read differently, or that are not modelled', () => {
  for (const { command, reason } of REFUSED) {
    test(`asks for ${JSON.stringify(command)}`, () => {
      const approval = checkCommandApproval(command, ALLOW_LIST);
      assert.equal(approval.allowed, false);
      assert.ok(!approval.allowed && reason.test(approval.reason), `reason ${JSON.stringify(!approval.allowed && approval.reason)} should match ${reason}`);
    });
  }

  test('has a case for every refused construct class', () => {
    assert.ok(REFUSED.length >= 80);
  });
});

describe('control, invisible and non-ASCII space characters anywhere', () => {
  for (const [character, name] of INVISIBLE) {
    test(`asks for ${name} (${JSON.stringify(character)}), unquoted or quoted`, () => {
      for (const command of [`npm test${character}`, `npm${character}test`, `npm test${character}evil`, `echo '${character}'`, `echo "${character}"`, `echo \\${character}`]) {
        const approval = checkCommandApproval(command, ALLOW_LIST);
        assert.ok(!approval.allowed, JSON.stringify(command));
        assert.match(approval.reason, /carriage return|control character|non-ASCII space or invisible/, JSON.stringify(command));
      }
    });
  }

  test('tabs and newlines between words and commands are fine, and non-ASCII letters are plain text', () => {
    assert.deepEqual(checkCommandApproval('npm\ttest\t--grep\tx\nnpm test', ALLOW_LIST), { allowed: true });
    assert.deepEqual(checkCommandApproval("echo 'a\tb' \"c\nd\" café 日本", ALLOW_LIST), { allowed: true });
  });
});

// The readings in the comments above, checked against the real shells. Lines that differ print different
// things (or one shell fails); lines that read the same in both are refused for other reasons.
interface Reading {
  line: string;
  /** Expected output: stdout, `|`, then stderr without the shell's own error messages. */
  dash: string;
  bash: string;
  /** Allowed by the policy under ALLOW_LIST. */
  allowed: boolean;
}

const READINGS: Reading[] = [
  // dash runs the second command: the `>&2` shows its output, which bash sends to /dev/null.
  { line: 'echo ok &>/dev/null echo ran >&2', dash: 'ok\n|ran\n', bash: '|', allowed: false },
  { line: 'echo ok |& cat', dash: '|', bash: 'ok\n|', allowed: false },
  { line: 'echo x >&/dev/null; echo after', dash: '|', bash: 'after\n|', allowed: false },
  { line: 'echo a 10>/dev/null; echo b', dash: 'b\n|', bash: 'a\nb\n|', allowed: false },
  { line: 'echo {a,b}', dash: '{a,b}\n|', bash: 'a b\n|', allowed: false },
  { line: 'echo {1..3}', dash: '{1..3}\n|', bash: '1 2 3\n|', allowed: false },
  { line: "echo $'A'", dash: '$A\n|', bash: 'A\n|', allowed: false },
  { line: 'echo $"A"', dash: '$A\n|', bash: 'A\n|', allowed: false },
  { line: 'echo $[1+1]', dash: '$[1+1]\n|', bash: '2\n|', allowed: false },
  { line: 'cat <<< here', dash: '|', bash: 'here\n|', allowed: false },
  { line: '[[ a = a ]] && echo yes', dash: '|', bash: 'yes\n|', allowed: false },
  { line: 'a+=1 echo z', dash: '|', bash: 'z\n|', allowed: false },
  { line: 'x=ab; echo ${x//a/b}', dash: '|', bash: 'bb\n|', allowed: false },
  { line: 'function f { echo f; }; f', dash: '|', bash: 'f\n|', allowed: false },
  { line: 'echo ok ;& echo no', dash: '|', bash: '|', allowed: false },
  { line: 'x="v  w"; echo a$x$', dash: 'av w$\n|', bash: 'av  w$\n|', allowed: false },
  { line: 'echo ok 2>&1>/dev/null; echo after', dash: '|', bash: 'after\n|', allowed: false },
  // Aliases are expanded in `sh -c` by dash and by bash in POSIX mode, from the next line on.
  { line: 'alias cat=echo\ncat aliased', dash: 'aliased\n|', bash: 'aliased\n|', allowed: false },
  // The same in both shells, refused because the approval card would mislead or the grammar is not modelled.
  { line: 'echo ok # ; echo hidden', dash: 'ok\n|', bash: 'ok\n|', allowed: false },
  { line: 'ec\\\nho joined', dash: 'joined\n|', bash: 'joined\n|', allowed: false },
  { line: '! echo negated', dash: 'negated\n|', bash: 'negated\n|', allowed: false },
  // Controls: read the same by both, and allowed.
  { line: 'echo ok 2>&1', dash: 'ok\n|', bash: 'ok\n|', allowed: true },
  { line: 'echo hidden >/dev/null; echo shown', dash: 'shown\n|', bash: 'shown\n|', allowed: true },
  { line: '"echo" \'a  b\' c\\ d', dash: 'a  b c d\n|', bash: 'a  b c d\n|', allowed: true },
  { line: 'echo ok >&2', dash: '|ok\n', bash: '|ok\n', allowed: true },
  { line: "echo '$(not run)' \"a;b\"", dash: '$(not run) a;b\n|', bash: '$(not run) a;b\n|', allowed: true },
];

function shellsAvailable(): string | undefined {
  try {
    if (!realpathSync('/bin/sh').endsWith('dash')) return '/bin/sh is not dash';
  } catch {
    return 'no /bin/sh';
  }
  return spawnSync('bash', ['-c', 'true']).status === 0 ? undefined : 'no bash';
}

describe('the readings, checked against dash and bash', () => {
  const skip = shellsAvailable();
  const run = (shell: string, args: string[], line: string, cwd: string) => {
    // stdin is /dev/null, as in the command tool: on a socket (Node's default pipe) bash would read ~/.bashrc.
    const result = spawnSync(shell, [...args, line], { cwd, encoding: 'utf8', timeout: 5_000, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } });
    // stdout, then `|`, then what the commands wrote to stderr (the shells' own error messages left out).
    const written = result.stderr.split('\n').filter((text) => text !== '' && !/^(?:\/bin\/sh|bash|dash|sh):/.test(text));
    return `${result.stdout}|${written.map((text) => `${text}\n`).join('')}`;
  };
  for (const reading of READINGS) {
    test(`${JSON.stringify(reading.line)}: dash ${JSON.stringify(reading.dash)}, bash ${JSON.stringify(reading.bash)}`, { skip }, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'command-grammar-'));
      try {
        assert.equal(run('/bin/sh', ['-c'], reading.line, cwd), reading.dash, 'dash');
        assert.equal(run('bash', ['--posix', '-c'], reading.line, cwd), reading.bash, 'bash');
        assert.deepEqual(readdirSync(cwd), [], 'no file is created');
      } finally {
        if (existsSync(cwd)) rmSync(cwd, { recursive: true, force: true });
      }
      assert.equal(checkCommandApproval(reading.line, ALLOW_LIST).allowed, reading.allowed, 'policy');
    });
  }
});
