import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, TEST_KEY, type Harness } from './fakeKimiHarness';

const image = `data:image/png;base64,${'A'.repeat(5000)}`;
const ask = {
  messages: [
    { role: 'user' as const, content: [{ type: 'text' as const, text: 'what is on the screenshot? (the key test-key must not show)' }, { type: 'image_url' as const, image_url: { url: image } }] },
  ],
};

describe('kimiAssistant.logPrompts', () => {
  const harnesses: Harness[] = [];
  after(async () => Promise.all(harnesses.map((harness) => harness.fake.close())));

  test('off (the default): no prompt text reaches the log', async () => {
    const harness = await startHarness('moonshot');
    harnesses.push(harness);
    harness.fake.enqueue({ kind: 'reply', content: 'A cat.' });
    await harness.client.complete(ask);
    assert.ok(harness.logs.length > 0);
    assert.ok(!harness.logs.some((line) => line.includes('what is on the screenshot')));
  });

  test('on: the request body is logged once per request, images shortened, the key redacted', async () => {
    const harness = await startHarness('moonshot', { logPrompts: true });
    harnesses.push(harness);
    harness.fake.enqueue({ kind: 'reply', content: 'A cat.' });
    await harness.client.complete(ask);
    const prompts = harness.logs.filter((line) => line.startsWith('[kimi] prompt: '));
    assert.equal(prompts.length, 1);
    assert.match(prompts[0] ?? '', /what is on the screenshot/);
    assert.match(prompts[0] ?? '', /data:image\/png;base64,… \(5022 characters\)/);
    assert.ok(!prompts[0]?.includes('A'.repeat(100)));
    assert.ok(!prompts[0]?.includes(TEST_KEY), 'the key in the prompt text is redacted');
  });
});
