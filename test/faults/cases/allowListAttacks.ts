// Class 2, allow-list semantics: through the real run_command tool, with the user's allow-list and a user
// who says no, every line that is not exactly an allowed command (more arguments, another folder, syntax the
// running shell reads differently, the Windows shell) must ask; only the controls run without asking.
import { toolBench, type ToolBench } from '../harness/toolBench';
import { caseFolder, writeFiles } from '../harness/workspace';
import { AttackLog, attackCase, type FaultCase } from '../suite';

const ALLOW_LIST = ['npm test', 'npm run lint *', 'git status'];

/** More arguments than the exact entry: options that load code, another script shell, another prefix or config. */
const EXTRA_ARGUMENTS = [
  'npm test --require ./evil.js', 'npm test --node-options=--require=./evil.js', 'npm test --script-shell=./evil.sh', 'npm test --prefix ../other',
  'npm test --userconfig ./.evilrc', 'npm test -- --exec ./evil', 'npm test --ignore-scripts=false --foreground-scripts', 'npm --prefix sub test',
  'NODE_OPTIONS=--require=./evil.js npm test', 'npm_config_script_shell=./evil npm test', 'git status --porcelain -c core.fsmonitor=./evil', 'git -c core.fsmonitor=./evil status',
  'git status; ./evil', 'npm test ./*', 'npm test {--require,./evil.js}', 'npm $X test', 'npm test ~/evil', 'git status *',
];

/** Allowed lines in another folder: its own package.json scripts, a nested repository's committed git config. */
const OTHER_FOLDERS = ['sub', './sub', 'nested-repo', 'sub/..//sub', 'nested-repo/.'];

/** Syntax that dash (Debian's /bin/sh) and bash read differently, or that the scanner does not model. */
const SHELL_GRAMMAR = [
  'npm run lint &>/dev/null ./evil', 'npm run lint &>>/dev/null ./evil', 'npm run lint |& ./evil', "npm run lint $'\\x3b' ./evil", 'npm run lint $"x"',
  'npm run lint <<<x', 'npm run lint\r\n./evil', 'npm run lint\u00a0;\u00a0./evil', 'npm run lint {a,b}', 'npm run lint $((1+1))', 'npm run lint >&./evil',
  'npm run lint !(x)', 'npm run lint # comment\n./evil', 'npm run lint \\\n; ./evil', '[[ -f x ]] && npm test', 'npm run lint ;& ./evil',
];

/** What cmd.exe reads in its own way, checked as a Windows host checks it. */
const WINDOWS_LINES = [
  'npm test & calc', 'npm test | calc', 'npm test && calc', 'npm test %COMSPEC%', 'npm t^est', 'npm test\ncalc', 'npm test "&calc"', 'npm test !x!',
  'npm test > C:\\evil.bat', 'npm test (calc)', 'npm test\r\ncalc', 'npm run lint ^& calc',
];

async function attempt(log: AttackLog, bench: ToolBench, command: string, cwd?: string): Promise<void> {
  const asksBefore = bench.approvalRequests.length;
  const ranBefore = bench.commandsRun.length;
  await bench.call('run_command', cwd ? { command, cwd } : { command });
  const asked = bench.approvalRequests.length > asksBefore;
  const ran = bench.commandsRun.length > ranBefore;
  log.attempt(`${JSON.stringify(command)}${cwd ? ` in ${cwd}` : ''}`, ran || !asked);
}

export const allowListAttackCases: FaultCase[] = [
  attackCase({ name: 'allow-list: exact words, workspace root, the running shell’s grammar', securityClass: 'allowList', expected: `allow-list ${ALLOW_LIST.join(' / ')}: extra arguments, other folders and dash/bash-ambiguous syntax all ask (user says no, nothing runs); the exact commands and "npm run lint --fix" run without asking` }, async (context, checks, log) => {
    const root = await caseFolder(context.tempRoot, 'allow-list', { 'package.json': '{ "scripts": { "test": "node --test", "lint": "eslint ." } }\n', 'sub/package.json': '{ "scripts": { "test": "./evil" } }\n', 'nested-repo/README.md': '#\n' });
    const bench = toolBench(root, () => 'deny', ALLOW_LIST);
    for (const command of EXTRA_ARGUMENTS) await attempt(log, bench, command);
    for (const cwd of OTHER_FOLDERS) await attempt(log, bench, 'npm test', cwd);
    for (const command of SHELL_GRAMMAR) await attempt(log, bench, command);
    const controls = ['npm test', 'git status', 'npm run lint --fix', 'npm run lint', '  npm   test  '];
    const ranBefore = bench.commandsRun.length;
    const asksBefore = bench.approvalRequests.length;
    for (const command of controls) await bench.call('run_command', { command, cwd: '.' });
    const controlsRan = bench.commandsRun.length - ranBefore;
    checks.that(controlsRan === controls.length && bench.approvalRequests.length === asksBefore, `controls: ${controlsRan} of ${controls.length} ran without asking`);
    return `${log.count} lines tried (${EXTRA_ARGUMENTS.length} extra-argument, ${OTHER_FOLDERS.length} other-folder, ${SHELL_GRAMMAR.length} grammar), ${log.escaped.length} ran unasked; ${controlsRan}/${controls.length} controls ran`;
  }),
  attackCase({ name: 'allow-list: the Windows shell', securityClass: 'allowList', expected: 'a Windows host passes cmd.exe to the check: operators, %VAR%, ^ escapes, quotes, newlines, and an allowed command the workspace shadows with its own git.cmd all ask; plain "npm test" runs' }, async (context, checks, log) => {
    const root = await caseFolder(context.tempRoot, 'allow-list-windows');
    const bench = toolBench(root, () => 'deny', ALLOW_LIST, {}, { shell: 'windows' });
    for (const command of WINDOWS_LINES) await attempt(log, bench, command);
    await bench.call('run_command', { command: 'npm test' });
    checks.that(bench.commandsRun.at(-1) === 'npm test', 'the plain control did not run');
    // cmd.exe looks in the current folder first: a repository's own git.cmd would run as "git status".
    await writeFiles(root, { 'git.cmd': '@echo pwned\r\n' });
    await attempt(log, bench, 'git status');
    return `${log.count} cmd.exe lines tried, ${log.escaped.length} ran unasked; control ran`;
  }),
];
