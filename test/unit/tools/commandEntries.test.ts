// Allow-list entries match exactly their words; only an entry ending in the word `*` allows further arguments.
// Package managers and git take arguments that load code, change the project or rewrite their own config,
// so an exact entry must refuse every one of them; words the shell would expand never equal an entry word.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCommandApproval, isAllowedWithoutAsking } from '../../../src/common/tools/commandPolicy';

function assertAllowed(command: string, allowList: readonly string[]): void {
  assert.deepEqual(checkCommandApproval(command, allowList), { allowed: true }, `${JSON.stringify(command)} under ${JSON.stringify(allowList)}`);
}

function assertAsks(command: string, allowList: readonly string[]): void {
  assert.equal(isAllowedWithoutAsking(command, allowList), false, `${JSON.stringify(command)} under ${JSON.stringify(allowList)}`);
}

describe('exact entries', () => {
  const EXACT = ['npm test'];
  const SAME_WORDS = ['npm test', '  npm   test  ', '\tnpm\ttest\t', '"npm" test', "'npm' 'test'", 'npm te"st"', "n''pm test", 'n\\pm test', 'npm test\n', 'npm test;', 'npm test &'];
  const OTHER_WORDS = ['npm test x', "npm test ''", 'npm test ""', 'npm', 'npm testx', 'npm tes', 'npm test -- --grep x', 'npm  test  --', 'npm\\ test', '"npm test"', 'npm test test', 'NPM test', 'npm run test'];

  for (const command of SAME_WORDS) test(`allows the same words: ${JSON.stringify(command)}`, () => assertAllowed(command, EXACT));
  for (const command of OTHER_WORDS) test(`asks for other words: ${JSON.stringify(command)}`, () => assertAsks(command, EXACT));
});

describe('entries ending in *', () => {
  const REST = ['npm test *'];
  const PLAIN_ARGUMENTS = [
    'npm test',
    'npm test a',
    'npm test -- --grep x',
    "npm test 'a b' \"c d\" e\\ f",
    'npm test src/*.ts',
    'npm test $HOME ${USER} "$1"',
    'npm test ~/x',
    'npm test a=b',
    'npm test 2>&1 --reporter dot',
    'npm test --reporter dot >/dev/null',
    "npm test '$(not run)' '`nor this`' '; rm -rf /'",
  ];
  const NOT_PLAIN = [
    'npm tes',
    'npm',
    'npm testx y',
    'npm test; rm -rf /',
    'npm test && rm -rf /',
    'npm test | sh',
    'npm test & sh',
    'npm test\nsh',
    'npm test > out.txt',
    'npm test 2>log',
    'npm test < in.txt',
    'npm test $(id)',
    'npm test `id`',
    'npm test "$(id)"',
    'npm test ${x:-$(id)}',
    'npm test <(id)',
    'npm test {a,b}',
    'npm test a#b',
    'npm test # x',
    'npm test !x',
    'npm test &>/dev/null sh',
    'npm test |& sh',
    "npm test $'\\x41'",
    'npm test (x)',
    'npm test\r',
    'FOO=1 npm test',
    'NODE_OPTIONS=--require=./evil.js npm test x',
  ];

  for (const command of PLAIN_ARGUMENTS) test(`allows plain further arguments: ${JSON.stringify(command)}`, () => assertAllowed(command, REST));
  for (const command of NOT_PLAIN) test(`asks for: ${JSON.stringify(command)}`, () => assertAsks(command, REST));

  test('npm run lint * takes plain arguments, but not another script', () => {
    const allowList = ['npm run lint *'];
    for (const command of ['npm run lint', 'npm run lint src/a.ts b.ts', 'npm run lint -- --fix', 'npm run lint --silent']) assertAllowed(command, allowList);
    for (const command of ['npm run evil', 'npm run', 'npm run lint2 x', 'npm run-script lint']) assertAsks(command, allowList);
  });

  test('a * that is not the last word, or is quoted, is a literal word', () => {
    assertAllowed("npm '*' test", ['npm * test']);
    assertAsks('npm * test', ['npm * test']); // a glob in the command: the shell may expand it
    assertAsks('npm x test', ['npm * test']);
    assertAsks('npm test x', ['npm * test']);
    assertAllowed("npm test '*'", ["npm test '*'"]);
    assertAllowed('npm test \\*', ["npm test '*'"]);
    assertAsks('npm test', ["npm test '*'"]);
    assertAsks('npm test x', ["npm test '*'"]);
    assertAsks('npm test x', ['npm test "*"']);
  });

  test('* * allows only what follows a literal *', () => {
    assertAllowed("ls '*' a b", ['ls * *']);
    assertAsks('ls a b', ['ls * *']);
  });
});

