// The lightbulb: "Fix with Kimi" on diagnostics, and Kimi's refactor, explain and document actions on a selection.
import * as vscode from 'vscode';
import type { InlineCommandArgs } from './inlineCommands';

export class KimiCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite.append('kimi')];

  static register(): vscode.Disposable {
    return vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new KimiCodeActions(), {
      providedCodeActionKinds: KimiCodeActions.providedCodeActionKinds,
    });
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const problems = context.diagnostics.filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning);
    if (problems.length > 0) {
      const first = problems[0] as vscode.Diagnostic;
      const fix = new vscode.CodeAction(`Fix with Kimi: ${truncate(first.message)}`, vscode.CodeActionKind.QuickFix);
      fix.diagnostics = problems;
      const target = problems.reduce((union, diagnostic) => union.union(diagnostic.range), range);
      fix.command = { title: fix.title, command: 'kimiAssistant.fixSelection', arguments: [{ range: target, diagnostics: problems } satisfies InlineCommandArgs] };
      actions.push(fix);
    }
    if (!range.isEmpty && document.uri.scheme !== 'output') {
      const kind = vscode.CodeActionKind.RefactorRewrite.append('kimi');
      for (const [title, command] of [
        ['Refactor with Kimi…', 'kimiAssistant.refactorSelection'],
        ['Explain with Kimi', 'kimiAssistant.explainSelection'],
        ['Document with Kimi', 'kimiAssistant.addDocumentation'],
      ] as const) {
        const action = new vscode.CodeAction(title, kind);
        action.command = { title, command, arguments: [{ range } satisfies InlineCommandArgs] };
        actions.push(action);
      }
    }
    return actions;
  }
}

function truncate(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
