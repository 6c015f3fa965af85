// The Kimi client: builds each request for the configured provider preset, sends it through the
// openai SDK (its retries off, error bodies captured), assembles the stream into typed events and
// applies the one retry policy. Failures come back as values, never as exceptions.
import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { resolveModelProfile, type ModelProfile } from '../models';
import type { ProviderId } from '../settings';
import { collectCompletion } from './completion';
import { mapCompletionResponse } from './completionResponse';
import { ErrorBodyCapture, type FetchFunction } from './errorBodyCapture';
import { cancelledError, classifyThrownError, makeKimiError, noKeyError, redactSecret } from './errors';
import { buildChatRequest, type BuildOutcome, type ChatRequestOptions } from './requestBuilder';
import { loadOpenAiSdk } from './openaiSdk';
import { formatAttemptLog, formatPromptLog } from './requestLog';
import { RetryPolicy, type RetryPolicyOptions } from './retryPolicy';
import { StreamAssembler } from './streamAssembler';
import type { CompletionResult, KimiError, StreamEvent, Usage } from './types';
import type { ChatCompletionRequestBody } from './wireTypes';

export interface KimiClientConfig {
  provider: ProviderId;
  /** Overrides the preset's URL (required for `custom`). */
  baseUrl?: string;
  /** Empty or absent: the preset's default model. */
  model?: string;
  apiKey: string;
  thinking: boolean;
  maxOutputTokens: number;
  temperature?: number | null;
  requestOverrides?: Record<string, unknown>;
  /** Per attempt, from sending to the last chunk (default 600 s: long reasoning takes minutes). */
  timeoutMs?: number;
  /** Attempts including the first (default 4). */
  maxAttempts?: number;
  fetch?: FetchFunction;
  /** One line per HTTP attempt and each new warning; never the key; prompts only with `logPrompts`. */
  log?: (line: string) => void;
  /** The user asked for full prompts in the log (kimiAssistant.logPrompts): each request body once, redacted. */
  logPrompts?: boolean;
  /** Backoff tuning and an injectable clock/random, mainly for tests. */
  retry?: Omit<RetryPolicyOptions, 'maxAttempts'>;
}

export interface ChatRequest extends ChatRequestOptions {
  signal?: AbortSignal;
}

export type ListModelsResult = { ok: true; ids: string[] } | { ok: false; error: KimiError };

export const DEFAULT_TIMEOUT_MS = 600_000;

/** A placeholder for keyless local servers: the SDK insists on some bearer value. */
const KEYLESS_PLACEHOLDER = 'no-key';

const modelListSchema = z.union([
  z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) }),
  z.array(z.looseObject({ id: z.string() })),
]);

interface AttemptOutcome {
  error?: KimiError;
  streamedOutput: boolean;
}

/** Links the caller's signal and our timeout into one controller for a single attempt. */
class AttemptAbort {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (callerSignal?.aborted) this.controller.abort();
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
  }

  get cancelled(): boolean {
    return this.callerSignal?.aborted ?? false;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Always called: clears the timer and closes the connection if it is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.controller.abort();
  }
}

export class KimiClient {
  readonly profile: ModelProfile;
  private sdkClient: Promise<OpenAI> | undefined;
  private readonly capture: ErrorBodyCapture;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly seenWarnings = new Set<string>();

  constructor(private readonly config: KimiClientConfig) {
    this.profile = resolveModelProfile(config.provider, { baseUrl: config.baseUrl, model: config.model });
    this.capture = new ErrorBodyCapture(config.fetch ?? ((input, init) => globalThis.fetch(input, init)));
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = new RetryPolicy({ ...config.retry, maxAttempts: config.maxAttempts });
  }

  /** The SDK client, made on the first request (loading the SDK then, not at activation). */
  private sdk(): Promise<OpenAI> {
    this.sdkClient ??= loadOpenAiSdk().then(
      ({ default: OpenAISdk }) =>
        new OpenAISdk({
          apiKey: this.config.apiKey.trim() || KEYLESS_PLACEHOLDER,
          baseURL: this.profile.baseUrl || 'http://127.0.0.1/v1',
          maxRetries: 0,
          timeout: this.timeoutMs,
          fetch: this.capture.fetch,
          // The SDK's own logging could print request details; ours is the one log line per attempt.
          logLevel: 'off',
        }),
    );
    return this.sdkClient;
  }

  /** Every distinct request-building warning so far (also sent to `log` once each). */
  get warnings(): string[] {
    return [...this.seenWarnings];
  }

