// One ghost-text completion from keystroke to text: the cache first, then a pause (debounce) that a newer
// request for the same document cuts short, then Kimi with thinking off, then the trimmed answer. Failures
// reach the user once per kind (ErrorNotices); a superseded or cancelled request ends quietly.
import type { ChatRequest } from '../llm/kimiClient';
import type { ProviderPreset } from '../models';
import type { Cost, KimiError, StreamEvent } from '../llm/types';
import { CompletionCache } from './completionCache';
import { DEFAULT_COMPLETION_BUDGET_TOKENS, gatherCompletionContext, type CompletionDocument, type RecentSnippet } from './completionContext';
import { buildCompletionPrompt } from './completionPrompt';
import { realSleeper, Supersession, type Sleeper } from './debounce';
import { ErrorNotices } from './errorNotices';
import { trimCompletion } from './trimCompletion';

/** What the engine needs of a Kimi client (KimiClient fits). */
export interface CompletionModel {
  readonly profile: { preset: Pick<ProviderPreset, 'supportsPartialMode'> };
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
}

export interface CompletionEngineOptions {
  /** The client for the current settings and key, or why there is none. */
  model: () => Promise<CompletionModel | KimiError>;
  debounceMs: () => number;
  /** A failure the user should hear about (already once per kind). */
  onError: (error: KimiError) => void;
  /** What a completion cost, as the provider reported or the catalog estimates. */
  onCost?: (cost: Cost) => void;
  sleeper?: Sleeper;
  budgetTokens?: number;
}

export type CompletionOutcome =
  | { status: 'completed'; text: string; source: 'cache' | 'model' }
  | { status: 'empty' }
  | { status: 'cancelled' }
  | { status: 'failed'; error: KimiError };

export class CompletionEngine {
  readonly cache = new CompletionCache();
  readonly notices = new ErrorNotices();
  private readonly supersession = new Supersession();

  constructor(private readonly options: CompletionEngineOptions) {}

  /** `key` names the document: a newer request for it supersedes this one. */
  async complete(key: string, document: CompletionDocument, recent: readonly RecentSnippet[], signal?: AbortSignal): Promise<CompletionOutcome> {
    const context = gatherCompletionContext(document, recent, this.options.budgetTokens ?? DEFAULT_COMPLETION_BUDGET_TOKENS);
    const cached = this.cache.lookup(context.prefix, context.suffix);
    if (cached !== undefined) {
      // The newest keystroke still supersedes what is in flight for this document.
      this.supersession.cancel(key);
      return { status: 'completed', text: cached, source: 'cache' };
    }
    const request = this.supersession.begin(key, signal);
    try {
      await (this.options.sleeper ?? realSleeper).sleep(this.options.debounceMs(), request.signal);
      if (request.signal.aborted) return { status: 'cancelled' };
      const model = await this.options.model();
      if (request.signal.aborted) return { status: 'cancelled' };
      if (!('stream' in model)) return this.failed(model);
      const prompt = buildCompletionPrompt(context, model.profile.preset.supportsPartialMode ? 'partial' : 'prefixSuffix');
      let text = '';
      let cutShort = false;
      for await (const event of model.stream({ messages: prompt.messages, thinking: false, signal: request.signal })) {
        if (event.type === 'text') text += event.text;
        else if (event.type === 'finish') cutShort = event.reason === 'length';
        else if (event.type === 'cost') this.options.onCost?.(event.cost);
        else if (event.type === 'error') return event.error.category === 'cancelled' ? { status: 'cancelled' } : this.failed(event.error);
      }
      if (request.signal.aborted) return { status: 'cancelled' };
      this.notices.reset();
      const trimmed = trimCompletion({ completion: text, prefix: context.prefix, suffix: context.suffix, cutShort });
      if (trimmed.trim() === '') return { status: 'empty' };
      this.cache.store(context.prefix, context.suffix, trimmed);
      return { status: 'completed', text: trimmed, source: 'model' };
    } finally {
      request.end();
    }
  }

  /** The settings or key changed: old answers and old failures no longer hold. */
  reset(): void {
    this.cache.clear();
    this.notices.reset();
  }

  private failed(error: KimiError): CompletionOutcome {
    if (this.notices.shouldShow(error)) this.options.onError(error);
    return { status: 'failed', error };
  }
}
