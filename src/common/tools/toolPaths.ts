// One place where a tool's path is confined to the workspace: the textual check, then the file-system check
// that follows links. It also keeps the path's real name, because a link inside the workspace can give a
// harmless-looking name to a sensitive file (`notes.txt -> .env`) or to git internals (`hooks -> .git/hooks`).
import { isDeniedWithoutConsent, type DeniedFileCheck } from './deniedFiles';
import { checkRealPath, inferPlatform, resolveWorkspacePath } from './paths';

/** What the file-system step needs (node:fs/promises realpath, lstat, stat). */
export interface ToolPathFileSystem {
  realpath(path: string): Promise<string>;
  isSymbolicLink(path: string): Promise<boolean>;
  /** Hard-link count of an existing file. */
  linkCount(path: string): Promise<number>;
}

export interface ToolPathOptions {
  /** Absent for workspaces that are not on the local disk: only the textual check applies. */
  fileSystem?: ToolPathFileSystem;
  /** The file will be changed: a hard-linked file is refused (it shares its content with another name). */
  forWriting?: boolean;
  /** The path names a folder to work in (list_files, search, run_command's cwd): the root itself is fine. */
  folder?: boolean;
}

export type ToolPath =
  | {
      ok: true;
      /** The path as the model named it, inside the workspace. */
      absolutePath: string;
      /** Workspace-relative, '/'-separated; '.' for the root. */
      relative: string;
      /** Workspace-relative name of the real location after links; equals `relative` when no link is involved. */
      realRelative: string;
    }
  | { ok: false; error: string };

export async function confineToolPath(root: string, requested: string, options: ToolPathOptions = {}): Promise<ToolPath> {
  const lexical = resolveWorkspacePath(root, requested, { allowWorkspaceRoot: options.folder === true });
  if (!lexical.ok) return { ok: false, error: `Refused path "${requested}": ${lexical.reason}. Use a path relative to the workspace root.` };
  const fileSystem = options.fileSystem;
  if (!fileSystem) return { ok: true, absolutePath: lexical.absolutePath, relative: lexical.relativePath, realRelative: lexical.relativePath };
  const real = await checkRealPath(fileSystem.realpath, root, lexical.absolutePath, {
    isSymbolicLink: fileSystem.isSymbolicLink,
    ...(options.forWriting ? { linkCount: fileSystem.linkCount } : {}),
  });
  if (!real.ok) return { ok: false, error: `Refused path "${requested}": ${real.reason}.` };
  let realRoot: string;
  try {
    realRoot = await fileSystem.realpath(root);
  } catch {
    return { ok: false, error: `Refused path "${requested}": the workspace folder cannot be resolved.` };
  }
  return { ok: true, absolutePath: lexical.absolutePath, relative: lexical.relativePath, realRelative: relativeTo(realRoot, real.realPath) };
}

/** Sensitive under the name the model used or under the name of what it really opens. */
export function sensitiveToolPath(path: { relative: string; realRelative: string }): DeniedFileCheck {
  const named = isDeniedWithoutConsent(path.relative);
  if (named.denied || path.realRelative === path.relative) return named;
  const real = isDeniedWithoutConsent(path.realRelative);
  return real.denied ? { denied: true, reason: `${real.reason}, reached through a link named ${path.relative}` } : real;
}

/** Why the assistant may not write here, if it may not: the workspace folder itself or git internals, under either name. */
export function writeRefusal(path: { relative: string; realRelative: string }): string | undefined {
  for (const name of new Set([path.relative, path.realRelative])) {
    if (name === '.') return 'the workspace folder itself cannot be written';
    // As a case-insensitive file system resolves it: ".GIT" and ".git." open ".git".
    const segments = name.split('/').map((segment) => segment.replace(/[. ]+$/, '').toLowerCase());
    if (segments.includes('.git')) return `${path.relative} is inside git internals (.git), which the assistant never changes`;
  }
  return undefined;
}

function relativeTo(realRoot: string, realPath: string): string {
  const separator = inferPlatform(realRoot) === 'win32' ? /[\\/]+/ : /\/+/;
  const rootSegments = realRoot.split(separator).filter(Boolean);
  const segments = realPath.split(separator).filter(Boolean).slice(rootSegments.length);
  return segments.length === 0 ? '.' : segments.join('/');
}
