// Path confinement on the text of the path: every escape attempt is refused (POSIX and Windows rules),
// and ordinary workspace paths come back normalized and workspace-relative.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveWorkspacePath } from '../../../src/common/tools/paths';

const POSIX_ROOT = '/work/proj';
const WINDOWS_ROOT = 'C:\\Users\\me\\proj';

const POSIX_ESCAPES = [
  '../x',
  '../../etc/passwd',
  'a/../../x',
  './../x',
  'src/../../proj-other/file',
  '/etc/passwd',
  '/work/proj/../secret',
  '/work/projX/a',
  '/work/pro',
  '/',
  '~/x',
  '~root/.ssh/id_rsa',
  '~',
  '%2e%2e/x',
  '%2E%2E%2Fetc%2Fpasswd',
  '..%2fetc',
  '%252e%252e/x',
  'a%2f..%2f..%2fb',
  'a%00b',
  'a\u0000b',
  'a\nb',
  'C:\\Windows\\system.ini',
  'C:/x',
  'c:x',
  '\\\\server\\share\\x',
  '//server/share/x',
  '..\\..\\etc\\passwd',
  'a\\..\\..\\x',
  'file:///etc/passwd',
  'file://host/share/x',
  'file:///work/proj/../other',
  'file:///work/proj/%2e%2e/other',
  'file:relative/path',
  'http://example.com/x',
  'vscode-remote://ssh/etc/passwd',
  '\uff0e\uff0e/x',
  'a\uff0f..\uff0f..\uff0fx',
  '\u2215etc\u2215passwd',
  '..',
];

const WINDOWS_ESCAPES = [
  '..\\x',
  'D:\\x',
  'C:\\Users\\me\\projX\\a',
  'C:\\Users\\me',
  'c:\\users\\me\\proj\\..\\..\\x',
  '\\\\?\\C:\\Users\\me\\proj\\a',
  '\\\\.\\pipe\\x',
  '\\x',
  '/etc/passwd',
  'C:x',
  'a\\..\\..\\b',
  'con',
  'a\\nul.txt',
  'COM1',
  'file.txt:stream',
  '...\\x',
  '.. \\x',
  'a\\b.',
  'file:///D:/x',
  '\\\\server\\share\\x',
  'a|b',
  'a?b',
  'GIT~1\\config',
];

function assertRefused(root: string, requested: string): void {
  const result = resolveWorkspacePath(root, requested);
  assert.equal(result.ok, false, `escaped: ${JSON.stringify(requested)} -> ${JSON.stringify(result)}`);
  if (!result.ok) assert.ok(result.reason.length > 0);
}

describe('resolveWorkspacePath refuses escapes', () => {
  for (const requested of POSIX_ESCAPES) {
    test(`POSIX workspace refuses ${JSON.stringify(requested)}`, () => assertRefused(POSIX_ROOT, requested));
  }
  for (const requested of WINDOWS_ESCAPES) {
    test(`Windows workspace refuses ${JSON.stringify(requested)}`, () => assertRefused(WINDOWS_ROOT, requested));
  }

  test('the corpus has at least 30 escape cases', () => {
    assert.ok(POSIX_ESCAPES.length + WINDOWS_ESCAPES.length >= 30);
  });

  test('the workspace itself only when asked for', () => {
    assertRefused(POSIX_ROOT, '.');
    assertRefused(POSIX_ROOT, '');
    const root = resolveWorkspacePath(POSIX_ROOT, '.', { allowWorkspaceRoot: true });
    assert.deepEqual(root, { ok: true, relativePath: '.', absolutePath: '/work/proj' });
  });

  test('reasons explain the refusal', () => {
    const reason = (requested: string): string => {
      const result = resolveWorkspacePath(POSIX_ROOT, requested);
      return result.ok ? '' : result.reason;
    };
    assert.match(reason('../x'), /outside the workspace/);
    assert.match(reason('~/x'), /home/);
    assert.match(reason('%2e%2e/x'), /percent-encoded/);
    assert.match(reason('a\u0000b'), /control characters/);
    assert.match(reason('C:\\x'), /drive/);
  });
});

