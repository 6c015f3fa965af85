// .gitignore semantics over a list of workspace-relative paths, using the `ignore` package per folder so
// nested .gitignore files apply below their own folder only, as git does.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreFile {
  /** Workspace-relative path of the .gitignore file, e.g. `.gitignore` or `packages/a/.gitignore`. */
  path: string;
  content: string;
}

export class GitignoreFilter {
  private readonly rules: { base: string; matcher: Ignore }[];

  constructor(files: readonly IgnoreFile[]) {
    this.rules = files.map((file) => {
      const slash = file.path.lastIndexOf('/');
      return { base: slash < 0 ? '' : file.path.slice(0, slash + 1), matcher: ignore().add(file.content) };
    });
  }

  /** True when git would ignore this workspace-relative path (folders: pass a trailing slash). */
  ignores(path: string): boolean {
    if (path === '.git' || path.startsWith('.git/')) return true;
    for (const rule of this.rules) {
      if (!path.startsWith(rule.base)) continue;
      const relative = path.slice(rule.base.length);
      if (relative && rule.matcher.ignores(relative)) return true;
    }
    return false;
  }
}