describe('entries that are ignored', () => {
  const IGNORED = [
    '',
    '   ',
    '*',
    ' * ',
    'FOO=1',
    'FOO=1 *',
    'A=1 B=2 *',
    'npm test; rm',
    'npm test && npm run lint',
    'npm test | cat',
    'npm test &',
    'npm $(x)',
    'npm `x`',
    'npm test > out.txt',
    'npm test 2>&1',
    'npm test >/dev/null',
    'npm test # comment',
    '(npm test)',
    '{ npm test; }',
    'npm test &&',
    'npm test &>/dev/null',
    "npm $'test'",
    'npm test\r',
    'if',
    'time npm test',
  ];
  for (const entry of IGNORED) {
    test(`entry ${JSON.stringify(entry)} matches nothing`, () => {
      for (const command of ['npm test', 'npm', 'ls', 'rm -rf /', 'FOO=1', 'FOO=1 rm -rf /', 'A=1 B=2 rm']) assertAsks(command, [entry]);
    });
  }

  test('a good entry next to ignored ones still works', () => {
    assertAllowed('npm test', ['*', '', 'npm test; rm', 'npm test']);
    assertAsks('rm -rf /', ['*', '', 'npm test; rm', 'npm test']);
  });
});

describe('expanded words never equal entry words', () => {
  // Each word the shell rewrites (glob, tilde, parameter, brace) in a matched position means asking,
  // even though the rewritten text could equal the entry's word.
  const EXPANDING = [
    'np? test',
    'n[p]m test',
    'npm tes*',
    'npm te[s]t',
    'npm t?st',
    '*pm test',
    '~/npm test',
    '~npm test',
    '$NPM test',
    '${NPM} test',
    'npm $T',
    'npm "$T"',
    'npm ${T}',
    'npm te$x',
    'npm $1',
    'npm "$@"',
    'npm te{s,}t',
    'npm {test,x}',
  ];
  for (const command of EXPANDING) {
    test(`asks for ${JSON.stringify(command)} under an exact entry and under a * entry`, () => {
      assertAsks(command, ['npm test']);
      assertAsks(command, ['npm test *']);
    });
  }

  test('an entry word with glob characters is literal: only a quoted command word equals it', () => {
    assertAllowed("ls '*.ts'", ['ls *.ts']);
    assertAllowed('ls "*.ts"', ['ls *.ts']);
    assertAsks('ls *.ts', ['ls *.ts']);
    assertAllowed("echo '$HOME'", ['echo $HOME']);
    assertAsks('echo $HOME', ['echo $HOME']);
  });
});

