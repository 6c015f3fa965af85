// Confines the paths the model sends to the workspace: a pure check on the text of the path (POSIX and
// Windows rules), then a file-system check through an injected realpath that catches symlink escapes.

export type PathPlatform = 'posix' | 'win32';

export interface ResolvePathOptions {
  /** Defaults to what the workspace root looks like (`C:\…` or `\\server\share` means win32). */
  platform?: PathPlatform;
  /** Accept the workspace root itself ('', '.', the root's absolute path), e.g. for list_files. */
  allowWorkspaceRoot?: boolean;
}

export type ResolvedPath =
  | { ok: true; /** '/'-separated, no '.' or '..' segments; '.' for the root. */ relativePath: string; absolutePath: string }
  | { ok: false; reason: string };

const MAX_PATH_LENGTH = 4096;
// Characters that look like separators or are read as such by some layer (fullwidth, division slash…).
const SEPARATOR_LOOKALIKES = /[\u2044\u2215\u29f8\u29f9\uff0f\uff3c\ufe68]/;
const WINDOWS_RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;
const WINDOWS_INVALID_CHARACTERS = /[<>:"|?*]/;

interface ParsedAbsolute {
  /** '/' on POSIX; 'c:' or '\\\\server\\share' (lower-cased for comparison) on Windows. */
  prefix: string;
  displayPrefix: string;
  segments: string[];
}

export function inferPlatform(workspaceRoot: string): PathPlatform {
  return /^[a-zA-Z]:[\\/]/.test(workspaceRoot) || /^[\\/]{2}[^\\/]/.test(workspaceRoot) ? 'win32' : 'posix';
}

export function resolveWorkspacePath(workspaceRoot: string, requested: string, options: ResolvePathOptions = {}): ResolvedPath {
  const platform = options.platform ?? inferPlatform(workspaceRoot);
  const root = parseAbsolute(workspaceRoot, platform);
  if (!root || typeof root === 'string') return refuse('the workspace folder is not an absolute path');
  const rootSegments = normalizeSegments(root.segments);
  if (typeof rootSegments === 'string') return refuse('the workspace folder is not a normalized path');

  if (typeof requested !== 'string') return refuse('the path must be a string');
  let path = requested.trim();
  if (path.length > MAX_PATH_LENGTH) return refuse('the path is too long');
  if (/[\u0000-\u001f\u007f]/.test(path)) return refuse('the path contains control characters (such as a NUL byte)');

  let fromUri = false;
  if (/^file:/i.test(path)) {
    const decoded = fileUriToPath(path);
    if (decoded === undefined) return refuse('the file: URI could not be decoded');
    path = decoded;
    fromUri = true;
    if (/[\u0000-\u001f\u007f]/.test(path)) return refuse('the path contains control characters (such as a NUL byte)');
  } else if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(path)) {
    return refuse('only workspace-relative paths are accepted, not URIs');
  }
  // Literal '%' is a legal file-name character; encodings that some layer could decode into path syntax are not.
  if (/%[0-9a-fA-F]{2}/.test(path)) {
    const decoded = decodeRepeatedly(path);
    if (decoded === undefined || hidesPathSyntax(path, decoded)) {
      return refuse('percent-encoded separators, dots or control characters are not accepted; send the plain path');
    }
  }
  if (path.startsWith('~')) return refuse('home-directory paths (~) are outside the workspace');
  if (SEPARATOR_LOOKALIKES.test(path)) return refuse('the path contains a character that looks like a slash');
  if (path.split(/[\\/]/).some((segment) => segment.normalize('NFKC') !== segment && /^\.{1,2}$|[\\/]/.test(segment.normalize('NFKC')))) {
    return refuse('the path contains characters that normalize to dots or slashes');
  }

  let segments: string[];
  const absolute = parseAbsolute(path, platform);
  if (typeof absolute === 'string') return refuse(absolute);
  if (absolute) {
    if (absolute.prefix !== root.prefix) return refuse('the path is outside the workspace');
    const normalized = normalizeSegments(absolute.segments);
    if (typeof normalized === 'string') return refuse('the path is outside the workspace');
    if (!startsWithSegments(normalized, rootSegments, platform)) return refuse('the path is outside the workspace');
    segments = normalized.slice(rootSegments.length);
  } else {
    if (fromUri) return refuse('the file: URI is not absolute');
    const normalized = normalizeSegments(path.split(/[\\/]+/));
    if (typeof normalized === 'string') return refuse('the path leads outside the workspace (..)');
    segments = normalized;
  }

  const problem = segments.map((segment) => segmentProblem(segment, platform)).find((found) => found !== undefined);
  if (problem) return refuse(problem);
  if (segments.length === 0 && !options.allowWorkspaceRoot) return refuse('the path names the workspace folder itself, not a file in it');

  const separator = platform === 'win32' ? '\\' : '/';
  const absoluteSegments = [...rootSegments, ...segments];
  const absolutePath = platform === 'win32'
    ? `${root.displayPrefix}\\${absoluteSegments.join('\\')}`
    : `/${absoluteSegments.join(separator)}`;
  return { ok: true, relativePath: segments.length === 0 ? '.' : segments.join('/'), absolutePath };
}

