// The editor commands: Explain, Refactor, Fix, Add Documentation, Generate Tests, Ask About Selection.
// Each picks its target (the selection, else the enclosing function or class, else lines the user confirms),
// attaches it as a chip, and sends a short prompt through the chat, so edits arrive in the usual review.
import * as vscode from 'vscode';
import type { Configuration } from '../configuration';
import { describeSymbol, findEnclosingSymbol, type SymbolNode } from '../../common/prompts/enclosingSymbol';
import { buildInlinePrompt, refactorPresets, type InlineCommand, type InlineDiagnostic } from '../../common/prompts/inlinePrompts';
import { detectTestFramework } from '../../common/prompts/testFramework';
import type { ChatController } from '../chat/chatController';
import type { ContextChips } from '../context/contextChips';
import type { WorkspaceFiles } from '../workspace/workspaceFiles';

export interface InlineCommandArgs {
  /** From a code action: the range and diagnostics it was offered for. */
  range?: vscode.Range;
  diagnostics?: readonly vscode.Diagnostic[];
  /** Automation: skip the quick input (refactor instruction, question). */
  instruction?: string;
  /** Into a new conversation or the open one; default: kimiAssistant.inlineCommands.conversation. */
  conversation?: 'new' | 'current';
}

interface Target {
  editor: vscode.TextEditor;
  range: vscode.Range;
  symbol?: string;
}

const commandIds: Record<InlineCommand, string> = {
  explain: 'kimiAssistant.explainSelection',
  refactor: 'kimiAssistant.refactorSelection',
  fix: 'kimiAssistant.fixSelection',
  document: 'kimiAssistant.addDocumentation',
  tests: 'kimiAssistant.generateTests',
  ask: 'kimiAssistant.askAboutSelection',
};

