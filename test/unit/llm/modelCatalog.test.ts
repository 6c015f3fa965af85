import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiKeyFromEnvironment,
  CONSERVATIVE_CONTEXT_WINDOW,
  findCatalogModel,
  KIMI_CONTEXT_WINDOW,
  modelIdsFor,
  providerPresets,
  resolveModelProfile,
} from '../../../src/common/models';
import { providerIds } from '../../../src/common/settings';

describe('model catalog', () => {
  test('every provider id from the settings has a preset', () => {
    for (const id of providerIds) assert.equal(providerPresets[id].id, id);
  });

  test('defaults to K2.6 with each provider spelling its own id', () => {
    assert.equal(resolveModelProfile('aimlapi').modelId, 'moonshot/kimi-k2-6');
    assert.equal(resolveModelProfile('moonshot').modelId, 'kimi-k2.6');
    assert.equal(resolveModelProfile('moonshot-cn').baseUrl, 'https://api.moonshot.cn/v1');
    assert.deepEqual(modelIdsFor('aimlapi'), ['moonshot/kimi-k2-6', 'moonshot/kimi-k2-5']);
  });

  test('prices: Moonshot list on Moonshot, about 1.3x on AI/ML API', () => {
    assert.deepEqual(resolveModelProfile('moonshot').price, { input: 0.95, cachedInput: 0.16, output: 4 });
    assert.deepEqual(resolveModelProfile('moonshot', { model: 'kimi-k2.5' }).price, { input: 0.6, cachedInput: 0.1, output: 3 });
    assert.deepEqual(resolveModelProfile('aimlapi').price, { input: 1.235, cachedInput: 0.208, output: 5.2 });
  });

  test('preset field choices follow the providers', () => {
    assert.equal(providerPresets.moonshot.sendsThinkingField, true);
    assert.equal(providerPresets.aimlapi.sendsThinkingField, false);
    assert.equal(providerPresets.aimlapi.outputTokenField, 'max_tokens');
    assert.equal(providerPresets.moonshot.outputTokenField, 'max_completion_tokens');
    assert.equal(providerPresets.moonshot.lockedSampling, true);
  });

  test('recognises other spellings of a catalog model', () => {
    assert.equal(findCatalogModel('moonshotai/Kimi-K2.6')?.key, 'kimi-k2.6');
    assert.equal(findCatalogModel('moonshot/kimi-k2-5')?.key, 'kimi-k2.5');
    assert.equal(findCatalogModel('kimi-k2.6:cloud')?.key, 'kimi-k2.6');
    assert.equal(findCatalogModel('kimi-k2-0905-preview'), undefined);
    assert.equal(findCatalogModel('kimi-k2.55'), undefined);
  });

  test('a known model on a custom endpoint keeps its profile', () => {
    const profile = resolveModelProfile('custom', { baseUrl: 'http://127.0.0.1:8000/v1/', model: 'moonshotai/Kimi-K2.6' });
    assert.equal(profile.baseUrl, 'http://127.0.0.1:8000/v1');
    assert.equal(profile.contextWindow, KIMI_CONTEXT_WINDOW);
    assert.equal(profile.acceptsImages, true);
  });

  test('an unknown custom model gets the conservative profile', () => {
    const profile = resolveModelProfile('custom', { baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen3-coder' });
    assert.equal(profile.contextWindow, CONSERVATIVE_CONTEXT_WINDOW);
    assert.equal(profile.acceptsImages, false);
    assert.equal(profile.price, undefined);
    assert.equal(profile.modelId, 'qwen3-coder');
  });

  test('the key comes from the provider variable first, then KIMI_API_KEY', () => {
    const env = { AIMLAPI_API_KEY: 'a', MOONSHOT_API_KEY: 'm', KIMI_API_KEY: 'k' };
    assert.deepEqual(apiKeyFromEnvironment('aimlapi', env), { key: 'a', variable: 'AIMLAPI_API_KEY' });
    assert.deepEqual(apiKeyFromEnvironment('moonshot-cn', env), { key: 'm', variable: 'MOONSHOT_API_KEY' });
    assert.deepEqual(apiKeyFromEnvironment('aimlapi', { KIMI_API_KEY: ' k ' }), { key: 'k', variable: 'KIMI_API_KEY' });
    assert.equal(apiKeyFromEnvironment('moonshot', {}), undefined);
  });
});