export type RealPathCheck = { ok: true; realPath: string } | { ok: false; reason: string };

export interface RealPathCheckOptions {
  platform?: PathPlatform;
  /** Whether a path is itself a symbolic link (fs.lstat). Needed to catch a dangling link to a file not yet created. */
  isSymbolicLink?: (path: string) => Promise<boolean>;
  /** Hard-link count of an existing file (fs.stat nlink). Pass it for writes: a hard link shares its content with a file elsewhere. */
  linkCount?: (path: string) => Promise<number>;
}

/**
 * The second, file-system step: follows symbolic links (through the injected realpath, e.g. fs.promises.realpath)
 * and refuses when the real location is outside the workspace's real location. Missing trailing segments
 * (a file about to be created) are resolved through their nearest existing parent.
 */
export async function checkRealPath(
  realpath: (path: string) => Promise<string>,
  workspaceRoot: string,
  absolutePath: string,
  options: RealPathCheckOptions = {},
): Promise<RealPathCheck> {
  const platform = options.platform ?? inferPlatform(workspaceRoot);
  const separator = platform === 'win32' ? '\\' : '/';
  let realRoot: string;
  try {
    realRoot = await realpath(workspaceRoot);
  } catch {
    return refuse('the workspace folder cannot be resolved');
  }

  const missing: string[] = [];
  let existing = absolutePath;
  let resolved: string | undefined;
  while (resolved === undefined) {
    try {
      resolved = await realpath(existing);
    } catch (error) {
      if (!isMissingPathError(error)) return refuse('the path cannot be resolved');
      if (options.isSymbolicLink && (await options.isSymbolicLink(existing).catch(() => false))) {
        return refuse('the path is a symbolic link to a missing target');
      }
      const parent = parentOf(existing, platform);
      if (parent === undefined) return refuse('no part of the path exists');
      missing.unshift(existing.slice(parent.length).replace(/^[\\/]+/, ''));
      existing = parent;
    }
  }
  const realPath = missing.length === 0 ? resolved : `${resolved.replace(/[\\/]+$/, '')}${separator}${missing.join(separator)}`;
  if (!isInside(realRoot, realPath, platform)) return refuse('the path leads outside the workspace through a symbolic link');
  if (missing.length === 0 && options.linkCount) {
    const links = await options.linkCount(realPath).catch(() => 1);
    if (links > 1) return refuse('the file is hard-linked, so changing it would also change a file that may be outside the workspace');
  }
  return { ok: true, realPath };
}

