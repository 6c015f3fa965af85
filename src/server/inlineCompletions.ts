// textDocument/inlineCompletion (LSP 3.18): ghost text from the completion engine. `$/cancelRequest` reaches
// the handler as its cancellation token, which aborts the debounce or the HTTP stream behind it.
import type { CancellationToken, Connection, InlineCompletionList, InlineCompletionParams } from 'vscode-languageserver/node';
import { CompletionEngine } from '../common/completions/completionEngine';
import { completionCostNotification } from '../common/completions/serverProtocol';
import { isDeniedWithoutConsent } from '../common/tools/deniedFiles';
import type { OpenDocuments } from './openDocuments';
import { showMessage } from './showMessage';
import type { ServerSettings } from './serverSettings';

export function abortSignalFor(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

export class InlineCompletions {
  readonly engine: CompletionEngine;

  constructor(
    connection: Connection,
    private readonly documents: OpenDocuments,
    settings: ServerSettings,
  ) {
    this.engine = new CompletionEngine({
      model: () => settings.client('completion'),
      debounceMs: () => settings.current['completions.debounceMs'],
      onError: (error) => showMessage(connection, 'error', `Kimi completions: ${error.message}`),
      onCost: (cost) => void connection.sendNotification(completionCostNotification.method, { usd: cost.usd, estimated: cost.estimated }),
    });
  }

  async provide(params: InlineCompletionParams, token: CancellationToken): Promise<InlineCompletionList | null> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return null;
    // Keys, credentials and env files are not sent to the model as ghost-text context, ever.
    if (isDeniedWithoutConsent(this.documents.displayPath(document.uri)).denied) return null;
    const outcome = await this.engine.complete(
      params.textDocument.uri,
      { path: this.documents.displayPath(document.uri), languageId: document.languageId, text: document.getText(), offset: document.offsetAt(params.position) },
      this.documents.recent.snippets(),
      abortSignalFor(token),
    );
    if (outcome.status !== 'completed') return null;
    return { items: [{ insertText: outcome.text, range: { start: params.position, end: params.position } }] };
  }
}
