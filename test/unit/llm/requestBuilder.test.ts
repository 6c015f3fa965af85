import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveModelProfile } from '../../../src/common/models';
import {
  buildChatRequest,
  EMPTY_USER_CONTENT_PLACEHOLDER,
  messageToWire,
  type ChatRequestOptions,
  type RequestSettings,
} from '../../../src/common/llm/requestBuilder';
import type { ChatMessage } from '../../../src/common/llm/types';

const settings: RequestSettings = { thinking: true, maxOutputTokens: 32768, temperature: null };
const moonshot = resolveModelProfile('moonshot');
const aimlapi = resolveModelProfile('aimlapi');

function build(options: Partial<ChatRequestOptions>, overrides: Partial<RequestSettings> = {}, profile = moonshot) {
  const outcome = buildChatRequest(
    profile,
    { ...settings, ...overrides },
    { messages: [{ role: 'user', content: 'hi' }], ...options },
    { stream: true },
  );
  if (!outcome.ok) throw new Error(`unexpected refusal: ${outcome.error.message}`);
  return outcome.request;
}

const toolTurn: ChatMessage = {
  role: 'assistant',
  toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' }],
};

describe('request building: history', () => {
  test('an assistant tool-call turn keeps its reasoning exactly and omits empty content', () => {
    const wire = messageToWire({ ...toolTurn, reasoningContent: '  I should read a.ts\n' }, 'toolCallTurns');
    assert.deepEqual(wire, {
      role: 'assistant',
      reasoning_content: '  I should read a.ts\n',
      tool_calls: [{ id: 'read_file:0', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
    });
    assert.equal('content' in wire, false);
  });

  test('missing reasoning becomes "" on tool-call turns only while thinking', () => {
    const thinking = messageToWire(toolTurn, 'toolCallTurns');
    const notThinking = messageToWire(toolTurn, 'none');
    assert.equal(thinking.role === 'assistant' ? thinking.reasoning_content : 'x', '');
    assert.equal('reasoning_content' in notThinking, false);
    const plainAnswer = messageToWire({ role: 'assistant', content: 'done' }, 'toolCallTurns');
    assert.equal('reasoning_content' in plainAnswer, false);
    const preserved = messageToWire({ role: 'assistant', content: 'done' }, 'allTurns');
    assert.equal(preserved.role === 'assistant' ? preserved.reasoning_content : undefined, '');
  });

  test('tool-call ids are never rewritten, whatever their style', () => {
    const ids = ['functions.read_file:0', 'call_abc123', 'search:7'];
    const wire = messageToWire(
      { role: 'assistant', toolCalls: ids.map((id) => ({ id, name: 'read_file', argumentsText: '{}' })) },
      'toolCallTurns',
    );
    assert.deepEqual(wire.role === 'assistant' ? wire.tool_calls?.map((call) => call.id) : [], ids);
    assert.deepEqual(messageToWire({ role: 'tool', toolCallId: 'call_abc123', content: 'x' }, 'toolCallTurns'), {
      role: 'tool',
      tool_call_id: 'call_abc123',
      content: 'x',
    });
  });

  test('an empty user message is never sent empty; parts stay an array', () => {
    const warnings: string[] = [];
    assert.deepEqual(messageToWire({ role: 'user', content: '  ' }, 'toolCallTurns', warnings), {
      role: 'user',
      content: EMPTY_USER_CONTENT_PLACEHOLDER,
    });
    assert.equal(warnings.length, 1);
    const parts = messageToWire(
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
      'toolCallTurns',
    );
    assert.deepEqual(parts, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] });
    const emptyParts = messageToWire({ role: 'user', content: [{ type: 'text', text: '' }] }, 'toolCallTurns');
    assert.ok(emptyParts.role === 'user' && Array.isArray(emptyParts.content));
  });
});

