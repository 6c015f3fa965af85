// .gitignore semantics over a list of workspace-relative paths, using the `ignore` package per folder so
// nested .gitignore files apply below their own folder only, as git does.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreFile {
  /** Workspace-relative path of the .gitignore file, e.g. `.gitignore` or `packages/a/.gitignore`. */
  path: string;
  content: string;
}

interface FolderRules {
  /** The folder the file sits in, with a trailing slash; '' at the root. */
  base: string;
  matcher: Ignore;
}

export class GitignoreFilter {
  /** Shallowest first: a deeper file's rules (negations included) override the ones above it. */
  private readonly rules: FolderRules[];
  private readonly folderVerdicts = new Map<string, boolean>();

  constructor(files: readonly IgnoreFile[]) {
    this.rules = files
      .map((file) => {
        const slash = file.path.lastIndexOf('/');
        return { base: slash < 0 ? '' : file.path.slice(0, slash + 1), matcher: ignore().add(file.content) };
      })
      .sort((a, b) => depthOf(a.base) - depthOf(b.base));
  }

  /** True when git would ignore this workspace-relative path (folders: pass a trailing slash). */
  ignores(path: string): boolean {
    const segments = path.split('/');
    if (segments.includes('.git')) return true;
    // Git never looks inside an ignored folder, so no rule further down can bring one of its files back.
    let folder = '';
    for (const segment of segments.slice(0, -1)) {
      folder += `${segment}/`;
      if (this.folderIgnored(folder)) return true;
    }
    return path !== folder && this.verdict(path);
  }

  private folderIgnored(folder: string): boolean {
    let ignored = this.folderVerdicts.get(folder);
    if (ignored === undefined) {
      ignored = this.verdict(folder);
      this.folderVerdicts.set(folder, ignored);
    }
    return ignored;
  }

  /** The last rule that matches decides, deeper files after shallower ones, as in git. */
  private verdict(path: string): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (!path.startsWith(rule.base) || path === rule.base) continue;
      const result = rule.matcher.test(path.slice(rule.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

function depthOf(base: string): number {
  return base.split('/').length;
}
