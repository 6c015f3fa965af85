// Where compaction cuts and what is sent after it: whole exchanges only, the pending message never summarized,
// the summary merged into the first user message, and a compaction dropped when its turns are rewound away.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activeCompaction, chooseCut, compactionLimits, withSummary } from '../../../src/common/compaction/compaction';
import type { StoredConversation, StoredTurn } from '../../../src/common/conversations/model';
import { toApiHistory } from '../../../src/common/conversations/viewModel';
import { checkMessageHistory } from '../../fixtures/fake-kimi/validate-messages';
import { buildChatRequest } from '../../../src/common/llm/requestBuilder';
import { resolveModelProfile } from '../../../src/common/models';

function user(id: string, text: string): StoredTurn {
  return { role: 'user', id, text, chips: [], images: [], message: { role: 'user', content: text } };
}

function answer(id: string, text: string, withTool = false): StoredTurn {
  const messages = withTool
    ? [
        { role: 'assistant' as const, reasoningContent: 'read it', toolCalls: [{ id: `${id}:call`, name: 'read_file', argumentsText: '{"path":"a.ts"}' }] },
        { role: 'tool' as const, toolCallId: `${id}:call`, content: 'x'.repeat(400) },
        { role: 'assistant' as const, content: text, reasoningContent: 'done' },
      ]
    : [{ role: 'assistant' as const, content: text, reasoningContent: 'short' }];
  return { role: 'assistant', id, messages, reasoning: '', text, toolCards: [], status: 'done' };
}

function conversation(turns: StoredTurn[], compactions?: StoredConversation['compactions']): StoredConversation {
  return { version: 1, id: 'c1', title: 't', createdAt: 0, updatedAt: 0, turns, ...(compactions ? { compactions } : {}) };
}

const size = (turn: StoredTurn) => JSON.stringify(turn).length;

describe('where compaction cuts', () => {
  const turns = [user('u1', 'one'), answer('a1', 'first', true), user('u2', 'two'), answer('a2', 'second'), user('u3', 'three'), answer('a3', 'third')];

  test('recent exchanges that fit the budget stay; the cut falls after an answer, before a user turn', () => {
    const budget = size(turns[4]!) + size(turns[5]!) + size(turns[2]!) + size(turns[3]!);
    assert.deepEqual(chooseCut(conversation(turns), budget, size), { afterTurnId: 'a1', afterIndex: 1, replacedTurns: 2 });
    assert.deepEqual(chooseCut(conversation(turns), 0, size), { afterTurnId: 'a3', afterIndex: 5, replacedTurns: 6 });
  });

  test('the oldest exchange is summarized even when everything would fit', () => {
    assert.equal(chooseCut(conversation(turns), Number.MAX_SAFE_INTEGER, size)?.afterTurnId, 'a1');
  });

  test('the message about to be answered is never summarized', () => {
    const pending = [...turns, user('u4', 'four')];
    assert.equal(chooseCut(conversation(pending), 0, size)?.afterTurnId, 'a3');
    assert.equal(chooseCut(conversation([user('u1', 'only')]), 0, size), undefined);
  });

  test('only turns since the last compaction are candidates', () => {
    const compacted = conversation(turns, [{ id: 'k', afterTurnId: 'a3', summary: 's', trigger: 'command', replacedTurns: 6, createdAt: 0 }]);
    assert.equal(chooseCut(compacted, 0, size), undefined);
    const later = conversation([...turns, user('u4', 'four'), answer('a4', 'fourth')], compacted.compactions);
    assert.deepEqual(chooseCut(later, 0, size), { afterTurnId: 'a4', afterIndex: 7, replacedTurns: 2 });
  });
});

describe('the history after compaction', () => {
  const turns = [user('u1', 'one'), answer('a1', 'first', true), user('u2', 'two'), answer('a2', 'second', true)];
  const compactions = [{ id: 'k', afterTurnId: 'a1', summary: '## Goal\nG', trigger: 'auto' as const, replacedTurns: 2, createdAt: 0 }];

  test('the summary leads the first kept user message; the kept turns follow word for word', () => {
    const history = toApiHistory(conversation(turns, compactions));
    assert.equal(history.length, 4);
    assert.match(String(history[0]?.content), /^<conversation_summary>\n## Goal\nG\n<\/conversation_summary>\n\n[^]*\n\ntwo$/);
    assert.deepEqual(history.slice(1), (turns[3] as Extract<StoredTurn, { role: 'assistant' }>).messages);
  });

  test('it passes the strict server rules with thinking on and with preserved thinking', () => {
    const profile = resolveModelProfile('moonshot');
    for (const keep of [false, true]) {
      const settings = { thinking: true, maxOutputTokens: 1000, ...(keep ? { requestOverrides: { thinking: { type: 'enabled', keep: 'all' } } } : {}) };
      const built = buildChatRequest(profile, settings, { messages: [{ role: 'system', content: 'S' }, ...toApiHistory(conversation(turns, compactions))] }, { stream: true });
      assert.ok(built.ok);
      assert.equal(checkMessageHistory(built.request.body.messages as never, { thinkingOn: true, keepAllReasoning: keep }), undefined);
    }
  });

  test('nothing kept yet: the summary goes alone; an image message keeps its parts', () => {
    assert.deepEqual(withSummary([], 'S').map((message) => message.role), ['user']);
    const [merged] = withSummary([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] }], 'S');
    assert.ok(Array.isArray(merged?.content) && merged.content[0]?.type === 'text' && merged.content[1]?.type === 'image_url');
  });

  test('a compaction whose turns were rewound away no longer applies', () => {
    const rewound = conversation([user('u1', 'one again')], compactions);
    assert.equal(activeCompaction(rewound), undefined);
    assert.deepEqual(toApiHistory(rewound), [{ role: 'user', content: 'one again' }]);
  });
});

describe('the compaction threshold', () => {
  test('the setting, capped so the request still leaves room for the answer', () => {
    assert.deepEqual(compactionLimits(209_715, 262_144, 32_768), { thresholdTokens: 209_715, keepTokens: 41_943 });
    assert.equal(compactionLimits(209_715, 131_072, 32_768).thresholdTokens, 98_304);
  });
});
