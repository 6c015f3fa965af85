// Files whose change makes the editor, a git command, the build or an AI tool run code: editor settings and
// tasks, git hooks, package manifests and their scripts, CI pipelines, build files, dev containers, shell
// startup files, and the assistant's own rules. An edit the assistant makes to one of them is never applied
// without the user's review, even with "auto-approve edits" on; the review shows the reason returned here.
//
// Matching is case-insensitive (Windows and macOS resolve `.VSCode/Settings.json` to the same file), ignores
// the trailing dots and spaces and the NTFS stream suffixes Windows drops, and works at any folder depth: a
// nested `packages/a/package.json` runs its scripts too, and a subfolder's `.vscode/settings.json` is a
// folder-level settings file in a multi-root workspace.
import { pathSegmentLists } from './deniedFiles';

interface WriteRule {
  /** The file name (the last path segment). */
  name?: RegExp;
  /** The folders right above the file, outermost first: [/^\.vscode$/] for `.vscode/settings.json`. */
  parents?: readonly RegExp[];
  /** Consecutive folders anywhere in the path: the rule covers everything inside them (and the folder itself). */
  inside?: readonly RegExp[];
  /** The rule does not apply when any folder of the path matches: `src/app/app.config.ts` is application code. */
  unlessInside?: RegExp;
  reason: string;
}

const GIT_HOOKS = 'a git hook, which runs on commit, checkout, merge or push';
const HOOK_MANAGER = 'git hook configuration, whose commands run on commit or push';
const MCP = 'MCP server configuration, which starts programs for AI tools';
const AI_TOOLS = 'AI assistant instructions or settings, which steer what AI tools do (and can run commands through their hooks)';
const PACKAGE_MANAGER = 'package manager configuration, which can run code or change where packages come from';
const LOCK_FILE = 'a dependency lock file, which decides which package code is downloaded and run on install';
const DEPENDENCIES = 'a dependency list, which decides which package code is installed and run';
const ENV_FILE = 'an environment file, which loaders (dotenv, direnv, tools) read into the programs they start, where variables such as NODE_OPTIONS can run code';
const CI = 'a CI pipeline definition, whose commands run in CI with the repository’s secrets';
const BUILD_FILE = 'a build file, whose commands run when you build';
const CONTAINER = 'a container build or compose file, which runs commands and can mount your files when images are built or services start';
const DEV_ENVIRONMENT = 'a dev environment configuration, which runs commands when the environment is created or opened';
const JS_CONFIG = 'a tool configuration that build, test and lint tools (and editor extensions such as ESLint) load and run as code';
const PYTHON_STARTUP = 'a Python startup file, which runs every time Python (or its debugger) starts';
const STARTUP = 'a shell or editor startup file, which runs every time the shell or editor starts';

