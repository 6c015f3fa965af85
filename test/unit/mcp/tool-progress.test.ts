// A running MCP call's progress on its tool card: the line it shows, the card it changes (only a running one) and
// how often (a server may notify many times a second; the card changes at most every 100 ms).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TurnRecorder } from '../../../src/common/conversations/turnRecorder';
import type { AssembledToolCall } from '../../../src/common/llm/types';
import { describeProgress } from '../../../src/common/mcp/mcpTools';
import type { HostToWebviewMessage } from '../../../src/common/protocol';
import { assistantTurn } from '../conversations/conversationFixtures';

const call: AssembledToolCall = { id: 'c1', name: 'mcp__s__slow', argumentsText: '{}', arguments: {}, index: 0 };

describe('tool-card progress', () => {
  test('the line: a percentage with the steps when the total is known, the count otherwise, and the message', () => {
    assert.equal(describeProgress({ progress: 2, total: 5 }), '40% (2/5)');
    assert.equal(describeProgress({ progress: 7 }), '7');
    assert.equal(describeProgress({ progress: 3, total: 4, message: '  Indexing\n files ' }), '75% (3/4) · Indexing files');
    assert.equal(describeProgress({ progress: 9, total: 4 }), '100% (9/4)', 'a server over its total does not show more than 100%');
    assert.equal(describeProgress({ progress: 1, message: 'x'.repeat(500) }).length, 200);
  });

  test('only a running card shows it, at most every 100 ms, and the result replaces it', () => {
    const clock = { now: 1000 };
    const posted: HostToWebviewMessage[] = [];
    const turn = assistantTurn('a1', { status: 'streaming', startedAt: 1000 });
    const recorder = new TurnRecorder(turn, { post: (message) => posted.push(message), persist: () => undefined, describeTarget: () => 's › slow', now: () => clock.now });
    recorder.onToolProgress(call, 'before the card exists');
    recorder.onToolCall(call, 'pending');
    recorder.onToolProgress(call, 'while queued');
    assert.equal(turn.toolCards[0]!.summary, undefined);
    recorder.onToolCall(call, 'running');
    const before = posted.length;
    recorder.onToolProgress(call, '10% (1/10)');
    clock.now += 50;
    recorder.onToolProgress(call, '20% (2/10)');
    assert.equal(turn.toolCards[0]!.summary, '10% (1/10)', 'within 100 ms: skipped');
    clock.now += 60;
    recorder.onToolProgress(call, '30% (3/10)');
    assert.equal(turn.toolCards[0]!.summary, '30% (3/10)');
    assert.equal(posted.length - before, 2, 'one view update per shown step');
    recorder.onToolResult(call, { content: 'done', status: 'done', summary: '4 characters' });
    assert.equal(turn.toolCards[0]!.summary, '4 characters');
  });
});
