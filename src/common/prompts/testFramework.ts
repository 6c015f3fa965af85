// Guesses a project's test framework from its files, so Generate Tests writes tests the project can run.
import type { TestFrameworkGuess } from './inlinePrompts';

export interface ProjectFiles {
  /** Workspace-relative paths. */
  paths: readonly string[];
  read(path: string): string | undefined;
}

export function detectTestFramework(project: ProjectFiles, sourcePath: string): TestFrameworkGuess | undefined {
  const guess = guessFramework(project, sourcePath);
  if (!guess) return undefined;
  const existing = findExistingTestFile(project.paths, sourcePath);
  return existing ? { ...guess, existingTestFile: existing } : guess;
}

function guessFramework(project: ProjectFiles, sourcePath: string): TestFrameworkGuess | undefined {
  const has = (name: string) => project.paths.includes(name);
  const extension = sourcePath.split('.').pop()?.toLowerCase() ?? '';
  if (['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'].includes(extension) && has('package.json')) {
    const manifest = project.read('package.json') ?? '';
    let dependencies: Record<string, unknown> = {};
    let testScript = '';
    try {
      const parsed = JSON.parse(manifest) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown>; scripts?: Record<string, unknown> };
      dependencies = { ...parsed.dependencies, ...parsed.devDependencies };
      testScript = typeof parsed.scripts?.test === 'string' ? parsed.scripts.test : '';
    } catch {
      // A broken package.json tells nothing; fall through to the file conventions.
    }
    const convention = testFileConvention(project.paths, extension);
    for (const name of ['vitest', 'jest', 'mocha', 'ava', 'jasmine']) {
      if (name in dependencies || testScript.includes(name)) return { name, ...(convention ? { convention } : {}) };
    }
    if (testScript.includes('node --test') || testScript.includes('node:test')) return { name: 'node:test (node --test)', ...(convention ? { convention } : {}) };
  }
  if (extension === 'py') {
    const pyproject = project.read('pyproject.toml') ?? '';
    if (pyproject.includes('pytest') || has('pytest.ini') || has('conftest.py') || project.paths.some((path) => /(^|\/)test_[^/]+\.py$/.test(path))) {
      return { name: 'pytest', convention: 'test files named test_*.py' };
    }
    return { name: 'unittest (Python standard library)', convention: 'test files named test_*.py' };
  }
  if (extension === 'go' && has('go.mod')) return { name: 'Go testing (go test)', convention: 'a _test.go file in the same package and folder' };
  if (extension === 'rs' && has('Cargo.toml')) return { name: 'Rust built-in tests (cargo test)', convention: 'a #[cfg(test)] mod tests in the same file, or files under tests/' };
  if (extension === 'java') {
    const build = (project.read('pom.xml') ?? '') + (project.read('build.gradle') ?? '') + (project.read('build.gradle.kts') ?? '');
    if (build.includes('junit')) return { name: build.includes('jupiter') ? 'JUnit 5' : 'JUnit', convention: 'tests under src/test/java mirroring the package' };
  }
  return undefined;
}

function testFileConvention(paths: readonly string[], extension: string): string | undefined {
  const tests = paths.filter((path) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || /(^|\/)(__tests__|tests?)\//.test(path));
  if (tests.length === 0) return undefined;
  const spec = tests.filter((path) => /\.spec\./.test(path)).length > tests.length / 2;
  const folder = tests.filter((path) => /(^|\/)(__tests__|tests?)\//.test(path)).length > tests.length / 2;
  const suffix = `${spec ? 'spec' : 'test'}.${extension}`;
  return folder ? `test files named *.${suffix} under a test folder` : `test files named *.${suffix} beside the source`;
}

function findExistingTestFile(paths: readonly string[], sourcePath: string): string | undefined {
  const file = sourcePath.split('/').pop() ?? sourcePath;
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const extension = dot > 0 ? file.slice(dot + 1) : '';
  const names = new Set([`${stem}.test.${extension}`, `${stem}.spec.${extension}`, `test_${stem}.py`, `${stem}_test.py`, `${stem}_test.go`]);
  return paths.find((path) => names.has(path.split('/').pop() ?? ''));
}
