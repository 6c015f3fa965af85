// Files whose change makes the editor, git, the build or an AI tool run code: an edit to them is never
// auto-approved, and the review says why. Ordinary source, docs and harmless config stay auto-approvable.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sensitiveWriteReason } from '../../../src/common/tools/sensitiveWrites';

const SENSITIVE_BY_CLASS: Record<string, string[]> = {
  'VS Code workspace configuration, at any depth': [
    '.vscode/settings.json',
    '.vscode/tasks.json',
    '.vscode/launch.json',
    '.vscode/extensions.json',
    '.vscode/mcp.json',
    '.vscode/c_cpp_properties.json',
    'packages/web/.vscode/settings.json',
    'app.code-workspace',
    'tools/team.code-workspace',
  ],
  'git hooks and git configuration': [
    '.git/hooks/pre-commit',
    '.git/config',
    'vendor/lib/.git/hooks/post-checkout',
    '.githooks/pre-push',
    '.husky/pre-commit',
    '.husky/_/husky.sh',
    '.pre-commit-config.yaml',
    'lefthook.yml',
    '.lintstagedrc.json',
    '.gitattributes',
    'sub/.gitattributes',
    '.gitmodules',
    '.gitconfig',
  ],
  'package manifests, lock files and package manager configuration': [
    'package.json',
    'packages/a/package.json',
    'package-lock.json',
    'pnpm-lock.yaml',
    'yarn.lock',
    '.npmrc',
    '.yarnrc',
    '.yarnrc.yml',
    '.pnpmfile.cjs',
    'pnpm-workspace.yaml',
    '.yarn/plugins/plugin.cjs',
    '.yarn/releases/yarn-4.1.0.cjs',
    'deno.json',
  ],
  'tool configurations run as code': [
    'vite.config.ts',
    'eslint.config.mjs',
    'packages/app/jest.config.js',
    '.mocharc.cjs',
    '.eslintrc.json',
    '.babelrc',
    'gulpfile.js',
  ],
  'environment files and folder-entry hooks': [
    '.envrc',
    '.env',
    '.env.local',
    '.env.example',
    '.env.production.local',
    'prod.env',
    '.flaskenv',
    '.dev.vars',
    'mise.toml',
    '.mise.toml',
    'flake.nix',
    'shell.nix',
  ],
  'CI pipelines': [
    '.github/workflows/ci.yml',
    '.github/workflows/sub/release.yaml',
    '.github/actions/setup/action.yml',
    'tools/deploy/action.yaml',
    '.gitlab-ci.yml',
    'ci/templates/build.gitlab-ci.yml',
    '.circleci/config.yml',
    'azure-pipelines.yml',
    '.travis.yml',
    'Jenkinsfile',
    'ci/Jenkinsfile.release',
    'bitbucket-pipelines.yml',
    '.buildkite/pipeline.yml',
    '.drone.yml',
    'appveyor.yml',
    'cloudbuild.yaml',
  ],
  'build files': [
    'Makefile',
    'GNUmakefile',
    'makefile',
    'build/rules.mk',
    'justfile',
    'Taskfile.yml',
    'CMakeLists.txt',
    'cmake/deps.cmake',
    'BUILD.bazel',
    'defs.bzl',
    'build.xml',
    'Rakefile',
    'lib/tasks/db.rake',
  ],
  'containers and dev environments': [
    'Dockerfile',
    'docker/Dockerfile.dev',
    'api.dockerfile',
    'Containerfile',
    'docker-compose.yml',
    'docker-compose.override.yaml',
    'compose.yaml',
    '.devcontainer/devcontainer.json',
    '.devcontainer/post-create.sh',
    '.devcontainer.json',
    '.gitpod.yml',
    'Vagrantfile',
    'Procfile',
  ],
  'Python build, test and startup files': [
    'setup.py',
    'setup.cfg',
    'pyproject.toml',
    'libs/core/pyproject.toml',
    'conftest.py',
    'tests/unit/conftest.py',
    'tox.ini',
    'noxfile.py',
    'pytest.ini',
    'sitecustomize.py',
    '.venv/lib/python3.12/site-packages/evil.pth',
    'requirements.txt',
    'requirements-dev.txt',
    'requirements/base.txt',
    'Pipfile',
  ],
  'JVM, Rust, Ruby, PHP and .NET builds': [
    'build.gradle',
    'app/build.gradle.kts',
    'settings.gradle',
    'settings.gradle.kts',
    'gradle.properties',
    'gradle/wrapper/gradle-wrapper.properties',
    'gradle/wrapper/gradle-wrapper.jar',
    'gradlew',
    'buildSrc/src/main/kotlin/conventions.gradle.kts',
    'pom.xml',
    'modules/core/pom.xml',
    '.mvn/extensions.xml',
    '.mvn/jvm.config',
    'mvnw',
    'build.sbt',
    'Cargo.toml',
    'crates/x/build.rs',
    '.cargo/config.toml',
    'rust-toolchain.toml',
    'Gemfile',
    'mygem.gemspec',
    'composer.json',
    'src/App/App.csproj',
    'Directory.Build.props',
    'Directory.Build.targets',
    'Directory.Packages.props',
    'NuGet.Config',
  ],
  'shell and editor startup files': ['.bashrc', '.bash_profile', '.profile', '.zshrc', '.zshenv', '.config/fish/config.fish', '.exrc', '.nvim.lua'],
  'the assistant’s own rules and other AI tools’ settings': [
    'AGENTS.md',
    'packages/api/AGENTS.md',
    '.kimi/rules/style.md',
    '.kimi/mcp.json',
    '.mcp.json',
    '.cursor/mcp.json',
    '.claude/settings.json',
    'CLAUDE.md',
    '.github/copilot-instructions.md',
    '.cursorrules',
  ],
  'names Windows and lexical `..` resolve to a sensitive file': [
    '.VSCode/Settings.JSON',
    'PACKAGE.JSON',
    'Makefile.',
    '.vscode./settings.json ',
    '.vscode/tasks.json::$DATA',
    '.Git/Hooks/pre-commit',
    '.husky\\pre-commit',
    'src/../package.json',
    'src/../../.github/workflows/ci.yml',
  ],
};

