// The code actions a language server offers on a selection, for editors without the chat view (Neovim,
// Helix): Refactor, Fix, Add Documentation, Generate Tests. The model answers with one fenced block, which
// replaces the selection (or, for tests, goes after it); nothing runs and nothing else changes.
import type { ChatMessage } from '../llm/types';
import { docConventionFor, refactorPresets, type InlineDiagnostic } from './inlinePrompts';

export const selectionActionKinds = ['refactor', 'fix', 'document', 'tests'] as const;
export type SelectionActionKind = (typeof selectionActionKinds)[number];

export const selectionActionTitles: Record<SelectionActionKind, string> = {
  refactor: 'Kimi: Refactor',
  fix: 'Kimi: Fix',
  document: 'Kimi: Add Documentation',
  tests: 'Kimi: Generate Tests',
};

/** What the progress report says while the model works. */
export const selectionActionProgress: Record<SelectionActionKind, string> = {
  refactor: 'Kimi is refactoring the selection',
  fix: 'Kimi is fixing the selection',
  document: 'Kimi is documenting the selection',
  tests: 'Kimi is writing tests for the selection',
};

export interface SelectionActionInput {
  kind: SelectionActionKind;
  path: string;
  languageId: string;
  /** 1-based inclusive lines of the selection. */
  startLine: number;
  endLine: number;
  selection: string;
  /** A little of the file around the selection, for names and style. */
  before: string;
  after: string;
  diagnostics?: readonly InlineDiagnostic[];
}

const systemPrompt =
  'You change code inside an editor. You get a selection from a file and a task. Answer with exactly one fenced ' +
  'code block and nothing else. Unless the task says otherwise, the block replaces the selection as it is: keep ' +
  "the selection's indentation and everything the task does not ask you to change.";

function task(input: SelectionActionInput): string {
  switch (input.kind) {
    case 'refactor':
      return `Refactor the selection. ${refactorPresets[0].instruction} The block replaces the selection.`;
    case 'fix': {
      const problems = (input.diagnostics ?? []).map((diagnostic) => `- line ${diagnostic.line} ${diagnostic.severity}: ${diagnostic.message}`);
      return problems.length > 0
        ? `Fix these problems in the selection:\n${problems.join('\n')}\nFix the cause, not the symptom. The block replaces the selection.`
        : 'Fix the bug the selection most likely has. The block replaces the selection.';
    }
    case 'document':
      return `Add documentation comments to the selection, using ${docConventionFor(input.languageId)}. Do not change any code. The block replaces the selection.`;
    case 'tests':
      return 'Write tests for the selection, with real assertions, in the test framework the file suggests (or the most common one for the language). The block is inserted after the selection, so give only the tests.';
  }
}

function fenced(languageId: string, text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${languageId}\n${text}\n${marks}`;
}

export function buildSelectionActionMessages(input: SelectionActionInput): ChatMessage[] {
  const lines = input.startLine === input.endLine ? `line ${input.startLine}` : `lines ${input.startLine}-${input.endLine}`;
  const user = [
    `File ${input.path} (${input.languageId}).`,
    input.before.trim() ? `Code before the selection:\n${fenced(input.languageId, input.before)}` : '',
    `The selection, ${lines}:\n${fenced(input.languageId, input.selection)}`,
    input.after.trim() ? `Code after the selection:\n${fenced(input.languageId, input.after)}` : '',
    task(input),
  ].filter(Boolean);
  return [
    { role: 'system', content: systemPrompt },
    { role: 'user', content: user.join('\n\n') },
  ];
}

/** The code of the answer's first fenced block; an answer without a fence is taken as code. Undefined when empty. */
export function extractCodeBlock(answer: string): string | undefined {
  const fence = /(^|\n)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\2[ \t]*(\n|$)/.exec(answer);
  const code = fence ? fence[3] : answer.trim();
  return code.trim() === '' ? undefined : code;
}