describe('resolveWorkspacePath accepts workspace paths', () => {
  const accepted: Array<[root: string, requested: string, relativePath: string, absolutePath: string]> = [
    [POSIX_ROOT, 'src/a.ts', 'src/a.ts', '/work/proj/src/a.ts'],
    [POSIX_ROOT, './src/a.ts', 'src/a.ts', '/work/proj/src/a.ts'],
    [POSIX_ROOT, 'src/../src/a.ts', 'src/a.ts', '/work/proj/src/a.ts'],
    [POSIX_ROOT, '/work/proj/src/a.ts', 'src/a.ts', '/work/proj/src/a.ts'],
    [POSIX_ROOT, 'src\\a.ts', 'src/a.ts', '/work/proj/src/a.ts'],
    [POSIX_ROOT, 'file:///work/proj/a%20b.ts', 'a b.ts', '/work/proj/a b.ts'],
    [POSIX_ROOT, 'a%20b.txt', 'a%20b.txt', '/work/proj/a%20b.txt'],
    [POSIX_ROOT, '100%.txt', '100%.txt', '/work/proj/100%.txt'],
    [POSIX_ROOT, '...', '...', '/work/proj/...'],
    [POSIX_ROOT, 'dir/.hidden', 'dir/.hidden', '/work/proj/dir/.hidden'],
    [POSIX_ROOT, 'ünïcødé/文件.ts', 'ünïcødé/文件.ts', '/work/proj/ünïcødé/文件.ts'],
    [POSIX_ROOT, '  src/a.ts  ', 'src/a.ts', '/work/proj/src/a.ts'],
    ['/work/proj/', 'a//b', 'a/b', '/work/proj/a/b'],
    [WINDOWS_ROOT, 'src/a.ts', 'src/a.ts', 'C:\\Users\\me\\proj\\src\\a.ts'],
    [WINDOWS_ROOT, 'src\\a.ts', 'src/a.ts', 'C:\\Users\\me\\proj\\src\\a.ts'],
    [WINDOWS_ROOT, 'C:\\Users\\me\\proj\\src\\a.ts', 'src/a.ts', 'C:\\Users\\me\\proj\\src\\a.ts'],
    [WINDOWS_ROOT, 'c:/users/ME/proj/x', 'x', 'C:\\Users\\me\\proj\\x'],
    [WINDOWS_ROOT, 'file:///c:/Users/me/proj/y.ts', 'y.ts', 'C:\\Users\\me\\proj\\y.ts'],
    ['\\\\server\\share\\proj', 'src\\a.ts', 'src/a.ts', '\\\\server\\share\\proj\\src\\a.ts'],
    ['\\\\server\\share\\proj', '\\\\SERVER\\share\\proj\\b.ts', 'b.ts', '\\\\server\\share\\proj\\b.ts'],
  ];
  for (const [root, requested, relativePath, absolutePath] of accepted) {
    test(`${root} + ${JSON.stringify(requested)}`, () => {
      assert.deepEqual(resolveWorkspacePath(root, requested), { ok: true, relativePath, absolutePath });
    });
  }

  test('a colon is an ordinary character on POSIX but a stream separator on Windows', () => {
    assert.deepEqual(resolveWorkspacePath(POSIX_ROOT, 'x/a:b'), { ok: true, relativePath: 'x/a:b', absolutePath: '/work/proj/x/a:b' });
    assert.equal(resolveWorkspacePath(WINDOWS_ROOT, 'x/a:b').ok, false);
  });

  test('the platform can be forced', () => {
    assert.equal(resolveWorkspacePath('C:\\proj', 'src/a.ts', { platform: 'posix' }).ok, false);
    assert.equal(resolveWorkspacePath('/proj', 'src/a.ts', { platform: 'win32' }).ok, false);
    assert.equal(resolveWorkspacePath('C:\\proj', 'src/a.ts', { platform: 'win32' }).ok, true);
  });
});
