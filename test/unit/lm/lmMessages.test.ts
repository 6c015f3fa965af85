// VS Code's messages (in the neutral shape) to Kimi's history: tool results right after their call, the
// reasoning of each tool-call turn put back exactly or "" where unknown, arguments replayed byte for byte.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChatRequest } from '../../../src/common/llm/requestBuilder';
import { toKimiMessages, type LmMessage } from '../../../src/common/lm/lmMessages';
import { ReasoningStore } from '../../../src/common/lm/reasoningStore';
import { resolveModelProfile } from '../../../src/common/models';

const loop: LmMessage[] = [
  { role: 'user', content: [{ kind: 'text', text: 'Where is parse()?' }] },
  { role: 'assistant', content: [{ kind: 'text', text: 'Reading.' }, { kind: 'toolCall', callId: 'functions.read_file:0', name: 'read_file', input: { path: 'a.ts' } }] },
  { role: 'user', content: [{ kind: 'toolResult', callId: 'functions.read_file:0', content: [{ kind: 'text', text: '1| export {}' }] }] },
];

function wireMessages(messages: ReturnType<typeof toKimiMessages>) {
  const outcome = buildChatRequest(resolveModelProfile('aimlapi'), { thinking: true, maxOutputTokens: 4096 }, { messages }, { stream: true });
  assert.ok(outcome.ok);
  return outcome.request.body.messages;
}

describe('toKimiMessages', () => {
  test('a tool-call turn gets back its reasoning and its arguments exactly as streamed', () => {
    const store = new ReasoningStore();
    store.remember({ providerId: 'functions.read_file:0', reasoning: 'Look at a.ts first.', name: 'read_file', argumentsText: '{ "path" : "a.ts" }' });
    assert.deepEqual(toKimiMessages(loop, store), [
      { role: 'user', content: 'Where is parse()?' },
      { role: 'assistant', content: 'Reading.', reasoningContent: 'Look at a.ts first.', toolCalls: [{ id: 'functions.read_file:0', name: 'read_file', argumentsText: '{ "path" : "a.ts" }' }] },
      { role: 'tool', toolCallId: 'functions.read_file:0', content: '1| export {}' },
    ]);
  });

  test('an unknown turn goes out with reasoning_content "" when thinking is on', () => {
    const wire = wireMessages(toKimiMessages(loop, new ReasoningStore()));
    assert.deepEqual(wire[1], {
      role: 'assistant',
      content: 'Reading.',
      reasoning_content: '',
      tool_calls: [{ id: 'functions.read_file:0', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
    });
  });

  test('a call the caller changed, or one of another name, goes as the caller has it with no borrowed reasoning', () => {
    const store = new ReasoningStore();
    store.remember({ providerId: 'functions.read_file:0', reasoning: 'Mine.', name: 'read_file', argumentsText: '{"path":"b.ts"}' });
    const [, changed] = toKimiMessages(loop, store);
    assert.deepEqual(changed, { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'functions.read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' }] });
    const renamed: LmMessage = { role: 'assistant', content: [{ kind: 'toolCall', callId: 'functions.read_file:0', name: 'search', input: { path: 'b.ts' } }] };
    assert.deepEqual(toKimiMessages([renamed], store), [{ role: 'assistant', toolCalls: [{ id: 'functions.read_file:0', name: 'search', argumentsText: '{"path":"b.ts"}' }] }]);
  });

  test('two conversations whose calls share a provider id each get their own reasoning and the provider id back', () => {
    const store = new ReasoningStore();
    const first = store.remember({ providerId: 'read_file:0', reasoning: 'Conversation one.', name: 'read_file', argumentsText: '{"path":"a.ts"}' });
    const second = store.remember({ providerId: 'read_file:0', reasoning: 'Conversation two.', name: 'read_file', argumentsText: '{"path":"a.ts"}' });
    const history = (callId: string): LmMessage[] => [
      { role: 'user', content: [{ kind: 'text', text: 'Go.' }] },
      { role: 'assistant', content: [{ kind: 'toolCall', callId, name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', content: [{ kind: 'toolResult', callId, content: [{ kind: 'text', text: 'ok' }] }] },
    ];
    for (const [callId, reasoning] of [[second, 'Conversation two.'], [first, 'Conversation one.']] as const) {
      const [, assistant, tool] = toKimiMessages(history(callId), store);
      assert.deepEqual(assistant, { role: 'assistant', reasoningContent: reasoning, toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' }] });
      assert.deepEqual(tool, { role: 'tool', toolCallId: 'read_file:0', content: 'ok' });
    }
  });

  test('arguments the model wrote as invalid JSON reach the caller as {} and go back as written', () => {
    const store = new ReasoningStore();
    store.remember({ providerId: 'c1', reasoning: 'R.', name: 'read_file', argumentsText: '{"path": "a.ts"' });
    const [message] = toKimiMessages([{ role: 'assistant', content: [{ kind: 'toolCall', callId: 'c1', name: 'read_file', input: {} }] }], store);
    assert.deepEqual(message, { role: 'assistant', reasoningContent: 'R.', toolCalls: [{ id: 'c1', name: 'read_file', argumentsText: '{"path": "a.ts"' }] });
  });

  test('images become image_url parts; a tool result image follows in the user turn, named by its call', () => {
    const image = { kind: 'image' as const, mimeType: 'image/png', base64: 'iVBORw0K' };
    const messages: LmMessage[] = [
      { role: 'user', content: [{ kind: 'text', text: 'What is this?' }, image] },
      { role: 'assistant', content: [{ kind: 'toolCall', callId: 'shot:0', name: 'screenshot', input: {} }] },
      { role: 'user', content: [{ kind: 'toolResult', callId: 'shot:0', content: [image] }, { kind: 'text', text: 'And this?' }] },
    ];
    const url = 'data:image/png;base64,iVBORw0K';
    assert.deepEqual(toKimiMessages(messages, new ReasoningStore()), [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url } }] },
      { role: 'assistant', toolCalls: [{ id: 'shot:0', name: 'screenshot', argumentsText: '{}' }] },
      { role: 'tool', toolCallId: 'shot:0', content: '(the result is the image below)' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'Images returned by tool call shot:0:' }, { type: 'image_url', image_url: { url } }, { type: 'text', text: 'And this?' }],
      },
    ]);
  });

  test('system text leads as one system message; an empty tool result still answers its call', () => {
    const messages: LmMessage[] = [
      { role: 'system', content: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ kind: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ kind: 'toolCall', callId: 'x:0', name: 'noop', input: {} }] },
      { role: 'user', content: [{ kind: 'toolResult', callId: 'x:0', content: [] }] },
    ];
    const converted = toKimiMessages(messages, new ReasoningStore());
    assert.deepEqual(converted[0], { role: 'system', content: 'Be brief.' });
    assert.deepEqual(converted[3], { role: 'tool', toolCallId: 'x:0', content: '(no output)' });
    assert.equal(converted.length, 4);
  });
});
