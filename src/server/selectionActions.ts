// Code actions on a selection (Refactor, Fix, Add Documentation, Generate Tests) for editors without the chat
// view. The action runs a command; the command asks Kimi with progress shown, then applies the answer through
// workspace/applyEdit, so the editor's own undo covers it.
import { z } from 'zod';
import type { CodeAction, CodeActionParams, Connection, ExecuteCommandParams, Range } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import { selectionActionCommand } from '../common/completions/serverProtocol';
import {
  buildSelectionActionMessages,
  extractCodeBlock,
  selectionActionKinds,
  selectionActionProgress,
  selectionActionTitles,
  type SelectionActionKind,
} from '../common/prompts/selectionActions';
import type { OpenDocuments } from './openDocuments';
import { showMessage } from './showMessage';
import type { ServerSettings } from './serverSettings';

const CONTEXT_LINES = 20;

const kindOf: Record<SelectionActionKind, string> = {
  refactor: `${CodeActionKind.RefactorRewrite}.kimi`,
  fix: `${CodeActionKind.QuickFix}.kimi`,
  document: `${CodeActionKind.RefactorRewrite}.kimi.document`,
  tests: `${CodeActionKind.Refactor}.kimi.tests`,
};

const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const actionArgument = z.object({
  kind: z.enum(selectionActionKinds),
  uri: z.string(),
  range: z.object({ start: position, end: position }),
  diagnostics: z.array(z.object({ line: z.number(), severity: z.enum(['error', 'warning', 'info', 'hint']), message: z.string() })).default([]),
});

const severities = ['error', 'error', 'warning', 'info', 'hint'] as const;

function isEmpty(range: Range): boolean {
  return range.start.line === range.end.line && range.start.character === range.end.character;
}

export class SelectionActions {
  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly settings: ServerSettings,
  ) {}

  offer(params: CodeActionParams): CodeAction[] {
    if (isEmpty(params.range) || !this.documents.get(params.textDocument.uri)) return [];
    const diagnostics = params.context.diagnostics.map((diagnostic) => ({
      line: diagnostic.range.start.line + 1,
      severity: severities[diagnostic.severity ?? 1],
      message: diagnostic.message,
    }));
    const only = params.context.only;
    return selectionActionKinds
      .filter((kind) => kind !== 'fix' || diagnostics.length > 0)
      .filter((kind) => !only || only.some((wanted) => kindOf[kind] === wanted || kindOf[kind].startsWith(`${wanted}.`)))
      .map((kind) => ({
        title: selectionActionTitles[kind],
        kind: kindOf[kind],
        command: {
          title: selectionActionTitles[kind],
          command: selectionActionCommand,
          arguments: [{ kind, uri: params.textDocument.uri, range: params.range, diagnostics }],
        },
      }));
  }

  async run(params: ExecuteCommandParams): Promise<void> {
    const parsed = actionArgument.safeParse(params.arguments?.[0]);
    if (!parsed.success) {
      showMessage(this.connection, 'error', 'Kimi: that code action came with arguments it cannot read.');
      return;
    }
    const { kind, uri, range, diagnostics } = parsed.data;
    const document = this.documents.get(uri);
    if (!document) {
      showMessage(this.connection, 'error', 'Kimi: the document of that code action is no longer open.');
      return;
    }
    const progress = params.workDoneToken !== undefined
      ? this.connection.window.attachWorkDoneProgress(params.workDoneToken)
      : await this.connection.window.createWorkDoneProgress();
    progress.begin('Kimi', undefined, `${selectionActionProgress[kind]}…`, false);
    try {
      const client = await this.settings.client('chat');
      if (!('complete' in client)) {
        showMessage(this.connection, 'error', `Kimi: ${client.message}`);
        return;
      }
      const lines = document.getText().split('\n');
      const selection = document.getText(range);
      const messages = buildSelectionActionMessages({
        kind,
        path: this.documents.displayPath(uri),
        languageId: document.languageId,
        startLine: range.start.line + 1,
        endLine: range.end.line + 1,
        selection,
        before: lines.slice(Math.max(0, range.start.line - CONTEXT_LINES), range.start.line).join('\n'),
        after: lines.slice(range.end.line + 1, range.end.line + 1 + CONTEXT_LINES).join('\n'),
        diagnostics,
      });
      const result = await client.complete({ messages });
      if (result.error) {
        showMessage(this.connection, 'error', `Kimi: ${result.error.message}`);
        return;
      }
      const code = extractCodeBlock(result.content);
      if (code === undefined) {
        showMessage(this.connection, 'warning', 'Kimi: the answer had no code to apply.');
        return;
      }
      progress.report('Applying the change');
      const edit = kind === 'tests'
        ? { range: { start: range.end, end: range.end }, newText: `\n\n${code}\n` }
        : { range, newText: selection.endsWith('\n') && !code.endsWith('\n') ? `${code}\n` : code };
      const applied = await this.connection.workspace.applyEdit({ label: selectionActionTitles[kind], edit: { changes: { [uri]: [edit] } } });
      if (!applied.applied) showMessage(this.connection, 'warning', `Kimi: the editor did not apply the change${applied.failureReason ? `: ${applied.failureReason}` : '.'}`);
    } finally {
      progress.done();
    }
  }
}