const WRITE_RULES: readonly WriteRule[] = [
  // Git.
  { inside: [/^\.git$/, /^hooks$/], reason: GIT_HOOKS },
  { inside: [/^\.git$/], reason: 'git internals, including hooks and configuration that run programs' },
  { inside: [/^(?:\.githooks|\.husky|\.hooks)$/], reason: GIT_HOOKS },
  {
    name: /^(?:\.pre-commit-config\.ya?ml|\.pre-commit-hooks\.ya?ml|\.?lefthook(?:-local)?\.(?:ya?ml|json|toml)|\.overcommit\.yml|\.simple-git-hooks(?:\.[cm]?js|\.json)?|simple-git-hooks\.[cm]?js|\.lintstagedrc(?:\..+)?|lint-staged\.config\.[cm]?[jt]s)$/,
    reason: HOOK_MANAGER,
  },
  { name: /^\.gitattributes$/, reason: 'git attributes, which can attach filter and diff programs to files' },
  { name: /^\.gitmodules$/, reason: 'the git submodule list, which decides what code is fetched into the repository' },
  { name: /^\.gitconfig$/, reason: 'git configuration, which can name programs git runs (hooks path, fsmonitor, credential helpers)' },

  // VS Code and AI tools.
  { name: /^settings\.json$/, parents: [/^\.vscode$/], reason: 'VS Code workspace settings, which can change how the editor and extensions run code' },
  { name: /^tasks\.json$/, parents: [/^\.vscode$/], reason: 'VS Code tasks, which run shell commands (some as soon as the folder opens)' },
  { name: /^launch\.json$/, parents: [/^\.vscode$/], reason: 'VS Code launch configurations, which run programs when you start debugging' },
  { name: /^extensions\.json$/, parents: [/^\.vscode$/], reason: 'VS Code extension recommendations, which prompt you to install extensions' },
  { name: /^mcp\.json$/, parents: [/^\.vscode$/], reason: MCP },
  { inside: [/^\.vscode$/], reason: 'VS Code workspace configuration, which the editor and extensions read to decide what to run' },
  { name: /\.code-workspace$/, reason: 'a VS Code workspace file, which holds settings, tasks and launch configurations' },
  { inside: [/^\.kimi$/], reason: 'the assistant’s own rules and configuration (.kimi/): a change there steers its future runs' },
  { name: /^agents\.md$/, reason: 'agent instructions (AGENTS.md), which steer the assistant’s future runs' },
  { name: /^\.mcp\.json$|^mcp\.json$/, reason: MCP },
  { inside: [/^(?:\.cursor|\.claude|\.gemini|\.codex|\.windsurf|\.continue|\.roo|\.clinerules|\.amazonq)$/], reason: AI_TOOLS },
  { name: /^(?:claude|gemini|copilot-instructions)\.md$|^\.(?:cursorrules|windsurfrules|clinerules|roorules)$/, reason: AI_TOOLS },
  { inside: [/^\.github$/, /^(?:instructions|prompts|chatmodes|agents)$/], reason: AI_TOOLS },

  // JavaScript packages.
  { name: /^package\.json$/, reason: 'a package manifest, whose scripts run on install, build and test' },
  { name: /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|deno\.lock)$/, reason: LOCK_FILE },
  { name: /^(?:\.npmrc|\.yarnrc(?:\.ya?ml)?|\.pnpmfile\.[cm]?js|pnpm-workspace\.yaml|\.?bunfig\.toml)$/, reason: PACKAGE_MANAGER },
  { inside: [/^\.yarn$/, /^(?:plugins|releases|sdks)$/], reason: PACKAGE_MANAGER },
  { name: /^deno\.jsonc?$/, reason: 'a Deno configuration, whose tasks run commands' },
  // Tool configurations written as code (`vite.config.ts`, `eslint.config.mjs`, `.mocharc.js`) or naming code to load.
  { name: /^[^/]*\.config\.[cm]?[jt]s$/, unlessInside: /^(?:src|lib)$/, reason: JS_CONFIG },
  { name: /^\.[\w-]+rc\.[cm]?[jt]s$/, reason: JS_CONFIG },
  { name: /^\.(?:eslintrc|babelrc|prettierrc|stylelintrc|mocharc)(?:\..+)?$|^babel\.config\.json$/, reason: JS_CONFIG },
  { name: /^(?:gulpfile|gruntfile|jakefile)(?:\.[\w]+)*$/, reason: BUILD_FILE },

  // Environment loaders.
  { name: /^\.envrc(?:[._-].+)?$/, reason: 'a direnv file, which runs as shell code when you enter the folder' },
  { name: /^(?:\.env(?:[._-].*)?|.+\.env|\.flaskenv|\.dev\.vars(?:\..+)?)$/, reason: ENV_FILE },
  { name: /^\.?mise(?:\.[\w-]+)?\.toml$/, reason: 'a mise configuration, which can run tasks and hooks when you enter the folder' },
  { inside: [/^\.?mise$/], reason: 'a mise configuration, which can run tasks and hooks when you enter the folder' },
  { name: /^(?:flake|shell|default|devenv)\.nix$|^devbox\.json$/, reason: 'a Nix shell definition, whose shell hook runs when the environment loads' },

  // CI.
  { inside: [/^\.github$/, /^(?:workflows|actions)$/], reason: CI },
  { name: /^action\.ya?ml$/, reason: 'a GitHub Action definition, which runs in CI' },
  { name: /(?:^|\.)gitlab-ci\.ya?ml$/, reason: CI },
  { inside: [/^\.gitlab$/, /^ci$/], reason: CI },
  { inside: [/^(?:\.circleci|\.buildkite|\.azure-pipelines|\.woodpecker|\.semaphore|\.drone|\.teamcity|\.tekton)$/], reason: CI },
  {
    name: /^(?:azure-pipelines(?:[._-][^/]*)?\.ya?ml|\.travis\.ya?ml|jenkinsfile(?:\.(?!md$|txt$)[^/]+)?|[^/]+\.jenkinsfile|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.?appveyor\.ya?ml|\.woodpecker\.ya?ml|cloudbuild\.(?:ya?ml|json)|buildspec\.ya?ml|codemagic\.ya?ml|bitrise\.ya?ml|\.cirrus\.ya?ml|\.?buildkite\.ya?ml)$/,
    reason: CI,
  },

  // Dev environments and containers.
  { inside: [/^\.devcontainer$/], reason: 'a dev container configuration, which runs commands when the container is created' },
  { name: /^\.devcontainer\.json$/, reason: 'a dev container configuration, which runs commands when the container is created' },
  { name: /^(?:\.gitpod\.ya?ml|\.gitpod\.dockerfile|\.replit|replit\.nix|vagrantfile|tiltfile|procfile)$/, reason: DEV_ENVIRONMENT },
  { name: /^(?:dockerfile(?:\.(?!md$|txt$)[^/]+)?|[^/]+\.dockerfile|containerfile(?:\.(?!md$|txt$)[^/]+)?|(?:docker-)?compose(?:[._-][^/]*)?\.ya?ml)$/, reason: CONTAINER },

  // Build runners.
  {
    name: /^(?:makefile|gnumakefile|[^/]+\.mk|[^/]+\.mak|\.?justfile|taskfile(?:\.dist)?\.ya?ml|rakefile|[^/]+\.rake|cmakelists\.txt|[^/]+\.cmake|meson\.build|meson_options\.txt|build(?:\.bazel)?|workspace(?:\.bazel)?|module\.bazel|[^/]+\.bzl|\.bazelrc|sconstruct|sconscript|build\.xml|earthfile)$/,
    reason: BUILD_FILE,
  },

  // Python.
  { name: /^(?:setup\.py|setup\.cfg|pyproject\.toml)$/, reason: 'a Python build file, which runs code when the package is built or installed' },
  { name: /^conftest\.py$/, reason: 'a pytest plugin file, which runs whenever the tests run' },
  { name: /^(?:tox\.ini|noxfile\.py|pytest\.ini)$/, reason: 'a Python test-runner configuration, whose commands and plugins run with the tests' },
  { name: /^(?:sitecustomize|usercustomize)\.py$|^\.pdbrc(?:\.py)?$|^\.pythonrc(?:\.py)?$/, reason: PYTHON_STARTUP },
  // Path files run at interpreter start only from site-packages; elsewhere `.pth` is usually a PyTorch checkpoint.
  { name: /\.pth$/, inside: [/^(?:site|dist)-packages$/], reason: PYTHON_STARTUP },
  { name: /^(?:requirements[^/]*\.(?:txt|in)|constraints\.txt|pipfile(?:\.lock)?|poetry\.lock|uv\.lock|pdm\.lock)$/, reason: DEPENDENCIES },
  { name: /\.txt$/, parents: [/^requirements$/], reason: DEPENDENCIES },

  // JVM.
  { name: /^(?:gradlew(?:\.bat)?|mvnw(?:\.cmd)?)$/, reason: 'a build tool wrapper, which downloads and runs the build tool' },
  { inside: [/^gradle$/, /^wrapper$/], reason: 'the Gradle wrapper, which downloads and runs Gradle' },
  { name: /\.gradle(?:\.kts)?$|^gradle\.properties$/, reason: 'a Gradle build file, which runs code when you build' },
  { inside: [/^buildsrc$/], reason: 'Gradle build logic (buildSrc/), which runs when you build' },
  { name: /^pom\.xml$/, reason: 'a Maven build file, which runs plugins when you build' },
  { inside: [/^\.mvn$/], reason: 'Maven configuration (.mvn/), which can add extensions and JVM options to every build' },
  { name: /\.sbt$/, reason: BUILD_FILE },

  // Rust, Ruby, PHP, .NET.
  { name: /^(?:cargo\.toml|cargo\.lock|build\.rs|rust-toolchain(?:\.toml)?)$/, reason: 'a Cargo manifest or build script, which runs code when you build' },
  { name: /^config(?:\.toml)?$/, parents: [/^\.cargo$/], reason: 'Cargo configuration, which can replace the compiler or the program that runs tests' },
  { name: /^(?:gemfile(?:\.lock)?|[^/]+\.gemspec)$/, reason: 'a Ruby Gemfile or gemspec, which is Ruby code Bundler runs' },
  { name: /^config$/, parents: [/^\.bundle$/], reason: PACKAGE_MANAGER },
  { name: /^composer\.(?:json|lock)$/, reason: 'a Composer manifest, whose scripts run on install' },
  { name: /\.(?:csproj|fsproj|vbproj|vcxproj|proj|props|targets)$/, reason: 'an MSBuild project file, whose targets run when you build and when the editor loads the project' },
  { name: /^nuget\.config$/, reason: PACKAGE_MANAGER },
  { name: /^global\.json$/, reason: 'a .NET SDK selection, which decides which SDK and MSBuild SDK packages run the build' },

  // Shell and editor startup files.
  {
    name: /^(?:\.bashrc|\.bash_profile|\.bash_login|\.bash_logout|\.profile|\.zshrc|\.zshenv|\.zprofile|\.zlogin|\.zlogout|\.kshrc|\.mkshrc|\.cshrc|\.tcshrc|\.login|\.logout|config\.fish|[^/]*profile\.ps1|\.vimrc|\.gvimrc|\.exrc|\.nvimrc|\.nvim\.lua)$/,
    reason: STARTUP,
  },
  { name: /\.fish$/, parents: [/^fish$/, /^conf\.d$/], reason: STARTUP },
];