/** Whether `candidate` is `root` or inside it, comparing whole segments. */
export function isInside(root: string, candidate: string, platform: PathPlatform): boolean {
  const parsedRoot = parseAbsolute(root, platform);
  const parsedCandidate = parseAbsolute(candidate, platform);
  if (!parsedRoot || !parsedCandidate || typeof parsedRoot === 'string' || typeof parsedCandidate === 'string') return false;
  if (parsedRoot.prefix !== parsedCandidate.prefix) return false;
  const rootSegments = normalizeSegments(parsedRoot.segments);
  const candidateSegments = normalizeSegments(parsedCandidate.segments);
  if (typeof rootSegments === 'string' || typeof candidateSegments === 'string') return false;
  return startsWithSegments(candidateSegments, rootSegments, platform);
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** An absolute path split into prefix and segments; undefined when relative; a string explains a refusal. */
function parseAbsolute(path: string, platform: PathPlatform): ParsedAbsolute | string | undefined {
  const unc = /^[\\/]{2}([^\\/]*)[\\/]*([^\\/]*)(.*)$/.exec(path);
  if (unc) {
    if (platform === 'posix') return 'UNC and network paths (\\\\server\\share) are outside the workspace';
    if (unc[1] === '?' || unc[1] === '.') return 'Windows device paths (\\\\?\\, \\\\.\\) are not accepted';
    if (unc[1] === '' || unc[2] === '') return 'the network path is incomplete';
    return {
      prefix: `\\\\${unc[1]}\\${unc[2]}`.toLowerCase(),
      displayPrefix: `\\\\${unc[1]}\\${unc[2]}`,
      segments: unc[3].split(/[\\/]+/),
    };
  }
  const drive = /^([a-zA-Z]):(.*)$/.exec(path);
  if (drive) {
    if (platform === 'posix') return 'Windows drive paths (C:\\…) are outside the workspace';
    if (!/^[\\/]/.test(drive[2])) return 'drive-relative paths (C:file) are not accepted';
    return { prefix: `${drive[1].toLowerCase()}:`, displayPrefix: `${drive[1].toUpperCase()}:`, segments: drive[2].split(/[\\/]+/) };
  }
  if (/^[\\/]/.test(path)) {
    if (platform === 'win32') return 'paths rooted without a drive letter are not accepted';
    return { prefix: '/', displayPrefix: '', segments: path.split(/[\\/]+/) };
  }
  return undefined;
}

/** Resolves '.' and '..'; a string when '..' climbs above the first segment. */
function normalizeSegments(segments: readonly string[]): string[] | string {
  const stack: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length === 0) return 'escapes';
      stack.pop();
    } else {
      stack.push(segment);
    }
  }
  return stack;
}

function startsWithSegments(segments: readonly string[], prefix: readonly string[], platform: PathPlatform): boolean {
  if (segments.length < prefix.length) return false;
  const same = platform === 'win32'
    ? (left: string, right: string) => left.toLowerCase() === right.toLowerCase()
    : (left: string, right: string) => left === right;
  return prefix.every((segment, index) => same(segment, segments[index]));
}

function segmentProblem(segment: string, platform: PathPlatform): string | undefined {
  if (platform === 'posix') return undefined;
  if (WINDOWS_INVALID_CHARACTERS.test(segment)) return `"${segment}" contains a character Windows does not allow in file names (or an alternate data stream)`;
  // Windows drops trailing dots and spaces, so "..." or ".. " could act as "..".
  if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or space, which Windows silently drops`;
  if (WINDOWS_RESERVED_NAME.test(segment)) return `"${segment}" is a reserved device name on Windows`;
  // 8.3 short names alias long ones ("GIT~1" can be ".git"), which would slip past name-based checks.
  if (/~\d+(?:\.|$)/.test(segment)) return `"${segment}" looks like a Windows short (8.3) name; use the full name`;
  return undefined;
}

function decodeRepeatedly(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Percent-encoding that would turn into separators, dot segments, control characters or a drive/URI when decoded. */
function hidesPathSyntax(raw: string, decoded: string): boolean {
  const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;
  const syntax = /[\\/:~\u0000-\u001f\u007f]/g;
  const dotSegment = /(?:^|[\\/])\.{1,2}(?=$|[\\/])/g;
  return count(decoded, syntax) > count(raw, syntax) || count(decoded, dotSegment) > count(raw, dotSegment);
}

function fileUriToPath(uri: string): string | undefined {
  const match = /^file:(?:\/\/([^/]*))?(.*)$/i.exec(uri);
  if (!match) return undefined;
  const authority = match[1] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  if (authority !== '' && authority.toLowerCase() !== 'localhost') return `//${decodeURIComponent(authority)}${path}`;
  // file:///C:/x names a Windows drive.
  return /^\/[a-zA-Z]:/.test(path) ? path.slice(1) : path;
}

function parentOf(path: string, platform: PathPlatform): string | undefined {
  const trimmed = path.replace(/[\\/]+$/, '');
  const index = platform === 'win32' ? Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/')) : trimmed.lastIndexOf('/');
  if (index <= 0) return index === 0 && trimmed.length > 1 ? trimmed.slice(0, 1) : undefined;
  const parent = trimmed.slice(0, index);
  // Stop at a drive root ("C:") or the share of a UNC path.
  if (platform === 'win32' && /^[a-zA-Z]:$/.test(parent)) return `${parent}\\`;
  return parent;
}

function isMissingPathError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