  /** Streams one answer. Never throws: every failure ends the stream with an `error` event. */
  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const prepared = this.prepare(request, true);
    if (!prepared.ok) {
      yield { type: 'error', error: prepared.error };
      return;
    }
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) {
        yield { type: 'error', error: cancelledError() };
        return;
      }
      const outcome: AttemptOutcome = yield* this.streamAttempt(prepared.request.body, request.signal, attempt);
      if (!outcome.error) return;
      const decision = this.retryPolicy.decide(outcome.error, attempt, outcome.streamedOutput);
      if (!decision.retry) {
        yield { type: 'error', error: outcome.error };
        return;
      }
      yield { type: 'retry', attempt: attempt + 1, delayMs: decision.delayMs, error: outcome.error };
      await this.retryPolicy.clock.sleep(decision.delayMs, request.signal);
    }
  }

  /** Streams under the hood and collects the result. */
  complete(request: ChatRequest): Promise<CompletionResult> {
    return collectCompletion(this.stream(request));
  }

  /** One non-streaming call (same retry policy), mapped to the same result shape. */
  async completeNonStreaming(request: ChatRequest): Promise<CompletionResult> {
    const failed = (error: KimiError): CompletionResult => ({
      content: '',
      reasoningContent: '',
      toolCalls: [],
      finishReason: error.category === 'cancelled' ? 'cancelled' : 'unknown',
      error,
    });
    const prepared = this.prepare(request, false);
    if (!prepared.ok) return failed(prepared.error);
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) return failed(cancelledError());
      const outcome = await this.singleAttempt(prepared.request.body, request.signal, attempt);
      if (!('error' in outcome)) return outcome.result;
      const decision = this.retryPolicy.decide(outcome.error, attempt, false);
      if (!decision.retry) return failed(outcome.error);
      await this.retryPolicy.clock.sleep(decision.delayMs, request.signal);
    }
  }

  /** The provider's model ids (OpenAI `{data:[{id}]}` or a bare array). */
  async listModels(signal?: AbortSignal): Promise<ListModelsResult> {
    if (!this.hasUsableKey()) return { ok: false, error: noKeyError(this.profile.preset.label) };
    const abort = new AttemptAbort(signal, this.timeoutMs);
    try {
      const raw: unknown = await (await this.sdk()).get('/models', { signal: abort.controller.signal });
      const parsed = modelListSchema.safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          error: classifyThrownError(new Error('the model list has an unexpected shape'), this.errorContext(abort)),
        };
      }
      const models = Array.isArray(parsed.data) ? parsed.data : parsed.data.data;
      return { ok: true, ids: models.map((model) => model.id) };
    } catch (error) {
      return { ok: false, error: classifyThrownError(error, this.errorContext(abort)) };
    } finally {
      abort.dispose();
    }
  }

  private hasUsableKey(): boolean {
    return this.config.apiKey.trim() !== '' || !this.profile.preset.requiresApiKey;
  }

  private prepare(request: ChatRequest, stream: boolean): BuildOutcome {
    if (!this.hasUsableKey()) return { ok: false, error: noKeyError(this.profile.preset.label) };
    if (!this.profile.baseUrl || !this.profile.modelId) {
      return {
        ok: false,
        error: makeKimiError(
          'invalidRequest',
          `${this.profile.preset.label} needs a base URL and a model id: set them in the settings.`,
          { action: 'openSettings' },
        ),
      };
    }
    const outcome = buildChatRequest(this.profile, this.config, request, { stream });
    if (outcome.ok) {
      this.noteWarnings(outcome.request.warnings);
      if (this.config.logPrompts) this.config.log?.(redactSecret(formatPromptLog(outcome.request.body), this.config.apiKey));
    }
    return outcome;
  }

  private noteWarnings(warnings: string[]): void {
    for (const warning of warnings) {
      if (this.seenWarnings.has(warning)) continue;
      this.seenWarnings.add(warning);
      this.config.log?.(`[kimi] warning: ${redactSecret(warning, this.config.apiKey)}`);
    }
  }

  private errorContext(abort: AttemptAbort) {
    return {
      providerLabel: this.profile.preset.label,
      model: this.profile.modelId,
      apiKey: this.config.apiKey,
      capturedBody: (headers: Headers | undefined) => this.capture.bodyFor(headers),
      cancelled: abort.cancelled,
      ...(abort.timedOut ? { timedOutAfterMs: this.timeoutMs } : {}),
    };
  }

  /** One HTTP attempt: yields every event except a terminal error, which it returns for the retry decision. */
  private async *streamAttempt(
    body: ChatCompletionRequestBody,
    signal: AbortSignal | undefined,
    attempt: number,
  ): AsyncGenerator<StreamEvent, AttemptOutcome, undefined> {
    const abort = new AttemptAbort(signal, this.timeoutMs);
    const assembler = new StreamAssembler({
      price: this.profile.price,
      toolCallIdStyle: this.profile.preset.toolCallIdStyle,
      providerLabel: this.profile.preset.label,
    });
    const startedAt = performance.now();
    let firstTokenMs: number | undefined;
    let status: number | undefined;
    let requestId: string | undefined;
    let error: KimiError | undefined;
    // Stays false when the consumer stops iterating early; the log then says so.
    let settled = false;
    try {
      const sdk = await this.sdk();
      const { data: chunks, response } = await sdk.chat.completions
        .create(body as unknown as ChatCompletionCreateParamsStreaming, { signal: abort.controller.signal })
        .withResponse();
      status = response.status;
      requestId = response.headers.get('x-request-id') ?? undefined;
      for await (const chunk of chunks) {
        const events = assembler.push(chunk);
        if (events.length > 0 && firstTokenMs === undefined) firstTokenMs = performance.now() - startedAt;
        for (const event of events) yield event;
        if (abort.stopped) break;
      }
      if (abort.stopped) {
        error = classifyThrownError(new Error('aborted'), this.errorContext(abort));
      } else {
        for (const event of assembler.finish(requestId ? { requestId } : {})) {
          if (event.type === 'error') error = event.error;
          else yield event;
        }
      }
      settled = true;
    } catch (thrown) {
      error = classifyThrownError(thrown, this.errorContext(abort));
      status ??= error.status;
      settled = true;
    } finally {
      abort.dispose();
      this.logAttempt({
        requestId: requestId ?? assembler.completionId,
        attempt,
        status,
        firstTokenMs,
        startedAt,
        usage: assembler.usage,
        error: settled ? error : cancelledError(),
        streamed: true,
      });
    }
    return { ...(error ? { error } : {}), streamedOutput: assembler.hasOutput };
  }

  private async singleAttempt(
    body: ChatCompletionRequestBody,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<{ result: CompletionResult } | { error: KimiError }> {
    const abort = new AttemptAbort(signal, this.timeoutMs);
    const startedAt = performance.now();
    let status: number | undefined;
    let requestId: string | undefined;
    let result: CompletionResult | undefined;
    let error: KimiError | undefined;
    try {
      const sdk = await this.sdk();
      const { data, response } = await sdk.chat.completions
        .create(body as unknown as ChatCompletionCreateParamsNonStreaming, { signal: abort.controller.signal })
        .withResponse();
      status = response.status;
      requestId = response.headers.get('x-request-id') ?? undefined;
      result = mapCompletionResponse(data, {
        price: this.profile.price,
        toolCallIdStyle: this.profile.preset.toolCallIdStyle,
        providerLabel: this.profile.preset.label,
        headers: response.headers,
        ...(requestId ? { requestId } : {}),
      });
    } catch (thrown) {
      error = classifyThrownError(thrown, this.errorContext(abort));
      status ??= error.status;
    } finally {
      abort.dispose();
      const firstTokenMs = result ? performance.now() - startedAt : undefined;
      this.logAttempt({ requestId, attempt, status, firstTokenMs, startedAt, usage: result?.usage, error: error ?? result?.error, streamed: false });
    }
    return result ? { result } : { error: error ?? cancelledError() };
  }

  private logAttempt(attempt: {
    requestId: string | undefined;
    attempt: number;
    status: number | undefined;
    firstTokenMs: number | undefined;
    startedAt: number;
    usage: Usage | undefined;
    error: KimiError | undefined;
    streamed: boolean;
  }): void {
    if (!this.config.log) return;
    const line = formatAttemptLog({
      requestId: attempt.requestId ?? attempt.error?.requestId ?? `local-${globalThis.crypto.randomUUID().slice(0, 8)}`,
      provider: this.profile.provider,
      model: this.profile.modelId,
      attempt: attempt.attempt,
      status: attempt.status,
      firstTokenMs: attempt.firstTokenMs,
      totalMs: performance.now() - attempt.startedAt,
      usage: attempt.usage,
      error: attempt.error,
      streamed: attempt.streamed,
    });
    this.config.log(redactSecret(line, this.config.apiKey));
  }
}
