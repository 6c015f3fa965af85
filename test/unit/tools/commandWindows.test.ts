// On Windows the command runs through cmd.exe, whose operators, escapes and variables are nothing like
// sh's: only commands made of letters, digits, spaces and -_./:=+,@ may run without asking, and their
// space-separated words are matched with the same exact / trailing-`*` rule.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommandApproval, commandShellForPlatform, isAllowedWithoutAsking } from '../../../src/common/tools/commandPolicy';

const ALLOW_LIST = ['npm test', 'npm run lint *', 'git status'];
const windows = { shell: 'windows' } as const;

describe('commandShellForPlatform', () => {
  test('win32 runs cmd.exe; every other platform runs /bin/sh', () => {
    assert.equal(commandShellForPlatform('win32'), 'windows');
    for (const platform of ['linux', 'darwin', 'freebsd', 'openbsd', 'sunos', 'aix', 'android', 'cygwin', '']) assert.equal(commandShellForPlatform(platform), 'posix', platform);
  });
});

describe('Windows (cmd.exe)', () => {
  const ALLOWED = [
    'npm test',
    '  npm   test  ',
    'git status',
    'npm run lint',
    'npm run lint src/a.ts',
    'npm run lint --fix --max-warnings=0',
    'npm run lint C:/work/src',
    'npm run lint a,b a+b @scope/pkg x:y ./a_b-c.ts',
  ];
  for (const command of ALLOWED) {
    test(`allows ${JSON.stringify(command)}`, () => {
      assert.deepEqual(checkCommandApproval(command, ALLOW_LIST, windows), { allowed: true });
    });
  }

  const REFUSED: Array<[string, RegExp]> = [
    // cmd: `&` runs calc after npm test.
    ['npm test & calc', /`&`/],
    ['npm test && calc', /`&`/],
    ['npm test || calc', /`\|`/],
    // cmd: pipes into calc.
    ['npm test | calc', /`\|`/],
    ['npm test > package.json', /`>`/],
    ['npm test >nul', /`>`/],
    ['npm test 2>&1', /`>`/],
    ['npm test < in.txt', /`<`/],
    // cmd: expands the variable (to cmd.exe's path); %…:~…% slices it.
    ['npm test %COMSPEC%', /`%`/],
    ['npm test %PATH:~0,1%', /`%`/],
    ['%COMSPEC% /c calc', /`%`/],
    // cmd with delayed expansion: !VAR! expands.
    ['npm test !x!', /`!`/],
    // cmd: `^` escapes the next character, so `^&` is a literal & for npm, and `^` splits words oddly.
    ['npm test ^& calc', /`\^`/],
    ['npm ^test', /`\^`/],
    ['np^m test', /`\^`/],
    // cmd: quotes change where operators count.
    ['npm test "a & calc"', /`"`/],
    ['npm test "a\\" & calc"', /`"`/],
    ["npm test '&' calc", /`'`/],
    ['"npm" test', /`"`/],
    ['npm test (calc)', /`\(`/],
    ['npm test ; calc', /`;`/],
    ['npm test\ncalc', /line break/],
    ['npm test\r\ncalc', /carriage return/],
    ['npm test\r', /carriage return/],
    ['npm\ttest', /tab/],
    ['npm test \\\\server\\share', /`\\`/],
    ['npm test `calc`', /`` ` ``|`/],
    ['npm test $(calc)', /`\$`/],
    ['npm test *', /`\*`/],
    ['npm test ?', /`\?`/],
    ['npm test ~', /`~`/],
    ['npm test #', /`#`/],
    ['npm test [x]', /`\[`/],
    ['npm test {x}', /`\{`/],
    ['npm\u00a0test', /U\+00A0/],
    ['npm test\u200b', /U\+200B/],
    ['npm test é', /U\+00E9/],
    ['npm test\u0000', /U\+0000/],
  ];
  for (const [command, reason] of REFUSED) {
    test(`asks for ${JSON.stringify(command)}`, () => {
      const approval = checkCommandApproval(command, ALLOW_LIST, windows);
      assert.equal(approval.allowed, false);
      assert.ok(!approval.allowed && reason.test(approval.reason), `reason: ${!approval.allowed && approval.reason}`);
      assert.ok(!approval.allowed && /cmd\.exe/.test(approval.reason));
    });
  }

  test('words are matched exactly, or with a trailing * entry', () => {
    assert.equal(isAllowedWithoutAsking('npm test x', ['npm test'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm test --prefix=../other', ['npm test'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm testx', ['npm test'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm', ['npm test'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm test x', ['npm test *'], windows), true);
    assert.equal(isAllowedWithoutAsking('npm test', ['npm test *'], windows), true);
    assert.equal(isAllowedWithoutAsking('npm tes', ['npm test *'], windows), false);
    assert.equal(isAllowedWithoutAsking('NPM test', ['npm test'], windows), false);
  });

  test('ignored entries stay ignored, and an empty command asks', () => {
    assert.equal(isAllowedWithoutAsking('npm test', ['*'], windows), false);
    assert.equal(isAllowedWithoutAsking('calc', ['*'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm test', ['npm test & calc'], windows), false);
    assert.equal(isAllowedWithoutAsking('npm test', [], windows), false);
    assert.equal(isAllowedWithoutAsking('', ALLOW_LIST, windows), false);
    assert.equal(isAllowedWithoutAsking('   ', ALLOW_LIST, windows), false);
  });

  test('cmd.exe has no assignments: an entry with one matches nothing there', () => {
    assert.equal(isAllowedWithoutAsking('FOO=1 npm test', ['FOO=1 npm test'], windows), false);
    assert.equal(isAllowedWithoutAsking('FOO=1 npm test', ['npm test *'], windows), false);
  });

  test('the shell defaults to posix', () => {
    assert.equal(isAllowedWithoutAsking('npm test 2>&1', ALLOW_LIST), true);
    assert.equal(isAllowedWithoutAsking('npm test 2>&1', ALLOW_LIST, { shell: 'posix' }), true);
    assert.equal(isAllowedWithoutAsking('npm test 2>&1', ALLOW_LIST, windows), false);
  });
});