describe('variable assignments before the command', () => {
  const ASSIGNMENTS = [
    'FOO=1 npm test',
    'NODE_OPTIONS=--require=./evil.js npm test',
    'NODE_OPTIONS="--require ./evil.js" npm test',
    'npm_config_script_shell=./evil.sh npm test',
    'npm_config_node_options=--require=./evil.js npm test',
    'npm_config_userconfig=./evil npm test',
    'PATH=.:$PATH npm test',
    'PATH=/tmp/evil npm test',
    'LD_PRELOAD=./evil.so npm test',
    'GIT_EXTERNAL_DIFF=./evil git diff',
    'GIT_CONFIG_PARAMETERS="\'core.fsmonitor=./evil\'" git status',
    'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=./evil git diff',
    'GIT_DIR=../other/.git git status',
    'A= npm test',
  ];
  for (const command of ASSIGNMENTS) {
    test(`asks for ${JSON.stringify(command)} under entries that do not start with it`, () => {
      assertAsks(command, ['npm test', 'npm test *', 'git status', 'git diff', 'git *']);
    });
  }

  test('an entry that starts with assignments matches only the same assignments', () => {
    const allowList = ['NODE_ENV=test npm test'];
    assertAllowed('NODE_ENV=test npm test', allowList);
    assertAllowed("NODE_ENV='test' npm test", allowList);
    assertAsks('npm test', allowList);
    assertAsks('NODE_ENV=prod npm test', allowList);
    assertAsks('NODE_ENV=test FOO=1 npm test', allowList);
    assertAsks('NODE_ENV=test npm test x', allowList);
    assertAsks('NODE_ENV=$X npm test', allowList);
    // Quoted, it is no assignment but the name of a command to run.
    assertAsks('"NODE_ENV=test" npm test', allowList);
    assertAsks('NODE_ENV"=test" npm test', allowList);
    assertAsks('NODE_ENV=test npm test', ['"NODE_ENV=test" npm test']);
  });

  test('an assignment-like argument after the command name is a plain word', () => {
    assertAllowed('npm test a=b', ['npm test a=b']);
    assertAllowed('npm test a=b', ['npm test *']);
  });
});

// Each argument below makes the tool load or run other code, work in another project, or read another
// config: an exact entry refuses every one of them, wherever it is placed.
const CODE_LOADING: Record<string, string[]> = {
  'npm test': [
    'npm test --require=./evil.js',
    'npm test --require ./evil.js',
    'npm test -r ./evil.js',
    'npm test --node-options=--require=./evil.js',
    'npm test --node-options="--require ./evil.js"',
    'npm test --script-shell=./evil.sh',
    'npm test --script-shell ./evil.sh',
    'npm --script-shell=./evil.sh test',
    'npm test --prefix ../other',
    'npm test --prefix=/tmp/evil',
    'npm --prefix ../other test',
    'npm -C ../other test',
    'npm test --userconfig=./evil.npmrc',
    'npm test --globalconfig ./evil.npmrc',
    'npm --userconfig ./evil.npmrc test',
    'npm test --registry=http://evil.example',
    'npm test --workspace=evil',
    'npm test -w evil',
    'npm test --workspaces',
    'npm test --ignore-scripts=false',
    'npm test --foreground-scripts',
    'npm test -- --require ./evil.js',
    'npm test -- --config=./evil.config.js',
    'npm test --call=./evil.sh',
    'npm test evil',
    'npm test --loglevel silly',
  ],
  'npm run lint': ['npm run lint -- --rulesdir ./evil', 'npm run lint --script-shell=./evil.sh', 'npm run lint --node-options=--require=./evil.js', 'npm run evil', 'npm run lint evil', 'npm run lint --prefix ../other', 'npm run lint --if-present'],
  'yarn test': [
    'yarn test --require ./evil.js',
    'yarn test --cwd ../other',
    'yarn --cwd ../other test',
    'yarn test --use-yarnrc ./evil.yarnrc',
    'yarn --use-yarnrc ./evil.yarnrc test',
    'yarn test --rcfile ./evil',
    'yarn test --modules-folder ./evil',
    'yarn test --node-options=--require=./evil.js',
    'yarn run evil',
    'yarn test evil',
    'yarn test -- --setupFiles ./evil.js',
  ],
  'pnpm test': [
    'pnpm test --dir ../other',
    'pnpm -C ../other test',
    'pnpm --dir ../other test',
    'pnpm test --filter evil',
    'pnpm test -r',
    'pnpm test --recursive',
    'pnpm --workspace-root test',
    'pnpm test --config.script-shell=./evil.sh',
    'pnpm test --node-options=--require=./evil.js',
    'pnpm test --shell-emulator',
    'pnpm test -- --require ./evil.js',
    'pnpm run evil',
  ],
  'git status': [
    'git -c core.fsmonitor=./evil status',
    'git -c core.hooksPath=./evil status',
    'git -c core.pager=./evil status',
    'git -c include.path=./evil.gitconfig status',
    'git --config-env=core.fsmonitor=EVIL status',
    'git --exec-path=./evil status',
    'git --git-dir=../other/.git status',
    'git --work-tree=/ status',
    'git -C ../other status',
    'git --namespace=evil status',
    'git status --porcelain',
    'git status -uall',
    'git status -- ../other',
  ],
  'git diff': [
    'git diff --ext-diff',
    'git diff --textconv',
    'git -c diff.external=./evil diff',
    'git -c diff.x.textconv=./evil diff',
    'git -c core.pager=./evil diff',
    'git diff --output=./package.json',
    'git diff --output ./package.json',
    'git diff --no-index /etc/passwd /dev/null',
    'git diff HEAD',
    'git -p diff',
    'git --paginate diff',
  ],
};

