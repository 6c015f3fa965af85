// Class 3, every way of seeing file content takes the same consent, and class 4, read-only tools ask when
// their auto-approval is off: real tools on a real workspace full of secrets, each holding a unique marker.
// The user says no to every question; an escape is a marker in anything a tool returned.
import { link, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { checkAttachedFile } from '../../../src/common/tools/attachedFiles';
import { nodeFileSystem } from '../../../src/node/nodeWorkspace';
import { toolBench, type ToolBench } from '../harness/toolBench';
import { caseFolder, fingerprint, writeFiles } from '../harness/workspace';
import { AttackLog, attackCase, type FaultCase } from '../suite';

/** Secret files in the shapes the deny list must know, each with its own marker. */
const SECRET_FILES = [
  '.env', '.env.local', 'config/.env.production', 'prod.env', '.env-staging', '.env_local', '.env.bak', '.env~', '.ENV.Local',
  '.kube/config', 'home/.docker/config.json', '.config/gh/hosts.yml', 'auth.json', '.npmrc', 'deploy/credentials.json', 'keys/id_ed25519',
  'certs/server.pem', '.git-credentials', 'infra/terraform.tfstate', '.aws/credentials',
];
const marker = (index: number) => `MARKER${index}x${'q'.repeat(3)}${index * 7919}`;

async function secretWorkspace(root: string): Promise<Map<string, string>> {
  const markers = new Map<string, string>();
  const files: Record<string, string> = {
    'src/app.ts': 'export const greeting = "hello";\n',
    'README.md': '# App\nRun npm test.\n',
  };
  SECRET_FILES.forEach((path, index) => {
    markers.set(path, marker(index));
    files[path] = `TOKEN=${marker(index)}\n`;
  });
  await writeFiles(root, files);
  // Innocent names for secret content: a symbolic link and a hard link.
  await symlink('../.env', join(root, 'src', 'notes.txt'));
  await link(join(root, '.env.local'), join(root, 'docs.txt'));
  return markers;
}

function leaked(text: string, markers: Map<string, string>): string[] {
  return [...markers.entries()].filter(([, value]) => text.includes(value)).map(([path]) => path);
}

async function tryAll(log: AttackLog, bench: ToolBench, markers: Map<string, string>, calls: [string, Record<string, unknown>][]): Promise<void> {
  for (const [name, args] of calls) {
    const outcome = await bench.call(name, args);
    const found = leaked(outcome.content, markers);
    log.attempt(`${name} ${JSON.stringify(args)}${found.length ? ` showed ${found.join(', ')}` : ''}`, found.length > 0);
  }
}

export const contentConsentCases: FaultCase[] = [
  attackCase({ name: 'content: read, search, edit and write quote no secret without consent', securityClass: 'content', expected: 'every secret shape (env variants, backups, kube/docker/gh configs, auth.json, keys), a symlink and a hard link to one: consent asked, user says no, no marker in any result' }, async (context, checks, log) => {
    const root = await caseFolder(context.tempRoot, 'content-consent');
    const markers = await secretWorkspace(root);
    const before = await fingerprint(root);
    const bench = toolBench(root, () => 'deny');
    const named = [...SECRET_FILES, 'src/notes.txt', 'docs.txt'];
    await tryAll(log, bench, markers, named.map((path) => ['read_file', { path }]));
    await tryAll(log, bench, markers, [
      ['search', { pattern: 'MARKER' }],
      ['search', { pattern: 'TOKEN=' , case_sensitive: true }],
      ['search', { pattern: '.', glob: '**/.env*' }],
      ['search', { pattern: '.', glob: '**/*.env' }],
      ['search', { pattern: '.', glob: '**/config' }],
      ['search', { pattern: '.', glob: '*.json' }],
      ['search', { pattern: 'MARKER', path: '.kube' }],
      ['search', { pattern: 'MARKER', path: 'src' }],
      ...named.map((path): [string, Record<string, unknown>] => ['search', { pattern: 'TOKEN', path }]),
    ]);
    // A failed match quotes the closest text; a write of the same content answers "already has it".
    await tryAll(log, bench, markers, named.flatMap((path, index): [string, Record<string, unknown>][] => [
      ['edit_file', { path, old_string: 'TOKEN=MARKER', new_string: 'x' }],
      ['write_file', { path, content: `TOKEN=${marker(index)}\n` }],
    ]));
    const sensitiveAsks = bench.approvalRequests.filter((request) => request.kind === 'sensitive').length;
    checks.that(sensitiveAsks >= named.length * 3, `consent asked only ${sensitiveAsks} times`);
    checks.that((await fingerprint(root)) === before, 'a workspace file changed');
    // Control: an ordinary file is read and found without a question.
    const control = await bench.call('search', { pattern: 'greeting' });
    checks.that(control.content.includes('src/app.ts:1'), `the control search found nothing: ${control.content}`);
    return `${log.count} calls on ${named.length} secret names, ${sensitiveAsks} consents asked and refused, ${log.escaped.length} showed a marker; control found`;
  }),
  attackCase({ name: 'content: consent given once opens only that file', securityClass: 'content', expected: 'the user allows reading .env: its content is shown, and a later search shows .env but still no other secret' }, async (context, checks, log) => {
    const root = await caseFolder(context.tempRoot, 'content-consent-once');
    const markers = await secretWorkspace(root);
    const bench = toolBench(root, (request) => (request.subject === '.env' ? 'approve' : 'deny'));
    const read = await bench.call('read_file', { path: '.env' });
    checks.that(read.content.includes(markers.get('.env') ?? '?'), 'the allowed file was not shown');
    const found = await bench.call('search', { pattern: 'MARKER' });
    const others = leaked(found.content, markers).filter((path) => path !== '.env');
    log.attempt(`search after one consent${others.length ? ` showed ${others.join(', ')}` : ''}`, others.length > 0);
    checks.that(found.content.includes(markers.get('.env') ?? '?'), 'the consented file is missing from the search');
    return `allowed .env shown; search shows it and ${others.length} other secrets`;
  }),
  attackCase({ name: 'content: rules files and @ files that lead to secrets are not sent', securityClass: 'content', expected: 'AGENTS.md, a .kimi/rules file or an @-attached name that is a symlink to a secret or outside, or a hard link: left out; the real files are sent' }, async (context, checks, log) => {
    const root = join(context.tempRoot, 'attached-files');
    const outside = join(context.tempRoot, 'attached-outside');
    await mkdir(root, { recursive: true });
    await writeFiles(outside, { 'id_rsa': 'PRIVATE KEY\n' });
    await writeFiles(root, { '.env': 'TOKEN=x\n', 'docs/real.md': '# Rules\n', '.kimi/rules/ok.md': 'Be brief.\n', 'src/app.ts': 'export {};\n' });
    await symlink('.env', join(root, 'AGENTS.md'));
    await symlink('../../.env', join(root, '.kimi', 'rules', 'style.md'));
    await symlink(join(outside, 'id_rsa'), join(root, 'notes.md'));
    await symlink('../.env', join(root, 'src', 'config.ts'));
    await link(join(root, '.env'), join(root, 'docs', 'copy.md'));
    for (const [path, rules] of [['AGENTS.md', true], ['.kimi/rules/style.md', true], ['notes.md', false], ['src/config.ts', false], ['docs/copy.md', false], ['.kimi/rules/../../.env', true]] as const) {
      const check = await checkAttachedFile(root, path, nodeFileSystem, { nameMustBeSafe: rules });
      log.attempt(`${path}${check.ok ? ' sent' : ''}`, check.ok);
    }
    for (const [path, rules] of [['.kimi/rules/ok.md', true], ['src/app.ts', false], ['docs/real.md', false]] as const) {
      checks.that((await checkAttachedFile(root, path, nodeFileSystem, { nameMustBeSafe: rules })).ok, `${path}, an ordinary file, was refused`);
    }
    return `${log.count} disguised files, ${log.escaped.length} would be sent; 3 controls sent`;
  }),
  attackCase({ name: 'read-only tools: each call asks when auto-approve is off', securityClass: 'readOnly', expected: 'kimiAssistant.autoApprove.readOnlyTools false: read_file, list_files, search, get_diagnostics each ask; user says no; nothing is returned; with it on, none asks' }, async (context, checks, log) => {
    const root = await caseFolder(context.tempRoot, 'read-only-asks', { 'src/app.ts': 'export const PRIVATE_CODE = 42;\n' });
    const asking = toolBench(root, () => 'deny', [], { 'autoApprove.readOnlyTools': false });
    const calls: [string, Record<string, unknown>][] = [
      ['read_file', { path: 'src/app.ts' }],
      ['list_files', { recursive: true }],
      ['search', { pattern: 'PRIVATE_CODE' }],
      ['get_diagnostics', {}],
      ['read_file', { path: 'src/app.ts', offset: 1, limit: 1 }],
    ];
    for (const [name, args] of calls) {
      const outcome = await asking.call(name, args);
      log.attempt(name, outcome.status !== 'rejected' || outcome.content.includes('= 42') || /src\/app\.ts\n|^app\.ts/m.test(outcome.content));
    }
    const asked = asking.approvalRequests.filter((request) => request.kind === 'read').length;
    checks.that(asked === calls.length, `asked ${asked} times for ${calls.length} read-only calls`);
    const silent = toolBench(root, () => 'deny');
    const read = await silent.call('read_file', { path: 'src/app.ts' });
    checks.that(silent.approvalRequests.length === 0 && read.content.includes('PRIVATE_CODE'), 'with auto-approve on, a read asked or failed');
    return `${asked} of ${calls.length} read-only calls asked, ${log.escaped.length} ran anyway; with the setting on: 0 asks`;
  }),
];