/**
 * Why a change to this file could make the editor, git, the build or an AI tool run code, if it could:
 * a short sentence for the review. Undefined for ordinary files.
 */
export function sensitiveWriteReason(relativePath: string): string | undefined {
  for (const segments of pathSegmentLists(relativePath, false)) {
    if (segments.length === 0) continue;
    for (const rule of WRITE_RULES) {
      if (matches(rule, segments)) return rule.reason;
    }
  }
  return undefined;
}

function matches(rule: WriteRule, segments: readonly string[]): boolean {
  const lastIndex = segments.length - 1;
  if (rule.name && !rule.name.test(segments[lastIndex]!)) return false;
  const parents = rule.parents ?? [];
  if (parents.length > lastIndex) return false;
  if (!parents.every((parent, offset) => parent.test(segments[lastIndex - parents.length + offset]!))) return false;
  if (rule.unlessInside && segments.slice(0, lastIndex).some((segment) => rule.unlessInside!.test(segment))) return false;
  const inside = rule.inside;
  if (!inside) return true;
  // The folder chain may end at the last segment (the folder itself) only when the rule names no file.
  const lastStart = (rule.name ? lastIndex - 1 : lastIndex) - inside.length + 1;
  for (let start = 0; start <= lastStart; start++) {
    if (inside.every((folder, offset) => folder.test(segments[start + offset]!))) return true;
  }
  return false;
}