export function registerInlineCommands(chat: ChatController, chips: ContextChips, files: WorkspaceFiles, configuration: Configuration): vscode.Disposable[] {
  let runningOn: string | undefined;

  const run = async (command: InlineCommand, args?: InlineCommandArgs): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Kimi: open a file and select code first.');
      return;
    }
    const file = editor.document.uri.toString();
    if (chat.isRunning) {
      const label = runningOn === file ? 'Kimi is already working on this file.' : 'Kimi is busy with another request.';
      const choice = await vscode.window.showWarningMessage(`${label} Stop it and start this one?`, { modal: true }, 'Stop and Start');
      if (choice !== 'Stop and Start') return;
      await chat.stop();
    }
    const target = await pickTarget(editor, args?.range);
    if (!target) return;
    const instruction = await askInstruction(command, args?.instruction);
    if (instruction === null) return;

    const path = vscode.workspace.asRelativePath(editor.document.uri, false);
    const diagnostics = command === 'fix' ? collectDiagnostics(editor.document, target.range, args?.diagnostics) : undefined;
    const testFramework = command === 'tests' ? await guessTestFramework(files, path) : undefined;
    const text = buildInlinePrompt({
      command,
      target: { path, languageId: editor.document.languageId, startLine: target.range.start.line + 1, endLine: target.range.end.line + 1, ...(target.symbol ? { symbol: target.symbol } : {}) },
      ...(instruction ? { instruction } : {}),
      ...(diagnostics ? { diagnostics } : {}),
      ...(testFramework ? { testFramework } : {}),
    });
    // A question about the code in front of the user does not belong in a long agent task's context (and cost).
    if ((args?.conversation ?? configuration.settings['inlineCommands.conversation']) === 'new' && chat.snapshot()?.turns.length) await chat.newChat();
    const chip = chips.attachSelection(target.editor, target.range);
    runningOn = file;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Kimi: ${titleOf(command)}…`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => void chat.stop());
          return chat.ask(text, [chip]);
        },
      );
    } finally {
      runningOn = undefined;
    }
  };

  return (Object.keys(commandIds) as InlineCommand[]).map((command) =>
    vscode.commands.registerCommand(commandIds[command], (args?: InlineCommandArgs) => run(command, isArgs(args) ? args : undefined)),
  );
}

function isArgs(value: unknown): value is InlineCommandArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

function titleOf(command: InlineCommand): string {
  return { explain: 'Explaining', refactor: 'Refactoring', fix: 'Fixing', document: 'Documenting', tests: 'Writing tests', ask: 'Answering' }[command];
}

/** The selection; else the enclosing function or class; else the current line's paragraph, after the user confirms. */
async function pickTarget(editor: vscode.TextEditor, requested?: vscode.Range): Promise<Target | undefined> {
  const selection = requested ?? editor.selection;
  if (!selection.isEmpty) return { editor, range: wholeLines(selection) };
  const cursorLine = selection.start.line;
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
  const enclosing = symbols ? findEnclosingSymbol(symbols.map(toNode), cursorLine) : undefined;
  if (enclosing) {
    return { editor, range: new vscode.Range(enclosing.startLine, 0, enclosing.endLine, editor.document.lineAt(enclosing.endLine).text.length), symbol: describeSymbol(enclosing) };
  }
  const paragraph = paragraphAround(editor.document, cursorLine);
  const answer = await vscode.window.showInformationMessage(
    `Kimi: nothing is selected and no function surrounds the cursor. Use lines ${paragraph.start.line + 1}-${paragraph.end.line + 1}?`,
    'Use These Lines',
  );
  return answer ? { editor, range: paragraph } : undefined;
}

function toNode(symbol: vscode.DocumentSymbol): SymbolNode {
  return {
    name: symbol.name,
    kind: vscode.SymbolKind[symbol.kind],
    startLine: symbol.range.start.line,
    endLine: symbol.range.end.line,
    children: symbol.children.map(toNode),
  };
}

function wholeLines(range: vscode.Range): vscode.Range {
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return new vscode.Range(range.start.line, 0, endLine, Number.MAX_SAFE_INTEGER);
}

function paragraphAround(document: vscode.TextDocument, line: number): vscode.Range {
  let start = line;
  let end = line;
  while (start > 0 && !document.lineAt(start - 1).isEmptyOrWhitespace) start--;
  while (end < document.lineCount - 1 && !document.lineAt(end + 1).isEmptyOrWhitespace) end++;
  return new vscode.Range(start, 0, end, document.lineAt(end).text.length);
}

/** Undefined: the command needs no instruction. null: the user cancelled. */
async function askInstruction(command: InlineCommand, given: string | undefined): Promise<string | undefined | null> {
  if (given !== undefined) return given;
  if (command === 'ask') {
    const question = await vscode.window.showInputBox({ title: 'Kimi: Ask About Selection', prompt: 'Your question about the selected code', ignoreFocusOut: true });
    return question?.trim() ? question : null;
  }
  if (command !== 'refactor') return undefined;
  const custom = { label: '$(edit) Describe your own refactoring…', id: 'custom', instruction: '' };
  const picked = await vscode.window.showQuickPick([...refactorPresets.map((preset) => ({ label: preset.label, detail: preset.instruction, id: preset.id, instruction: preset.instruction })), custom], {
    title: 'Kimi: Refactor Selection',
    placeHolder: 'How should the code change?',
  });
  if (!picked) return null;
  if (picked.id !== 'custom') return picked.instruction;
  const own = await vscode.window.showInputBox({ title: 'Kimi: Refactor Selection', prompt: 'Describe the refactoring', ignoreFocusOut: true });
  return own?.trim() ? own : null;
}

function collectDiagnostics(document: vscode.TextDocument, range: vscode.Range, given?: readonly vscode.Diagnostic[]): InlineDiagnostic[] {
  const diagnostics = given ?? vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.range.intersection(range) !== undefined);
  const severities = ['error', 'warning', 'info', 'hint'] as const;
  return diagnostics.map((diagnostic) => {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return {
      line: diagnostic.range.start.line + 1,
      severity: severities[diagnostic.severity] ?? 'error',
      message: diagnostic.message,
      ...(diagnostic.source ? { source: diagnostic.source } : {}),
      ...(code !== undefined ? { code: String(code) } : {}),
    };
  });
}

async function guessTestFramework(files: WorkspaceFiles, sourcePath: string) {
  const root = files.root;
  const paths = await files.list();
  const manifests = ['package.json', 'pyproject.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts'].filter((name) => paths.includes(name));
  const contents = new Map<string, string>();
  for (const name of manifests) {
    if (!root) break;
    contents.set(name, new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name))));
  }
  return detectTestFramework({ paths, read: (path) => contents.get(path) }, sourcePath);
}