describe('arguments that load code, refused under exact entries', () => {
  for (const [entry, commands] of Object.entries(CODE_LOADING)) {
    for (const command of commands) {
      test(`${JSON.stringify(command)} under [${JSON.stringify(entry)}]`, () => {
        assertAsks(command, [entry]);
        assertAllowed(entry, [entry]);
      });
    }
  }

  test('has a family for npm, yarn, pnpm and git', () => {
    assert.ok(Object.values(CODE_LOADING).flat().length >= 70);
  });
});

describe('builtins that change the rest of the line', () => {
  test('are refused before other commands even when allow-listed, and allowed last or alone', () => {
    const allowList = ['cd *', 'export *', 'alias *', 'set *', 'npm test', 'printf *'];
    for (const command of ['cd ../other && npm test', 'export A=1; npm test', 'alias npm=x\nnpm test', 'set -f; npm test', 'cd .. | npm test', 'cd .. & npm test', 'printf -v PATH x; npm test']) {
      assertAsks(command, allowList);
    }
    for (const command of ['cd src', 'npm test; cd ..', 'npm test && export A=1', 'printf x; npm test']) assertAllowed(command, allowList);
  });

  test('eval and trap are refused even when allow-listed', () => {
    assertAsks('eval x', ['eval *']);
    assertAsks('eval x', ['eval x']);
    assertAsks("trap 'x' EXIT", ['trap *']);
  });
});

describe('controls that must still be allowed', () => {
  const ALLOW_LIST = ['npm test', 'npm run lint *', 'git status'];
  const CONTROLS = [
    'npm test',
    'npm test 2>&1',
    'npm test >/dev/null',
    'npm test > /dev/null 2>&1',
    'npm test 2>/dev/null',
    'npm test 2>>/dev/null',
    'npm test >|/dev/null',
    'npm test </dev/null',
    'npm test >"/dev/null"',
    'npm test >&2',
    'npm test 2>&-',
    'npm test >& 1',
    '>/dev/null npm test',
    'npm >/dev/null test',
    '"npm" test',
    "'npm' \"test\"",
    'npm run lint',
    'npm run lint src/a.ts src/b.ts',
    'npm run lint -- --fix',
    'npm run lint src/*.ts',
    'npm test && npm run lint src',
    'npm test; git status',
    'npm test || git status',
    'npm test | npm run lint --stdin',
    'npm test &&\ngit status',
    'npm test\ngit status\n',
    '\n\nnpm test\n\n',
    'npm test &',
    'npm test;',
    'npm\ttest',
  ];
  for (const command of CONTROLS) test(`allows ${JSON.stringify(command)}`, () => assertAllowed(command, ALLOW_LIST));
});