describe('request building: body', () => {
  test('streams with usage and no sampling fields unless set', () => {
    const { body } = build({});
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.model, 'kimi-k2.6');
    assert.equal(body.max_completion_tokens, 32768);
    assert.deepEqual(body.thinking, { type: 'enabled' });
    for (const field of ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'max_tokens', 'tools', 'tool_choice']) {
      assert.equal(field in body, false, field);
    }
  });

  test('AI/ML API gets max_tokens and no thinking field, and still echoes reasoning', () => {
    const request = build({ messages: [{ role: 'user', content: 'x' }, toolTurn, { role: 'tool', toolCallId: 'read_file:0', content: 'y' }] }, {}, aimlapi);
    assert.equal(request.body.max_tokens, 32768);
    assert.equal('max_completion_tokens' in request.body, false);
    assert.equal('thinking' in request.body, false);
    assert.equal(request.thinking, true);
    const assistant = request.body.messages[1];
    assert.equal(assistant?.role === 'assistant' ? assistant.reasoning_content : undefined, '');
  });

  test('thinking off where it cannot be sent is reported, not silently assumed', () => {
    const request = build({}, { thinking: false }, aimlapi);
    assert.equal(request.thinking, true);
    assert.match(request.warnings.join('\n'), /cannot be switched off/);
    const moonshotOff = build({}, { thinking: false });
    assert.deepEqual(moonshotOff.body.thinking, { type: 'disabled' });
  });

  test('a rejected temperature on a locked preset becomes a warning; an allowed one is sent', () => {
    const rejected = build({}, { temperature: 0.3 });
    assert.equal('temperature' in rejected.body, false);
    assert.match(rejected.warnings.join('\n'), /temperature 0.3 was not sent.*accepts only 1/);
    assert.equal(build({}, { temperature: 1 }).body.temperature, 1);
    assert.equal(build({}, { temperature: 0.6, thinking: false }).body.temperature, 0.6);
    assert.equal(build({}, { temperature: 0.3 }, aimlapi).body.temperature, 0.3);
  });

  test('tools, web search, and the other options', () => {
    const { body } = build({
      tools: [{ name: 'read_file', description: 'Read', parameters: { type: 'object', properties: {} } }],
      webSearch: true,
      toolChoice: 'auto',
      parallelToolCalls: true,
      stop: ['END'],
      responseFormat: { type: 'json_object' },
      seed: 7,
    });
    assert.deepEqual(body.tools, [
      { type: 'function', function: { name: 'read_file', description: 'Read', parameters: { type: 'object', properties: {} } } },
      { type: 'builtin_function', function: { name: '$web_search' } },
    ]);
    assert.equal(body.tool_choice, 'auto');
    assert.equal(body.parallel_tool_calls, true);
    assert.deepEqual(body.stop, ['END']);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.equal(body.seed, 7);
  });

  test('forcing a tool turns thinking off for that request on Moonshot', () => {
    const request = build({ toolChoice: { name: 'read_file' }, messages: [{ role: 'user', content: 'x' }, toolTurn] });
    assert.equal(request.thinking, false);
    assert.deepEqual(request.body.thinking, { type: 'disabled' });
    assert.deepEqual(request.body.tool_choice, { type: 'function', function: { name: 'read_file' } });
    assert.match(request.warnings.join('\n'), /Thinking was turned off/);
    assert.equal(build({ toolChoice: 'required' }).thinking, false);
  });

  test('forcing a tool where thinking cannot be switched off is refused clearly', () => {
    const outcome = buildChatRequest(aimlapi, settings, { messages: [{ role: 'user', content: 'x' }], toolChoice: 'required' }, { stream: true });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.ok ? '' : outcome.error.category, 'invalidRequest');
    assert.match(outcome.ok ? '' : outcome.error.message, /tool choice "auto"/);
  });

  test('more than 4 stop sequences or no messages are refused', () => {
    const tooMany = buildChatRequest(moonshot, settings, { messages: [{ role: 'user', content: 'x' }], stop: ['a', 'b', 'c', 'd', 'e'] }, { stream: true });
    assert.equal(tooMany.ok, false);
    assert.equal(buildChatRequest(moonshot, settings, { messages: [] }, { stream: true }).ok, false);
  });

  test('non-streaming bodies carry no stream_options', () => {
    const outcome = buildChatRequest(moonshot, settings, { messages: [{ role: 'user', content: 'x' }] }, { stream: false });
    assert.ok(outcome.ok);
    assert.equal(outcome.request.body.stream, false);
    assert.equal('stream_options' in outcome.request.body, false);
  });
});

describe('request building: requestOverrides', () => {
  test('are merged last, but cannot replace model, messages or stream', () => {
    const request = build({}, { requestOverrides: { model: 'evil', messages: [], stream: false, user: 'abc', max_completion_tokens: 1000 } });
    assert.equal(request.body.model, 'kimi-k2.6');
    assert.equal(request.body.messages.length, 1);
    assert.equal(request.body.stream, true);
    assert.equal(request.body.user, 'abc');
    assert.equal(request.body.max_completion_tokens, 1000);
    assert.equal(request.warnings.filter((warning) => /was ignored: the client sets it/.test(warning)).length, 3);
  });

  test('fields the locked preset would reject become warnings', () => {
    const request = build({}, { requestOverrides: { temperature: 0.2, top_p: 0.95, presence_penalty: 0.5 } });
    assert.equal('temperature' in request.body, false);
    assert.equal('presence_penalty' in request.body, false);
    assert.equal(request.body.top_p, 0.95);
    assert.equal(request.warnings.length, 2);
    const open = build({}, { requestOverrides: { temperature: 0.2 } }, aimlapi);
    assert.equal(open.body.temperature, 0.2);
  });

  test('malformed values of known fields are dropped with a warning', () => {
    const request = build({}, { requestOverrides: { temperature: 'hot', stop: ['a', 'b', 'c', 'd', 'e'] } }, aimlapi);
    assert.equal('temperature' in request.body, false);
    assert.equal('stop' in request.body, false);
    assert.equal(request.warnings.length, 2);
  });

  test('preserved thinking (keep: "all") needs reasoning on every assistant turn', () => {
    const request = build(
      { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }, { role: 'user', content: 'z' }] },
      { requestOverrides: { thinking: { type: 'enabled', keep: 'all' } } },
    );
    assert.deepEqual(request.body.thinking, { type: 'enabled', keep: 'all' });
    const assistant = request.body.messages[1];
    assert.equal(assistant?.role === 'assistant' ? assistant.reasoning_content : undefined, '');
  });

  test('an explicit thinking override decides the reasoning rule', () => {
    const request = build(
      { messages: [{ role: 'user', content: 'x' }, toolTurn] },
      { requestOverrides: { thinking: { type: 'disabled' } } },
      aimlapi,
    );
    assert.equal(request.thinking, false);
    assert.deepEqual(request.body.thinking, { type: 'disabled' });
    const assistant = request.body.messages[1];
    assert.equal(assistant?.role === 'assistant' && 'reasoning_content' in assistant, false);
  });
});
