import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKimi, type FakeKimi } from '../../fixtures/fake-kimi/server';
import {
  assembleToolCalls,
  chatBody,
  deltaOf,
  fakeServersForSuite,
  finishChunk,
  joinedDeltas,
  postChat,
  streamChat,
  toolCallDeltas,
  toolRoundTrip,
  type Json,
} from './httpHelpers';

const editArguments = JSON.stringify({ path: 'src/app.ts', old_string: 'const a = 1;', new_string: 'const a = 2; // ünïcode ✓' });

describe('fake Kimi: streaming', () => {
  const servers = fakeServersForSuite();

  test('answers text/event-stream and ends with data: [DONE]', async () => {
    const response = await postChat(servers.aimlapi, chatBody({ stream: true }));
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const raw = await response.text();
    assert.ok(raw.endsWith('data: [DONE]\n\n'));
    assert.ok(raw.split('\n\n').filter(Boolean).every((event) => event.startsWith('data: ')));
  });

  test('sends role first, then reasoning, then content, then tool calls, then the finish chunk', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', reasoning: 'Think first.', content: 'Then answer.', toolCalls: [{ name: 'read_file', arguments: '{"path":"a"}' }] });
    const stream = await streamChat(servers.aimlapi, chatBody());
    const kinds = stream.chunks.map((chunk) => {
      const delta = deltaOf(chunk);
      if ('role' in delta) return 'role';
      if ('reasoning_content' in delta) return 'reasoning';
      if ('content' in delta) return 'content';
      if ('tool_calls' in delta) return 'tool';
      return 'finish';
    });
    const collapsed = kinds.filter((kind, index) => kind !== kinds[index - 1]);
    assert.deepEqual(collapsed, ['role', 'reasoning', 'content', 'tool', 'finish']);
    assert.deepEqual(deltaOf(stream.chunks[0]), { role: 'assistant', content: '' });
    const finish = stream.chunks[stream.chunks.length - 1];
    assert.deepEqual(deltaOf(finish), {});
    assert.equal((finish.choices as Json[])[0].finish_reason, 'tool_calls');
    assert.ok(stream.sawDone);
  });

  test('every chunk has the chat.completion.chunk envelope and the upstream model name (AI/ML API)', async () => {
    const stream = await streamChat(servers.aimlapi, chatBody({}, 'moonshot/kimi-k2-5'));
    const ids = new Set(stream.chunks.map((chunk) => chunk.id));
    assert.equal(ids.size, 1);
    assert.match(String([...ids][0]), /^chatcmpl-/);
    for (const chunk of stream.chunks) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(typeof chunk.created, 'number');
      assert.equal(chunk.model, 'kimi-k2.5');
      assert.equal((chunk.choices as Json[])[0].index, 0);
    }
    const middle = stream.chunks.slice(0, -1);
    assert.ok(middle.every((chunk) => (chunk.choices as Json[])[0].finish_reason === null));
  });

  test('Moonshot echoes the model id', async () => {
    const stream = await streamChat(servers.moonshot, chatBody({}, 'kimi-k2.6'));
    assert.ok(stream.chunks.every((chunk) => chunk.model === 'kimi-k2.6'));
  });

  test('reasoning and content arrive in chunkSize pieces that join to the script', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', reasoning: 'abcdefghij', content: 'Hello, world', chunkSize: 3 });
    const stream = await streamChat(servers.aimlapi, chatBody());
    const reasoningPieces = stream.chunks.map(deltaOf).filter((delta) => 'reasoning_content' in delta).map((delta) => delta.reasoning_content);
    assert.deepEqual(reasoningPieces, ['abc', 'def', 'ghi', 'j']);
    assert.equal(joinedDeltas(stream, 'reasoning_content'), 'abcdefghij');
    assert.equal(joinedDeltas(stream, 'content'), 'Hello, world');
  });

  test('a tool call starts with index, id, type and name, then streams argument fragments of 5 characters', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', toolCalls: [{ name: 'edit_file', arguments: editArguments }] });
    const stream = await streamChat(servers.aimlapi, chatBody());
    const [head, ...fragments] = toolCallDeltas(stream);
    assert.deepEqual(head, { index: 0, id: 'functions.edit_file:0', type: 'function', function: { name: 'edit_file', arguments: '' } });
    assert.ok(fragments.length > 5);
    for (const fragment of fragments) {
      assert.deepEqual(Object.keys(fragment).sort(), ['function', 'index']);
      assert.deepEqual(Object.keys(fragment.function ?? {}), ['arguments']);
    }
    assert.ok(fragments.slice(0, -1).every((fragment) => Array.from(fragment.function?.arguments ?? '').length === 5));
    assert.equal(assembleToolCalls(stream)[0].arguments, editArguments);
  });

  test('parallel calls use index 0, 1 and ids that count the conversation calls (Moonshot NAME:IDX)', async () => {
    servers.moonshot.enqueue({
      kind: 'reply',
      reasoning: 'Two reads.',
      toolCalls: [
        { name: 'read_file', arguments: '{"path":"a.ts"}' },
        { name: 'search', arguments: '{"pattern":"TODO"}' },
      ],
    });
    const stream = await streamChat(servers.moonshot, chatBody({ messages: toolRoundTrip('r', 'read_file:0') }, 'kimi-k2.6'));
    assert.deepEqual(assembleToolCalls(stream), [
      { id: 'read_file:1', name: 'read_file', arguments: '{"path":"a.ts"}' },
      { id: 'search:2', name: 'search', arguments: '{"pattern":"TODO"}' },
    ]);
  });

  test('random splits reassemble, vary in size and repeat for the same seed', async () => {
    const fragmentsFrom = async (server: FakeKimi) => {
      server.enqueue({ kind: 'reply', toolCalls: [{ name: 'edit_file', arguments: editArguments }], toolArgSplit: 'random' });
      const stream = await streamChat(server, chatBody());
      assert.equal(assembleToolCalls(stream)[0].arguments, editArguments);
      return toolCallDeltas(stream).slice(1).map((delta) => delta.function?.arguments ?? '');
    };
    const first = await startFakeKimi({ seed: 7 });
    const second = await startFakeKimi({ seed: 7 });
    try {
      const fromFirst = await fragmentsFrom(first);
      assert.ok(new Set(fromFirst.map((fragment) => fragment.length)).size > 1);
      assert.deepEqual(await fragmentsFrom(second), fromFirst);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a numeric split sends fragments of that many characters', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', toolCalls: [{ name: 'read_file', arguments: '{"path":"abc.ts"}' }], toolArgSplit: 4 });
    const fragments = toolCallDeltas(await streamChat(servers.aimlapi, chatBody())).slice(1).map((delta) => delta.function?.arguments);
    assert.deepEqual(fragments, ['{"pa', 'th":', '"abc', '.ts"', '}']);
  });

  test('argsBeforeName sends a fragment before the delta with id and name', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', toolCalls: [{ name: 'read_file', arguments: '{"path":"abc.ts"}' }], argsBeforeName: true });
    const stream = await streamChat(servers.aimlapi, chatBody());
    const deltas = toolCallDeltas(stream);
    assert.equal(deltas[0].id, undefined);
    assert.equal(deltas[0].function?.name, undefined);
    assert.equal(deltas[0].function?.arguments, '{"pat');
    assert.equal(deltas[1].id, 'functions.read_file:0');
    assert.deepEqual(assembleToolCalls(stream), [{ id: 'functions.read_file:0', name: 'read_file', arguments: '{"path":"abc.ts"}' }]);
  });

  test('a scripted id is echoed unchanged and $web_search comes as a builtin_function call', async () => {
    servers.moonshot.enqueue({
      kind: 'reply',
      toolCalls: [
        { name: '$web_search', arguments: '{"search_result":{"search_id":"s1"}}' },
        { name: 'read_file', arguments: '{}', id: 'call_custom_1' },
      ],
    });
    const deltas = toolCallDeltas(await streamChat(servers.moonshot, chatBody({}, 'kimi-k2.6')));
    const heads = deltas.filter((delta) => delta.id !== undefined);
    assert.deepEqual(heads.map((delta) => [delta.id, delta.type]), [['$web_search:0', 'builtin_function'], ['call_custom_1', 'function']]);
  });

  test('finishReason from the script is reported; default is stop without tool calls', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'cut sh', finishReason: 'length' }, { kind: 'reply', content: 'ok' });
    const cut = finishChunk(await streamChat(servers.aimlapi, chatBody()));
    assert.equal((cut.choices as Json[])[0].finish_reason, 'length');
    const normal = finishChunk(await streamChat(servers.aimlapi, chatBody()));
    assert.equal((normal.choices as Json[])[0].finish_reason, 'stop');
  });

  test('leakToolMarkup puts raw Kimi markup into content and sends no tool_calls', async () => {
    servers.aimlapi.enqueue({ kind: 'reply', content: 'Let me look. ', toolCalls: [{ name: 'read_file', arguments: '{"path":"a"}' }], leakToolMarkup: true });
    const stream = await streamChat(servers.aimlapi, chatBody());
    assert.equal(toolCallDeltas(stream).length, 0);
    assert.equal(
      joinedDeltas(stream, 'content'),
      'Let me look. <|tool_calls_section_begin|><|tool_call_begin|>functions.read_file:0<|tool_call_argument_begin|>{"path":"a"}<|tool_call_end|><|tool_calls_section_end|>',
    );
    assert.equal((finishChunk(stream).choices as Json[])[0].finish_reason, 'stop');
  });
});
