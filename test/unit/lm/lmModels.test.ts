// The kimi vendor's models for each provider preset: the catalog's two, the user's own id, and their limits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lmModels, lmProfileFor } from '../../../src/common/lm/lmModels';
import { MAX_TOOLS } from '../../../src/common/llm/requestBuilder';

const base = { provider: 'aimlapi' as const, baseUrl: '', model: '', maxOutputTokens: 32_768 };

describe('lmModels', () => {
  test('AI/ML API offers K2.6 first, then K2.5, each with its window minus the output budget, images and tools', () => {
    const models = lmModels(base);
    assert.deepEqual(models.map((model) => [model.id, model.name, model.family]), [
      ['moonshot/kimi-k2-6', 'Kimi K2.6', 'kimi-k2.6'],
      ['moonshot/kimi-k2-5', 'Kimi K2.5', 'kimi-k2.5'],
    ]);
    for (const model of models) {
      assert.equal(model.maxInputTokens, 262_144 - 32_768);
      assert.equal(model.maxOutputTokens, 32_768);
      assert.equal(model.imageInput, true);
      assert.equal(model.toolCalling, MAX_TOOLS);
      assert.equal(model.detail, 'AI/ML API');
    }
  });

  test('the user model id joins the list, with the conservative window and no image input', () => {
    const own = lmModels({ ...base, provider: 'moonshot', model: 'kimi-k2-turbo-preview' });
    assert.deepEqual(own.map((model) => model.id), ['kimi-k2.6', 'kimi-k2.5', 'kimi-k2-turbo-preview']);
    assert.deepEqual(own[2] && { window: own[2].maxInputTokens + own[2].maxOutputTokens, images: own[2].imageInput }, { window: 131_072, images: false });
  });

  test('a custom endpoint offers its one model, recognised from the catalog when it is a Kimi id', () => {
    assert.deepEqual(lmModels({ ...base, provider: 'custom', baseUrl: 'http://127.0.0.1:8000/v1' }), []);
    const [model] = lmModels({ ...base, provider: 'custom', baseUrl: 'http://127.0.0.1:8000/v1', model: 'moonshotai/Kimi-K2.6' });
    assert.equal(model?.family, 'kimi-k2.6');
    assert.equal(model?.maxInputTokens, 262_144 - 32_768);
  });

  test('an output budget larger than the window still leaves room for a question', () => {
    const [model] = lmModels({ ...base, provider: 'custom', baseUrl: 'http://x/v1', model: 'tiny', maxOutputTokens: 262_144 });
    assert.equal(model?.maxInputTokens, 1024);
    assert.equal(model?.maxOutputTokens, 131_072 - 1024);
  });

  test('a request for a model the settings no longer offer finds no profile', () => {
    assert.equal(lmProfileFor('moonshot/kimi-k2-6', base)?.modelId, 'moonshot/kimi-k2-6');
    assert.equal(lmProfileFor('kimi-k2.6', base), undefined, 'a Moonshot id is not an AI/ML API model');
  });
});
