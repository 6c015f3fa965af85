// Path confinement under attack, for reading and for writing: traversal, encodings, absolute and Windows
// paths, real symbolic and hard links in a temp dir, case tricks and `~`, each sent to the rebuilt read_file
// and write_file tools (confineToolPath = resolveWorkspacePath + checkRealPath as toolContext.ts calls them)
// with a user who approves every change, so any escape really reads or writes outside. Controls inside the
// workspace must still work, so a tool that refuses everything cannot pass.
import { randomBytes } from 'node:crypto';
import { link, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { confineToolPath } from '../../../src/common/tools/toolPaths';
import { toolBench } from '../harness/toolBench';
import { fingerprint, writeFiles } from '../harness/workspace';
import { Checks, clip, type FaultCase, type SuiteContext } from '../suite';

interface Lab {
  base: string;
  root: string;
  outside: string;
  marker: string;
}

let labCounter = 0;

async function createLab(context: SuiteContext): Promise<Lab> {
  const base = join(context.tempRoot, `paths-${++labCounter}`);
  const root = join(base, 'ws');
  const outside = join(base, 'outside');
  const marker = `OUTSIDE-${randomBytes(6).toString('hex')}`;
  await writeFiles(base, {
    'outside/secret.txt': `${marker} secret\n`,
    'outside/hard-target.txt': `${marker} hard\n`,
    'ws-evil/file.txt': `${marker} sibling\n`,
    'ws/src/app.ts': 'export const app = 1;\n',
    'ws/100%.txt': 'a literal percent sign\n',
  });
  await mkdir(join(root, 'empty'), { recursive: true });
  await symlink('../outside', join(root, 'link-out'));
  await symlink(join(outside, 'secret.txt'), join(root, 'secret-link.txt'));
  await symlink('../outside/not-yet.txt', join(root, 'dangling.txt'));
  await symlink('/etc', join(root, 'abs-etc'));
  await symlink('chain-b', join(root, 'chain-a'));
  await symlink('../outside', join(root, 'chain-b'));
  await symlink('loop', join(root, 'loop'));
  await symlink('../../outside/secret.txt', join(root, 'src', 'inner-link'));
  await symlink('../ws-evil', join(root, 'sibling'));
  await symlink('src', join(root, 'docs'));
  await link(join(outside, 'hard-target.txt'), join(root, 'hard.txt'));
  return { base, root, outside, marker };
}

type Operation = 'read' | 'write';

interface Attempt {
  path: string | ((lab: Lab) => string);
  /** Default both; system files are only ever read, never written, even in a test. */
  operations?: Operation[];
}

/** Runs hostile paths through both tools; an escape is any success, any outside content read, any outside change. */
function pathFamily(name: string, expected: string, attempts: Attempt[]): FaultCase {
  return {
    name: `paths: ${name}`,
    kind: 'attack',
    expected,
    run: async (context) => {
      const checks = new Checks();
      const lab = await createLab(context);
      const bench = toolBench(lab.root, () => 'approve');
      const outsideBefore = await fingerprint(lab.base);
      let tried = 0;
      const escaped: string[] = [];
      for (const attempt of attempts) {
        const path = typeof attempt.path === 'function' ? attempt.path(lab) : attempt.path;
        for (const operation of attempt.operations ?? ['read', 'write']) {
          tried++;
          const outcome =
            operation === 'read'
              ? await bench.call('read_file', { path })
              : await bench.call('write_file', { path, content: `PWNED ${lab.marker}\n` });
          const leaked = outcome.content.includes(lab.marker) || /root:.*:0:0:/.test(outcome.content);
          if (outcome.status === 'done' || leaked) escaped.push(`${operation} ${JSON.stringify(path)} (${clip(outcome.content, 60)})`);
        }
      }
      const outsideAfter = await fingerprint(lab.base);
      const insideChanged = outsideBefore !== outsideAfter;
      checks.that(escaped.length === 0, `escaped: ${escaped.join('; ')}`);
      checks.that(!insideChanged, 'something outside the workspace (or in it) changed');
      return checks.result(`${tried} attempts on ${attempts.length} paths, ${escaped.length} escaped, files unchanged: ${!insideChanged}`, {
        attacks: tried,
        escapes: escaped.length + (insideChanged && escaped.length === 0 ? 1 : 0),
      });
    },
  };
}

const WINDOWS_ROOT = 'C:\\work\\proj';
const identityFileSystem = { realpath: async (path: string) => path, isSymbolicLink: async () => false, linkCount: async () => 1 };

export const pathAttackCases: FaultCase[] = [
  pathFamily('.. traversal', 'all refused', [
    { path: '../outside/secret.txt' },
    { path: 'src/../../outside/secret.txt' },
    { path: './../outside/secret.txt' },
    { path: 'src/./../../outside/secret.txt' },
    { path: '../../../../../../etc/passwd', operations: ['read'] },
    { path: '..' },
    { path: 'src/../../ws-evil/file.txt' },
    { path: '..\\outside\\secret.txt' },
    { path: 'src/..\\..\\outside\\secret.txt' },
  ]),
  pathFamily('encoded', 'all refused (percent, double percent, overlong, fullwidth, NUL, file: URIs)', [
    { path: '%2e%2e/outside/secret.txt' },
    { path: '..%2foutside%2fsecret.txt' },
    { path: '%2e%2e%2f%2e%2e%2fetc%2fpasswd', operations: ['read'] },
    { path: '%252e%252e%252foutside%252fsecret.txt' },
    { path: '..%c0%afoutside%c0%afsecret.txt' },
    { path: '\uff0e\uff0e/outside/secret.txt' },
    { path: '..\uff0foutside\uff0fsecret.txt' },
    { path: '..\u2215outside\u2215secret.txt' },
    { path: 'src/app.ts\u0000/../../../outside/secret.txt' },
    { path: 'file:///etc/passwd', operations: ['read'] },
    { path: (lab) => `file://${lab.outside}/secret.txt` },
    { path: (lab) => `file://localhost${lab.outside}/secret.txt` },
  ]),
  pathFamily('absolute', 'all refused, including a sibling folder sharing the prefix', [
    { path: '/etc/passwd', operations: ['read'] },
    { path: '//etc/passwd', operations: ['read'] },
    { path: (lab) => join(lab.outside, 'secret.txt') },
    { path: (lab) => `${lab.root}/../outside/secret.txt` },
    { path: (lab) => `${lab.root}/src/../../outside/secret.txt` },
    { path: (lab) => `${lab.root}-evil/file.txt` },
    { path: (lab) => `${lab.base}/ws-evil/file.txt` },
  ]),
  pathFamily('Windows-style on a POSIX workspace', 'all refused', [
    { path: 'C:\\Windows\\win.ini' },
    { path: 'C:/Windows/win.ini' },
    { path: '\\\\server\\share\\secret.txt' },
    { path: '\\\\?\\C:\\Windows\\win.ini' },
    { path: '\\etc\\passwd', operations: ['read'] },
  ]),
  pathFamily('symbolic links (real, in a temp dir)', 'all refused: to a folder, to a file, dangling, absolute, chained, looping, nested, sibling', [
    { path: 'link-out/secret.txt' },
    { path: 'link-out/new-file.txt' },
    { path: 'secret-link.txt' },
    { path: 'dangling.txt' },
    { path: 'abs-etc/passwd', operations: ['read'] },
    { path: 'chain-a/secret.txt' },
    { path: 'loop' },
    { path: 'src/inner-link' },
    { path: 'sibling/file.txt' },
  ]),
  pathFamily('hard links (real)', 'writing through a hard link to a file outside is refused (reading one is allowed by design: it is a file of the workspace)', [{ path: 'hard.txt', operations: ['write'] }]),
  pathFamily('case tricks', 'a root or link spelled in another case is not the workspace on a case-sensitive disk', [
    { path: (lab) => `${lab.root.toUpperCase()}/src/app.ts` },
    { path: (lab) => `${lab.base}/WS/../outside/secret.txt` },
    { path: 'LINK-OUT/../../outside/secret.txt' },
  ]),
  pathFamily('~ home', 'all refused', [
    { path: '~/.ssh/id_rsa', operations: ['read'] },
    { path: '~' },
    { path: '~root/.bashrc', operations: ['read'] },
    { path: '~/../outside/secret.txt' },
  ]),
  {
    name: 'paths: Windows workspace (lexical, as on a Windows host)',
    kind: 'attack',
    expected: 'all refused: drives, UNC, device paths, ADS, trailing dots, reserved names, 8.3 names, sibling prefix',
    run: async () => {
      const checks = new Checks();
      const attacks = [
        '..\\secret.txt', 'C:\\work\\proj\\..\\other\\x', 'c:\\WORK\\PROJ2\\x', 'D:\\work\\proj\\x', '\\\\server\\share\\x',
        '\\\\?\\C:\\work\\proj\\x', '\\\\.\\C:\\x', 'C:x', '\\work\\proj\\x', 'src\\..\\..\\x', 'src\\CON', 'src\\nul.txt',
        'x.txt::$DATA', '...\\x', '.. \\x', 'GIT~1\\config', 'src\\file.txt:secret', 'C:/work/proj/../../Windows/win.ini',
      ];
      const escaped: string[] = [];
      for (const path of attacks) {
        for (const forWriting of [false, true]) {
          const result = await confineToolPath(WINDOWS_ROOT, path, { fileSystem: identityFileSystem, forWriting });
          if (result.ok) escaped.push(`${forWriting ? 'write' : 'read'} ${path}`);
        }
      }
      const controls = ['src\\app.ts', 'C:\\WORK\\proj\\src\\a.ts', 'src/app.ts'];
      const refusedControls = [];
      for (const path of controls) if (!(await confineToolPath(WINDOWS_ROOT, path, { fileSystem: identityFileSystem })).ok) refusedControls.push(path);
      checks.that(escaped.length === 0, `escaped: ${escaped.join('; ')}`);
      checks.that(refusedControls.length === 0, `controls refused: ${refusedControls.join(', ')}`);
      return checks.result(`${attacks.length * 2} tried, ${escaped.length} escaped; ${controls.length - refusedControls.length}/${controls.length} controls allowed`, {
        attacks: attacks.length * 2,
        escapes: escaped.length,
      });
    },
  },
  {
    name: 'paths: controls inside the workspace',
    kind: 'attack',
    expected: 'ordinary paths (incl. a link inside, a literal %) still read and write',
    run: async (context) => {
      const checks = new Checks();
      const lab = await createLab(context);
      const bench = toolBench(lab.root, () => 'approve');
      const reads = ['src/app.ts', 'src/../src/app.ts', 'docs/app.ts', '100%.txt', `${lab.root}/src/app.ts`];
      const writes = ['src/app.ts', 'src/new-file.ts', 'empty/created.txt'];
      const failed: string[] = [];
      for (const path of reads) if ((await bench.call('read_file', { path })).status !== 'done') failed.push(`read ${path}`);
      for (const path of writes) if ((await bench.call('write_file', { path, content: 'export const value = 2;\n' })).status !== 'done') failed.push(`write ${path}`);
      checks.that(failed.length === 0, `refused: ${failed.join(', ')}`);
      return checks.result(`${reads.length + writes.length - failed.length} of ${reads.length + writes.length} allowed`);
    },
  },
];
