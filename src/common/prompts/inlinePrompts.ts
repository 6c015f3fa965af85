// The words behind the editor commands (Explain, Refactor, Fix, Document, Generate Tests, Ask). They travel as
// the user turn of the ordinary chat, after the stable system prompt, so the provider's prefix cache still hits.
// The code itself is attached as a selection chip; these prompts only say what to do with it.

export type InlineCommand = 'explain' | 'refactor' | 'fix' | 'document' | 'tests' | 'ask';

export interface InlineTarget {
  /** Workspace-relative path. */
  path: string;
  languageId: string;
  /** 1-based inclusive lines. */
  startLine: number;
  endLine: number;
  /** The symbol the range stands for, when it came from the symbol provider (e.g. "function parseArgs"). */
  symbol?: string;
}

export interface InlineDiagnostic {
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
  code?: string;
}

export interface InlinePromptInput {
  command: InlineCommand;
  target: InlineTarget;
  /** Refactor: the chosen preset or the user's own words. Ask: the question. */
  instruction?: string;
  diagnostics?: readonly InlineDiagnostic[];
  testFramework?: TestFrameworkGuess;
}

export interface TestFrameworkGuess {
  name: string;
  /** Where tests of this project live or are named, e.g. "files named *.test.ts beside the source". */
  convention?: string;
  /** An existing test file for this source, if one was found. */
  existingTestFile?: string;
}

export const refactorPresets = [
  { id: 'simplify', label: 'Simplify', instruction: 'Simplify this code: remove needless complexity and duplication, keep behaviour identical.' },
  { id: 'extract', label: 'Extract function', instruction: 'Extract the meaningful parts of this code into well-named functions, keeping behaviour identical.' },
  { id: 'rename', label: 'Rename for clarity', instruction: 'Rename variables, parameters and functions in this code so their names say what they are. Update every use in the file.' },
  { id: 'types', label: 'Add types', instruction: 'Add precise type annotations to this code (no `any`), in the style the file already uses.' },
  { id: 'performance', label: 'Improve performance', instruction: 'Make this code faster or lighter where it matters, keeping behaviour identical; say what you changed and why.' },
] as const;

const docConventions: Record<string, string> = {
  typescript: 'JSDoc comments (/** ... */) with @param and @returns where they add information',
  typescriptreact: 'JSDoc comments (/** ... */) with @param and @returns where they add information',
  javascript: 'JSDoc comments (/** ... */) with @param {type} and @returns {type}',
  javascriptreact: 'JSDoc comments (/** ... */) with @param {type} and @returns {type}',
  python: 'docstrings (PEP 257) in the style the file already uses (Google, NumPy or reST), triple double quotes',
  rust: 'Rustdoc comments (///), with # Examples, # Errors or # Panics sections where relevant',
  go: 'Go doc comments: a // comment right above each declaration that starts with its name',
  java: 'Javadoc comments (/** ... */) with @param, @return and @throws',
  kotlin: 'KDoc comments (/** ... */) with @param and @return',
  csharp: 'XML documentation comments (///) with <summary>, <param> and <returns>',
  c: 'Doxygen comments (/** ... */) with @brief, @param and @return',
  cpp: 'Doxygen comments (/** ... */) with @brief, @param and @return',
  ruby: 'YARD comments (# @param, # @return)',
  php: 'PHPDoc comments (/** ... */) with @param and @return',
  swift: 'Swift documentation comments (///) with - Parameters: and - Returns:',
};

export function docConventionFor(languageId: string): string {
  return docConventions[languageId] ?? 'the documentation-comment convention that is idiomatic for this language';
}

function where(target: InlineTarget): string {
  const lines = target.startLine === target.endLine ? `line ${target.startLine}` : `lines ${target.startLine}-${target.endLine}`;
  return `${target.symbol ? `${target.symbol} (${lines})` : lines} of ${target.path}`;
}

const editOnlyThisFile = (target: InlineTarget) =>
  `Change only ${target.path}, through edit_file (old_string copied exactly from the attached code), so I can review the diff. Keep the rest of the file as it is. After the edit, summarise what changed in a few bullet points.`;

export function buildInlinePrompt(input: InlinePromptInput): string {
  const { target } = input;
  switch (input.command) {
    case 'explain':
      return `Explain ${where(target)}: what it does, how it works, and anything surprising or risky in it. Be concise; refer to line numbers where it helps.`;
    case 'ask':
      return `${input.instruction?.trim() || 'What does this code do?'}\n\n(About ${where(target)}.)`;
    case 'refactor':
      return `Refactor ${where(target)}. ${input.instruction?.trim() || refactorPresets[0].instruction}\n\n${editOnlyThisFile(target)}`;
    case 'fix': {
      const problems = (input.diagnostics ?? []).map(
        (diagnostic) => `- line ${diagnostic.line} ${diagnostic.severity}: ${diagnostic.message}${diagnostic.source || diagnostic.code ? ` (${[diagnostic.source, diagnostic.code].filter(Boolean).join(' ')})` : ''}`,
      );
      const problemText = problems.length > 0 ? `These problems are reported there:\n${problems.join('\n')}` : 'No diagnostics are reported there; find and fix the bug the code most likely has, and say what it was.';
      return `Fix ${where(target)}. ${problemText}\n\nFix the cause, not the symptom; read other files if you need to. ${editOnlyThisFile(target)}`;
    }
    case 'document':
      return `Add documentation comments to ${where(target)}, using ${docConventionFor(target.languageId)}. Document what each function, class or exported item does, its parameters, return value and errors, without restating the obvious. Do not change any code.\n\n${editOnlyThisFile(target)}`;
    case 'tests': {
      const framework = input.testFramework;
      const frameworkText = framework
        ? `The project uses ${framework.name}${framework.convention ? `; ${framework.convention}` : ''}.`
        : 'Find out from the project files which test framework it uses; if it has none, use the most common one for this language and say so.';
      const destination = framework?.existingTestFile
        ? `Add the tests to the existing test file ${framework.existingTestFile} with edit_file (read it first).`
        : 'Create a new test file with write_file, named and placed the way the project does it.';
      return `Write tests for ${where(target)}. ${frameworkText} Cover normal behaviour, edge cases and errors; make the tests runnable as they are, with real assertions. ${destination} Then say how to run them.`;
    }
  }
}
