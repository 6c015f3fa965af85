// Images in tool results (an MCP tool's screenshot, say): a tool message carries text only, so the loop sends
// them after the tool messages as one user message of image_url parts, and only when a tool returned some.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgentTurn } from '../../../src/common/agent/agentLoop';
import type { ChatMessage } from '../../../src/common/llm/types';
import { done, fakeTools, recordingObserver, scriptedModel, toolCall } from './agentFakes';

const history: ChatMessage[] = [{ role: 'user', content: 'Take a screenshot.' }];
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

async function turn(withImages: boolean) {
  const shot = toolCall('call_0', 'mcp__browser__screenshot', '{}', 0);
  const read = toolCall('call_1', 'read_file', '{"path":"a.ts"}', 1);
  const tools = fakeTools({
    mcp__browser__screenshot: async () => ({ ...done('1 image'), ...(withImages ? { images: [{ dataUri: PNG }] } : {}) }),
    read_file: async () => done('a'),
  });
  const model = scriptedModel([
    [{ type: 'toolCall', call: shot }, { type: 'toolCall', call: read }, { type: 'finish', reason: 'tool_calls' }],
    [{ type: 'text', text: 'I see it.' }, { type: 'finish', reason: 'stop' }],
  ]);
  const observer = recordingObserver();
  const result = await runAgentTurn(history, { maxSteps: 5, webSearch: false, stream: model.stream, tools }, observer, new AbortController().signal);
  return { result, model, observer };
}

describe('runAgentTurn: images in tool results', () => {
  test('images follow the tool messages as one user message with image_url parts', async () => {
    const { result, model } = await turn(true);
    assert.equal(result.reason, 'answered');
    const second = model.requests[1]!;
    assert.deepEqual(second.slice(2).map((message) => message.role), ['tool', 'tool', 'user']);
    const images = second[4]!;
    assert.ok(images.role === 'user' && Array.isArray(images.content));
    assert.deepEqual(images.content.filter((part) => part.type === 'image_url'), [{ type: 'image_url', image_url: { url: PNG } }]);
    assert.match(images.content[0]!.type === 'text' ? images.content[0]!.text : '', /mcp__browser__screenshot/);
  });

  test('without images the history is unchanged: only the tool messages follow', async () => {
    const { model } = await turn(false);
    assert.deepEqual(model.requests[1]!.slice(2).map((message) => message.role), ['tool', 'tool']);
  });
});