const ORDINARY_BY_CLASS: Record<string, string[]> = {
  'source files': [
    'src/app.ts',
    'src/env.ts',
    'environment.ts',
    'config/index.ts',
    'src/package.ts',
    'src/build.ts',
    'src/setup.ts',
    'src/hooks/useThing.ts',
    'src/app/app.config.ts',
    'src/config/database.config.ts',
    'tests/test_app.py',
    'main.go',
    'src/Program.cs',
  ],
  'docs and data': [
    'README.md',
    'docs/environment.md',
    'docs/Makefile.md',
    'docs/Dockerfile.md',
    'docs/ci.md',
    'CHANGELOG.md',
    'LICENSE',
    'model.pth',
    'data/settings.json',
    'src/tasks.json',
  ],
  'configuration that runs nothing': [
    '.editorconfig',
    '.gitignore',
    '.prettierignore',
    '.nvmrc',
    'tsconfig.json',
    '.github/dependabot.yml',
    '.github/ISSUE_TEMPLATE/bug.md',
    '.github/CODEOWNERS',
  ],
};

describe('sensitiveWriteReason', () => {
  for (const [kind, paths] of Object.entries(SENSITIVE_BY_CLASS)) {
    describe(`never auto-approves ${kind}`, () => {
      for (const path of paths) {
        test(`flags ${path}`, () => {
          const reason = sensitiveWriteReason(path);
          assert.ok(reason !== undefined, `${path} should be sensitive`);
          assert.ok(reason.length > 20, `a sentence for the review, got "${reason}"`);
        });
      }
    });
  }
  for (const [kind, paths] of Object.entries(ORDINARY_BY_CLASS)) {
    describe(`leaves ${kind} auto-approvable`, () => {
      for (const path of paths) {
        test(`does not flag ${path}`, () => {
          assert.equal(sensitiveWriteReason(path), undefined);
        });
      }
    });
  }

  test('the reason says what the file does', () => {
    assert.match(sensitiveWriteReason('.vscode/settings.json')!, /VS Code workspace settings/);
    assert.match(sensitiveWriteReason('.vscode/tasks.json')!, /tasks.*shell commands/);
    assert.match(sensitiveWriteReason('.git/hooks/pre-commit')!, /git hook/);
    assert.match(sensitiveWriteReason('package.json')!, /scripts/);
    assert.match(sensitiveWriteReason('.github/workflows/ci.yml')!, /CI/);
    assert.match(sensitiveWriteReason('AGENTS.md')!, /assistant/);
    assert.match(sensitiveWriteReason('.kimi/rules/a.md')!, /assistant/);
  });

  test('a folder rule covers what is inside, not a look-alike folder', () => {
    assert.equal(sensitiveWriteReason('github/workflows/ci.yml'), undefined);
    assert.equal(sensitiveWriteReason('docs/.github-workflows.md'), undefined);
    assert.equal(sensitiveWriteReason('vscode/settings.json'), undefined);
    assert.equal(sensitiveWriteReason('wrapper/gradle-wrapper.properties'), undefined);
  });
});
