// Which LanguageModelError code each failure becomes, and the token estimate provideTokenCount gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE_TOKEN_ESTIMATE } from '../../../src/common/context/tokens';
import { classifyHttpError, cancelledError, noKeyError } from '../../../src/common/llm/errors';
import { lmErrorKind } from '../../../src/common/lm/lmErrors';
import { estimateLmTokens } from '../../../src/common/lm/lmTokens';

const context = { providerLabel: 'AI/ML API', model: 'moonshot/kimi-k2-6' };

describe('lmErrorKind', () => {
  test('a rejected or missing key is NoPermissions; spent quota and rate limits are Blocked; an unknown model NotFound', () => {
    assert.equal(lmErrorKind(classifyHttpError(401, '{"message":"This request requires a valid API key"}', undefined, context)), 'NoPermissions');
    assert.equal(lmErrorKind(noKeyError('AI/ML API')), 'NoPermissions');
    assert.equal(lmErrorKind(classifyHttpError(403, `{"message":"You've run out of credits"}`, undefined, context)), 'Blocked');
    assert.equal(lmErrorKind(classifyHttpError(429, '{"message":"Too Many Requests"}', undefined, context)), 'Blocked');
    assert.equal(lmErrorKind(classifyHttpError(404, '{"message":"Model not found"}', undefined, context)), 'NotFound');
    assert.equal(lmErrorKind(classifyHttpError(500, '{"message":"Generation timeout"}', undefined, context)), 'Unknown');
    assert.equal(lmErrorKind(cancelledError()), 'Cancelled');
  });
});

describe('estimateLmTokens', () => {
  test('counts text, tool calls and results, and images at the flat rate', () => {
    assert.equal(estimateLmTokens('abcdefgh'), 2);
    const tokens = estimateLmTokens({
      role: 'user',
      content: [
        { kind: 'text', text: 'abcd' },
        { kind: 'image', mimeType: 'image/png', base64: 'A'.repeat(100_000) },
        { kind: 'toolCall', callId: 'c', name: 'read', input: { p: 1 } },
        { kind: 'toolResult', callId: 'c', content: [{ kind: 'text', text: 'abcdefgh' }] },
      ],
    });
    assert.equal(tokens, 1 + IMAGE_TOKEN_ESTIMATE + 1 + 2 + 2);
  });
});
