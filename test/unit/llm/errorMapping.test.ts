import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyHttpError,
  classifyThrownError,
  parseProviderErrorBody,
  redactSecret,
} from '../../../src/common/llm/errors';
import { loadOpenAiSdk, type OpenAiSdkModule } from '../../../src/common/llm/openaiSdk';

const context = { providerLabel: 'Moonshot', model: 'kimi-k2.6', apiKey: 'sk-SECRETSECRET123', now: Date.parse('2025-01-01T00:00:00Z') };
const moonshotBody = (type: string, message: string) => JSON.stringify({ error: { type, message } });
const aimlapiBody = (statusCode: number, message: string) =>
  JSON.stringify({ message, path: '/v1/chat/completions', requestId: 'req-42', statusCode, timestamp: '2025-01-01T00:00:00Z' });

describe('error bodies', () => {
  test('both provider shapes are read', () => {
    assert.deepEqual(parseProviderErrorBody(moonshotBody('rate_limit_reached_error', 'slow down')), {
      shape: 'wrapped',
      type: 'rate_limit_reached_error',
      code: undefined,
      message: 'slow down',
    });
    const flat = parseProviderErrorBody(aimlapiBody(403, "You've run out of credits"));
    assert.equal(flat.shape, 'flat');
    assert.equal(flat.message, "You've run out of credits");
    assert.equal(flat.requestId, 'req-42');
    assert.deepEqual(parseProviderErrorBody('Bad Gateway'), { shape: 'text', message: 'Bad Gateway' });
    assert.deepEqual(parseProviderErrorBody(''), { shape: 'none' });
  });

  test('validation details of a flat body reach the message', () => {
    const body = JSON.stringify({ message: 'Body validation error!', statusCode: 400, details: [{ message: 'max_tokens must be >= 1' }] });
    assert.equal(parseProviderErrorBody(body).message, 'Body validation error!: max_tokens must be >= 1');
  });
});

describe('HTTP error classification', () => {
  const cases: Array<[string, number, string, string, string]> = [
    ['moonshot 401', 401, moonshotBody('invalid_authentication_error', 'Invalid Authentication'), 'auth', 'setKey'],
    ['aimlapi 401', 401, aimlapiBody(401, 'This request requires a valid API key'), 'auth', 'setKey'],
    ['aimlapi 403 credits', 403, aimlapiBody(403, "You've run out of credits"), 'quota', 'topUp'],
    ['moonshot 429 quota', 429, moonshotBody('exceeded_current_quota_error', 'Your account is suspended'), 'quota', 'topUp'],
    ['moonshot 429 rate', 429, moonshotBody('rate_limit_reached_error', 'max RPM 3'), 'rateLimited', 'wait'],
    ['aimlapi 429', 429, aimlapiBody(429, 'Too Many Requests'), 'rateLimited', 'wait'],
    ['moonshot overloaded', 429, moonshotBody('engine_overloaded_error', 'The engine is currently overloaded'), 'overloaded', 'wait'],
    ['token limit', 400, moonshotBody('invalid_request_error', 'Invalid request: Your request exceeded model token limit: 262144'), 'contextTooLong', 'shortenContext'],
    ['other 400', 400, moonshotBody('invalid_request_error', 'invalid temperature: only 1 is allowed for this model'), 'invalidRequest', 'none'],
    ['content filter', 400, moonshotBody('content_filter', 'The request was rejected because it was considered high risk'), 'contentFiltered', 'none'],
    ['moonshot 403', 403, moonshotBody('permission_denied_error', 'not allowed'), 'auth', 'setKey'],
    ['404 model', 404, moonshotBody('resource_not_found_error', 'Not found the model'), 'invalidRequest', 'openSettings'],
    ['aimlapi generation timeout', 504, aimlapiBody(504, 'Generation timeout'), 'server', 'retry'],
    ['moonshot 500', 500, moonshotBody('server_error', 'oops'), 'server', 'retry'],
  ];
  for (const [name, status, body, category, action] of cases) {
    test(`${name} → ${category}`, () => {
      const error = classifyHttpError(status, body, new Headers(), context);
      assert.equal(error.category, category);
      assert.equal(error.action, action);
      assert.equal(error.status, status);
      assert.equal(error.retryable, ['rateLimited', 'overloaded', 'server'].includes(category));
    });
  }

  test('the provider message is in the sentence of a plain 400', () => {
    const error = classifyHttpError(400, moonshotBody('invalid_request_error', 'invalid temperature: only 1 is allowed'), undefined, context);
    assert.match(error.message, /invalid temperature: only 1 is allowed/);
  });

  test('Retry-After in seconds and as an HTTP date', () => {
    const seconds = classifyHttpError(429, aimlapiBody(429, 'Too Many Requests'), new Headers({ 'retry-after': '3' }), context);
    assert.equal(seconds.retryAfterMs, 3000);
    const date = classifyHttpError(429, '', new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), context);
    assert.equal(date.retryAfterMs, 10_000);
  });

  test('the key never appears in a message or detail', () => {
    const error = classifyHttpError(401, moonshotBody('incorrect_api_key_error', 'Incorrect API key provided: sk-SECRETSECRET123'), undefined, context);
    assert.doesNotMatch(JSON.stringify(error), /SECRETSECRET/);
    assert.equal(redactSecret('Bearer abcdefghijklmnop and sk-abcdefghijk', undefined), 'Bearer *** and sk-***');
  });
});

describe('thrown error classification', () => {
  const base = { ...context, capturedBody: () => undefined, cancelled: false };
  // The SDK's error classes as the client loads them (on demand): only those are the SDK's errors.
  let sdk: OpenAiSdkModule;
  before(async () => {
    sdk = await loadOpenAiSdk();
  });

  test('the captured raw body is used when the SDK dropped it (the no-body pitfall)', () => {
    const headers = new Headers();
    const sdkError = sdk.APIError.generate(403, { message: "You've run out of credits" }, undefined, headers);
    assert.match(sdkError.message, /no body/);
    const error = classifyThrownError(sdkError, { ...base, capturedBody: (h) => (h === headers ? aimlapiBody(403, "You've run out of credits") : undefined) });
    assert.equal(error.category, 'quota');
  });

  test('an in-stream error event is classified by its type', () => {
    const error = classifyThrownError(new sdk.APIError(undefined, { type: 'engine_overloaded_error', message: 'busy' }, undefined, undefined), base);
    assert.equal(error.category, 'overloaded');
  });

  test('aborts, timeouts, connection failures, resets and malformed JSON', () => {
    assert.equal(classifyThrownError(new sdk.APIUserAbortError(), { ...base, cancelled: true }).category, 'cancelled');
    assert.equal(classifyThrownError(new sdk.APIUserAbortError(), { ...base, timedOutAfterMs: 5000 }).category, 'timeout');
    const refused = new sdk.APIConnectionError({ message: 'Connection error.', cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    assert.equal(classifyThrownError(refused, base).category, 'network');
    const reset = new TypeError('terminated', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    const resetError = classifyThrownError(reset, base);
    assert.equal(resetError.category, 'network');
    assert.equal(resetError.retryable, true);
    assert.equal(classifyThrownError(new SyntaxError('malformed server-sent event JSON'), base).category, 'protocol');
  });
});

describe('waits spoken in the message', () => {
  test('Moonshot\'s "try again after N seconds" sets the wait when no header does', () => {
    const error = classifyHttpError(
      429,
      JSON.stringify({ error: { type: 'rate_limit_reached_error', message: 'max RPM: 3, please try again after 1 seconds' } }),
      new Headers(),
      context,
    );
    assert.equal(error.retryAfterMs, 1000);
  });
});
