// Maps every way a call can fail (HTTP error bodies of both providers, SDK exceptions, socket
// failures, aborts) to a `KimiError`: a category, a sentence the user can act on, and retry hints.
import { redactKnownSecrets } from '../redact';
import { z } from 'zod';
import { loadedOpenAiSdk } from './openaiSdk';
import { parseRetryAfter } from './retryPolicy';
import type { ErrorAction, ErrorCategory, KimiError } from './types';

const MAX_MESSAGE_CHARS = 400;

/** What the error card offers for each kind of failure. */
const defaultActions: Record<ErrorCategory, ErrorAction> = {
  auth: 'setKey',
  noKey: 'setKey',
  quota: 'topUp',
  rateLimited: 'wait',
  overloaded: 'wait',
  contextTooLong: 'shortenContext',
  invalidRequest: 'none',
  contentFiltered: 'none',
  server: 'retry',
  network: 'retry',
  timeout: 'retry',
  cancelled: 'none',
  protocol: 'retry',
};

/** Failures that may pass by themselves, so the client retries them; a timeout or protocol error is offered to the user instead. */
const retryableCategories: ReadonlySet<ErrorCategory> = new Set(['rateLimited', 'overloaded', 'server', 'network']);

export function makeKimiError(
  category: ErrorCategory,
  message: string,
  extras: Partial<Omit<KimiError, 'category' | 'message'>> = {},
): KimiError {
  return { category, message, action: defaultActions[category], retryable: retryableCategories.has(category), ...extras };
}

export function invalidRequestError(message: string): KimiError {
  return makeKimiError('invalidRequest', message);
}

export function noKeyError(providerLabel: string): KimiError {
  return makeKimiError('noKey', `No API key is set for ${providerLabel}: run "Kimi: Set API Key".`);
}

export function cancelledError(): KimiError {
  return makeKimiError('cancelled', 'Stopped.');
}

/**
 * Removes the key, in every form a server may echo it (common/redact.ts), and anything shaped like a bearer
 * token or key from text that may reach the user or a log.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  let redacted = secret ? redactKnownSecrets(text, [secret], '***') : text;
  redacted = redacted.replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***');
  return redacted.replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-***');
}

function truncate(text: string, limit = MAX_MESSAGE_CHARS): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** Moonshot (and OpenAI): `{"error": {"type", "message", "code"}}`. */
const wrappedErrorBody = z.object({
  error: z.looseObject({ type: z.unknown().optional(), message: z.unknown().optional(), code: z.unknown().optional() }),
});
/** AI/ML API: `{"message", "path", "requestId", "statusCode", "timestamp"}` with no wrapper. */
const flatErrorBody = z.looseObject({
  message: z.unknown(),
  requestId: z.unknown().optional(),
  type: z.unknown().optional(),
  code: z.unknown().optional(),
});

export interface ProviderErrorBody {
  shape: 'wrapped' | 'flat' | 'text' | 'none';
  type?: string;
  code?: string;
  message?: string;
  requestId?: string;
}

function describeValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => describeValue(item) ?? '').filter(Boolean).join('; ');
  if (typeof value === 'object' && 'message' in value) {
    const where = 'path' in value && Array.isArray(value.path) && value.path.length > 0 ? `${value.path.join('.')}: ` : '';
    return `${where}${describeValue(value.message) ?? ''}`;
  }
  return JSON.stringify(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Reads either provider's error body; anything else is kept as text. */
export function parseProviderErrorBody(text: string | undefined): ProviderErrorBody {
  if (!text?.trim()) return { shape: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { shape: 'text', message: text.trim() };
  }
  const wrapped = wrappedErrorBody.safeParse(json);
  if (wrapped.success) {
    const { type, message, code } = wrapped.data.error;
    return { shape: 'wrapped', type: optionalString(type), code: optionalString(code), message: describeValue(message) };
  }
  const flat = flatErrorBody.safeParse(json);
  if (flat.success) {
    const { message, requestId, type, code, ...rest } = flat.data;
    // "Body validation error!" alone says little: the details carry the field that was wrong.
    const details = describeValue(rest.details ?? rest.errors ?? rest.meta);
    const text = [describeValue(message), details].filter(Boolean).join(': ');
    return {
      shape: 'flat',
      type: optionalString(type),
      code: optionalString(code),
      message: text || undefined,
      requestId: optionalString(requestId),
    };
  }
  return { shape: 'text', message: text.trim() };
}

export interface ErrorContext {
  providerLabel: string;
  model: string;
  apiKey?: string;
  now?: number;
}

const tokenLimitPattern =
  /token limit|context (length|window)|maximum context|too many tokens|exceed\w* .*tokens?|tokens? .*exceed|input is too long|prompt is too long/i;
const quotaPattern = /run out of credits|out of credits|insufficient (balance|credits|funds|quota)|quota|balance|billing|top.?up/i;
const contentFilterPattern = /content.?filter|high.?risk|sensitive|moderation|unsafe content/i;
const overloadPattern = /overload|engine.*busy|capacity/i;

/** The error for an HTTP status and the body the provider sent with it. */
export function classifyHttpError(
  status: number,
  bodyText: string | undefined,
  headers: Headers | undefined,
  context: ErrorContext,
): KimiError {
  const body = parseProviderErrorBody(bodyText);
  const providerMessage = body.message ? truncate(redactSecret(body.message, context.apiKey)) : undefined;
  const kind = `${body.type ?? ''} ${body.code ?? ''}`;
  const said = providerMessage ? `: ${providerMessage}` : '.';
  const extras = {
    status,
    detail: providerMessage,
    requestId: body.requestId ?? headers?.get('x-request-id') ?? undefined,
  };
  const provider = context.providerLabel;
  const signal = `${kind} ${body.message ?? ''}`;

  if (status === 401) return makeKimiError('auth', `${provider} rejected the API key: set a valid key.`, extras);
  if (/exceeded_current_quota|insufficient_quota/i.test(kind) || status === 402 || (status === 403 && quotaPattern.test(signal))) {
    return makeKimiError('quota', `Your ${provider} balance has run out: top up your account to continue.`, extras);
  }
  if (status === 403) return makeKimiError('auth', `${provider} refused access with this API key${said}`, extras);
  if (/content_filter/i.test(kind) || ((status === 400 || status === 451) && contentFilterPattern.test(signal))) {
    return makeKimiError('contentFiltered', `${provider}'s content filter blocked this request.`, extras);
  }
  if (status === 429) {
    // Moonshot says the wait in words ("please try again after 1 seconds") when no header is sent.
    const spokenWait = /try again (?:after|in) (\d+(?:\.\d+)?) ?s(?:ec(?:ond)?s?)?\b/i.exec(body.message ?? '');
    const retryAfterMs =
      parseRetryAfter(headers, context.now ?? Date.now()) ?? (spokenWait ? Math.round(Number(spokenWait[1]) * 1000) : undefined);
    const timing = retryAfterMs !== undefined ? { retryAfterMs } : {};
    if (quotaPattern.test(signal) && !/rate/i.test(signal)) {
      return makeKimiError('quota', `Your ${provider} balance has run out: top up your account to continue.`, extras);
    }
    if (/engine_overloaded/i.test(kind) || overloadPattern.test(signal)) {
      return makeKimiError('overloaded', `${provider} is overloaded right now; the request will be retried.`, { ...extras, ...timing });
    }
    return makeKimiError('rateLimited', `${provider} is limiting the request rate; wait a moment.`, { ...extras, ...timing });
  }
  if (status === 413 || ((status === 400 || status === 422) && tokenLimitPattern.test(signal))) {
    return makeKimiError(
      'contextTooLong',
      `The conversation does not fit ${context.model}'s context window: start a new chat or include less context.`,
      extras,
    );
  }
  if (status === 404) {
    return makeKimiError('invalidRequest', `${provider} does not know the model "${context.model}"${said}`, {
      ...extras,
      action: 'openSettings',
    });
  }
  if (status === 408) return makeKimiError('timeout', `${provider} timed out handling the request.`, extras);
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(headers, context.now ?? Date.now());
    return makeKimiError('server', `${provider} had a server error (${status})${said}`, {
      ...extras,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return makeKimiError('invalidRequest', `${provider} rejected the request${said}`, extras);
}

/** An error event inside an otherwise successful stream (`data: {"error": {...}}`). */
function classifyStreamErrorPayload(payload: unknown, context: ErrorContext): KimiError {
  const text = JSON.stringify({ error: payload ?? {} });
  const body = parseProviderErrorBody(text);
  const signal = `${body.type ?? ''} ${body.code ?? ''} ${body.message ?? ''}`;
  const status = /rate_limit/i.test(signal) ? 429 : /overload/i.test(signal) ? 429 : /content_filter/i.test(signal) ? 400 : 500;
  return classifyHttpError(status, text, undefined, context);
}

const networkErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

function isNetworkFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code && networkErrorCodes.has(code)) return true;
  return error instanceof TypeError && /fetch failed|terminated|network|socket/i.test(error.message);
}

export interface ThrownErrorContext extends ErrorContext {
  /** The raw body the fetch wrapper kept for a non-2xx response, looked up by its headers. */
  capturedBody: (headers: Headers | undefined) => string | undefined;
  /** Set when our own timer aborted the request. */
  timedOutAfterMs?: number;
  /** Set when the caller's signal aborted. */
  cancelled: boolean;
}

/** Any exception from the SDK or the transport, as a `KimiError`. */
export function classifyThrownError(error: unknown, context: ThrownErrorContext): KimiError {
  if (context.cancelled) return cancelledError();
  if (context.timedOutAfterMs !== undefined) {
    return makeKimiError(
      'timeout',
      `${context.providerLabel} did not finish within ${Math.round(context.timedOutAfterMs / 1000)} s; the request was abandoned.`,
    );
  }
  const sdk = loadedOpenAiSdk();
  if (sdk && error instanceof sdk.APIUserAbortError) return cancelledError();
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return makeKimiError('timeout', `${context.providerLabel} did not answer in time.`);
  }
  const reason = (value: unknown) => truncate(redactSecret(describeCause(value), context.apiKey));
  if (sdk && error instanceof sdk.APIConnectionError) {
    return makeKimiError('network', networkSentence(context.providerLabel, error), { detail: reason(error) });
  }
  if (sdk && error instanceof sdk.APIError) {
    if (error.status === undefined) return classifyStreamErrorPayload(error.error, context);
    // The captured raw body is the truth; the SDK's `error` is what it chose to keep (a wrapped body's
    // inner object, or nothing at all for flat or non-JSON bodies on some SDK versions).
    const captured = context.capturedBody(error.headers);
    const kept = error.error === undefined || error.error === null ? undefined : JSON.stringify(error.error);
    return classifyHttpError(error.status, captured ?? kept, error.headers, context);
  }
  if (error instanceof SyntaxError) {
    return makeKimiError('protocol', `${context.providerLabel} sent a stream chunk that is not valid JSON.`, {
      detail: reason(error),
    });
  }
  if (isNetworkFailure(error)) {
    return makeKimiError('network', networkSentence(context.providerLabel, error), { detail: reason(error) });
  }
  return makeKimiError('protocol', `Unexpected failure talking to ${context.providerLabel}: ${reason(error)}.`, {
    detail: reason(error),
  });
}

/**
 * What a transport failure means, in a sentence a user can act on; the system's own code and words go to
 * the error's detail (shown on request, and in the log), not into the sentence.
 */
function networkSentence(providerLabel: string, error: unknown): string {
  const code = errorCode(error) ?? '';
  if (code === 'ECONNREFUSED') return `${providerLabel} refused the connection: nothing answers at that address. Check the base URL, or whether your local server runs.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The address of ${providerLabel} could not be found. Check your network connection and the base URL.`;
  if (code === 'ETIMEDOUT') return `The connection to ${providerLabel} timed out. Check your network or proxy, then retry.`;
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return `${providerLabel} cannot be reached from this network. Check your connection, VPN or proxy.`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return `The secure connection to ${providerLabel} failed: its certificate was not accepted.`;
  return `The connection to ${providerLabel} was cut before the answer was complete. Retry to try again.`;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = 'code' in current && typeof current.code === 'string' ? ` (${current.code})` : '';
      parts.push(`${current.message}${code}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return [...new Set(parts)].join(': ') || 'unknown error';
}
