// Subagents in the stored conversation and across the webview boundary: a saved conversation with subagents
// loads back unchanged from a real folder (their histories with reasoning_content included), a subagent cut off by
// a reload shows stopped with no card left waiting, and the messages of the cards are validated like all others.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredSubagent } from '../../../src/common/conversations/model';
import { ConversationStore } from '../../../src/common/conversations/store';
import { recoverInterruptedTurns, toAssistantView } from '../../../src/common/conversations/viewModel';
import { parseHostToWebview, parseWebviewToHost, protocolLimits } from '../../../src/common/protocol';
import { NodeConversationFolder } from '../../../src/node/conversationFolder';
import { assistantTurn, conversation, userTurn } from '../conversations/conversationFixtures';

/** What the stored subagent below spent and showed; its view must carry the same. */
const READ_CARDS: StoredSubagent['toolCards'] = [{ id: 'sa-1/read_file:0', tool: 'read_file', target: 'notes.md', status: 'done', summary: '1 lines', textOffset: 0 }];
const USAGE: StoredSubagent['usage'] = { promptTokens: 1000, cachedTokens: 800, completionTokens: 20 };
const COST: StoredSubagent['cost'] = { usd: 0.001, estimated: false };

function storedSubagent(overrides: Partial<StoredSubagent> = {}): StoredSubagent {
  return {
    role: 'assistant',
    id: 'sa-1',
    callId: 'task:0',
    description: 'Find the parser',
    prompt: 'Where is the parser?',
    access: 'read',
    phase: 'done',
    messages: [
      { role: 'assistant', reasoningContent: 'Read the notes.', toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"notes.md"}' }] },
      { role: 'tool', toolCallId: 'read_file:0', content: '1| The parser lives in src/parse.ts.' },
      { role: 'assistant', reasoningContent: 'Found it.', content: 'src/parse.ts' },
    ],
    reasoning: 'Read the notes.\n\nFound it.',
    text: 'src/parse.ts',
    toolCards: READ_CARDS,
    status: 'done',
    usage: USAGE,
    cost: COST,
    report: 'src/parse.ts',
    ...overrides,
  };
}

describe('subagents in the stored conversation', () => {
  let directory: string;
  let store: ConversationStore;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kimi-subagent-store-'));
    store = new ConversationStore(new NodeConversationFolder(join(directory, 'conversations')), () => assert.fail('nothing is damaged'));
  });
  afterEach(async () => {
    await store.flush();
    await rm(directory, { recursive: true, force: true });
  });

  test('saved with the turn and loaded back unchanged, every reasoning_content kept', async () => {
    const original = conversation('c1', {
      turns: [
        userTurn('u1', 'Investigate'),
        assistantTurn('a1', {
          toolCards: [{ id: 'task:0', tool: 'task', target: '2 subagents', status: 'done', summary: '2 subagents: 1 done, 1 failed' }],
          subagents: [storedSubagent(), storedSubagent({ id: 'sa-2', phase: 'error', status: 'error', note: 'The connection was cut.', error: { message: 'The connection was cut.', action: 'retry', category: 'network' }, report: '' })],
        }),
      ],
    });
    await store.save(original);
    await store.flush();
    const loaded = await store.load('c1');
    assert.deepEqual(loaded, original);
  });

  test('a subagent left working by a reload shows stopped, its waiting cards settled', () => {
    const working = storedSubagent({
      phase: 'running',
      status: 'streaming',
      toolCards: [{ id: 'sa-1/read_file:1', tool: 'read_file', target: '.env', status: 'awaiting-approval' }],
    });
    const queued = storedSubagent({ id: 'sa-2', phase: 'queued', status: 'streaming', toolCards: [] });
    const finished = storedSubagent({ id: 'sa-3' });
    const recovered = recoverInterruptedTurns(conversation('c1', { turns: [userTurn('u1', 'Go'), assistantTurn('a1', { status: 'streaming', subagents: [working, queued, finished] })] }));
    const turn = recovered.turns[1];
    assert.equal(turn?.role, 'assistant');
    const subagents = turn?.role === 'assistant' ? (turn.subagents ?? []) : [];
    assert.deepEqual(subagents.map((subagent) => [subagent.phase, subagent.status]), [['stopped', 'stopped'], ['stopped', 'stopped'], ['done', 'done']]);
    assert.deepEqual(subagents[0]?.toolCards.map((card) => card.status), ['rejected']);
    assert.equal(subagents[2], finished, 'a finished subagent is kept as it was');
  });
});

describe('subagents across the webview boundary', () => {
  test("the view of a turn carries each subagent's card, and the webview accepts it", () => {
    const view = toAssistantView(assistantTurn('a1', { subagents: [storedSubagent()] }));
    assert.deepEqual(view.subagents, [
      {
        id: 'sa-1',
        callId: 'task:0',
        description: 'Find the parser',
        phase: 'done',
        toolCalls: READ_CARDS,
        report: 'src/parse.ts',
        usage: USAGE,
        cost: COST,
      },
    ]);
    assert.equal(parseHostToWebview({ type: 'turnUpdated', turn: view }).ok, true);
    assert.equal('subagents' in toAssistantView(assistantTurn('a2')), false, 'a turn without subagents sends none');
  });

  test('a bad phase or too many subagents is refused', () => {
    const view = toAssistantView(assistantTurn('a1', { subagents: [storedSubagent()] }));
    const card = view.subagents?.[0];
    assert.equal(parseHostToWebview({ type: 'turnUpdated', turn: { ...view, subagents: [{ ...card, phase: 'hacked' }] } }).ok, false);
    const many = Array.from({ length: protocolLimits.subagentsPerTurn + 1 }, (_, index) => ({ ...card, id: `sa-${index}` }));
    assert.equal(parseHostToWebview({ type: 'turnUpdated', turn: { ...view, subagents: many } }).ok, false);
  });

  test("Stop on a subagent's card: its id only, validated like every webview message", () => {
    assert.deepEqual(parseWebviewToHost({ type: 'stopSubagent', subagentId: 'sa-1' }), { ok: true, message: { type: 'stopSubagent', subagentId: 'sa-1' } });
    assert.equal(parseWebviewToHost({ type: 'stopSubagent', subagentId: 'sa-1', all: true }).ok, false, 'no unknown field');
    assert.equal(parseWebviewToHost({ type: 'stopSubagent', subagentId: '' }).ok, false);
    assert.equal(parseWebviewToHost({ type: 'stopSubagent', subagentId: 'x'.repeat(protocolLimits.idChars + 1) }).ok, false);
  });
});
