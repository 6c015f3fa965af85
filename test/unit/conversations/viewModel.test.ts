// From stored conversations to API history, titles, recovered turns and the Markdown export.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recoverInterruptedTurns, titleFrom, toApiHistory, toAssistantView, toMarkdown } from '../../../src/common/conversations/viewModel';
import type { ChatMessage } from '../../../src/common/llm/types';
import { assistantTurn, conversation, userTurn } from './conversationFixtures';

describe('toApiHistory', () => {
  test('user messages as sent, then each turn\'s exchanged messages, in order', () => {
    const firstSent: ChatMessage = { role: 'user', content: '<context title="a.ts">\nx\n</context>\n\nExplain' };
    const stored = conversation('c1', {
      turns: [
        userTurn('u1', 'Explain', { message: firstSent }),
        assistantTurn('a1', {
          text: 'It is x.',
          messages: [
            { role: 'assistant', reasoningContent: 'r1', toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' }] },
            { role: 'tool', toolCallId: 'read_file:0', content: '1| x' },
            { role: 'assistant', content: 'It is x.', reasoningContent: 'r2' },
          ],
        }),
        userTurn('u2', 'And y?'),
        assistantTurn('a2', { messages: [{ role: 'assistant', content: 'y too.', reasoningContent: '' }] }),
      ],
    });
    assert.deepEqual(toApiHistory(stored), [
      firstSent,
      { role: 'assistant', reasoningContent: 'r1', toolCalls: [{ id: 'read_file:0', name: 'read_file', argumentsText: '{"path":"a.ts"}' }] },
      { role: 'tool', toolCallId: 'read_file:0', content: '1| x' },
      { role: 'assistant', content: 'It is x.', reasoningContent: 'r2' },
      { role: 'user', content: 'And y?' },
      { role: 'assistant', content: 'y too.', reasoningContent: '' },
    ]);
  });

  test('tool calls saved without their results (closed mid-tool) are answered, in call order', () => {
    const call = (id: string) => ({ id, name: 'read_file', argumentsText: '{}' });
    const stored = conversation('c1', {
      turns: [
        userTurn('u1', 'Go'),
        assistantTurn('a1', {
          status: 'stopped',
          messages: [
            { role: 'assistant', reasoningContent: 'r', toolCalls: [call('t0'), call('t1'), call('t2')] },
            { role: 'tool', toolCallId: 't1', content: 'one' },
          ],
        }),
        userTurn('u2', 'Continue'),
      ],
    });
    const history = toApiHistory(stored);
    assert.deepEqual(
      history.map((message) => (message.role === 'tool' ? `${message.toolCallId}=${message.content.startsWith('Not run') ? 'not run' : message.content}` : message.role)),
      ['user', 'assistant', 't0=not run', 't1=one', 't2=not run', 'user'],
    );
  });

  test('a complete history passes through unchanged', () => {
    const messages: ChatMessage[] = [
      { role: 'assistant', reasoningContent: '', toolCalls: [{ id: 'a', name: 'search', argumentsText: '{}' }, { id: 'b', name: 'search', argumentsText: '{}' }] },
      { role: 'tool', toolCallId: 'a', content: 'A' },
      { role: 'tool', toolCallId: 'b', content: 'B' },
      { role: 'assistant', content: 'done', reasoningContent: '' },
    ];
    const stored = conversation('c1', { turns: [userTurn('u1', 'q'), assistantTurn('a1', { messages })] });
    assert.deepEqual(toApiHistory(stored), [{ role: 'user', content: 'q' }, ...messages]);
  });
});

describe('titleFrom', () => {
  test('the first non-empty line, whitespace collapsed', () => {
    assert.equal(titleFrom('  \n\n  Fix   the\tbug  \nin main.ts'), 'Fix the bug');
    assert.equal(titleFrom('Windows line\r\nsecond'), 'Windows line');
  });

  test('empty or blank text gives "New chat"', () => {
    assert.equal(titleFrom(''), 'New chat');
    assert.equal(titleFrom(' \n\t '), 'New chat');
  });

  test('long lines are cut to 60 characters with an ellipsis, never inside an emoji', () => {
    const long = 'word '.repeat(30);
    const title = titleFrom(long);
    assert.ok(title.endsWith('...'));
    assert.ok(title.length <= 60, title);
    assert.equal(titleFrom('x'.repeat(60)), 'x'.repeat(60));
    const emojis = '😀'.repeat(70);
    const emojiTitle = titleFrom(emojis);
    assert.equal(emojiTitle, `${'😀'.repeat(57)}...`);
    assert.equal(emojiTitle.includes('\uFFFD'), false);
  });
});

describe('recoverInterruptedTurns', () => {
  test('a streaming turn becomes stopped with an explanation; unsettled cards become rejected', () => {
    const stored = conversation('c1', {
      turns: [
        userTurn('u1', 'Go'),
        assistantTurn('a1', {
          status: 'streaming',
          text: 'Partial',
          toolCards: [
            { id: 't0', tool: 'read_file', target: 'a', status: 'done' },
            { id: 't1', tool: 'edit_file', target: 'b', status: 'awaiting-approval' },
            { id: 't2', tool: 'search', target: 'c', status: 'running' },
            { id: 't3', tool: 'search', target: 'd', status: 'pending' },
          ],
        }),
      ],
    });
    const recovered = recoverInterruptedTurns(stored);
    assert.notEqual(recovered, stored);
    const turn = recovered.turns[1];
    assert.equal(turn?.role, 'assistant');
    if (turn?.role !== 'assistant') return;
    assert.equal(turn.status, 'stopped');
    assert.equal(turn.text, 'Partial');
    assert.equal(turn.error?.action, 'retry');
    assert.match(turn.error?.message ?? '', /interrupted/);
    assert.deepEqual(
      turn.toolCards.map((card) => card.status),
      ['done', 'rejected', 'rejected', 'rejected'],
    );
    assert.equal(stored.turns[1]?.role === 'assistant' && stored.turns[1].status, 'streaming', 'the input is not mutated');
  });

  test('a conversation without interrupted turns is returned as is', () => {
    const stored = conversation('c1');
    assert.equal(recoverInterruptedTurns(stored), stored);
  });
});

describe('toAssistantView', () => {
  test('rounds reasoningMs and carries error, usage, cost and model only when present', () => {
    const view = toAssistantView(
      assistantTurn('a1', { reasoningMs: 1234.6, error: { message: 'Oops', action: 'retry', category: 'server' }, model: 'kimi-k2.6' }),
    );
    assert.equal(view.reasoningMs, 1235);
    assert.deepEqual(view.error, { message: 'Oops', action: 'retry' });
    assert.equal(view.model, 'kimi-k2.6');
    const bare = toAssistantView(assistantTurn('a2'));
    assert.equal('usage' in bare || 'cost' in bare || 'error' in bare || 'reasoningMs' in bare, false);
  });
});

describe('toMarkdown', () => {
  test('exports title, both sides, context, reasoning, tool cards and errors', () => {
    const stored = conversation('c1', {
      title: 'Fixing main',
      turns: [
        userTurn('u1', 'Fix main.ts', { chips: [{ id: 'k1', kind: 'file', label: 'main.ts', tokens: 10 }, { id: 'k2', kind: 'problems', label: 'Problems', tokens: 5 }] }),
        assistantTurn('a1', {
          model: 'kimi-k2.6',
          reasoning: 'Look first.',
          text: 'Fixed it.',
          toolCards: [{ id: 't0', tool: 'edit_file', target: 'main.ts', status: 'done', summary: 'accepted' }],
          error: { message: 'Stopped after the maximum number of tool steps.', action: 'none' },
        }),
      ],
    });
    assert.equal(
      toMarkdown(stored),
      [
        '# Fixing main',
        '',
        '## You',
        '',
        '_Context: main.ts, Problems_',
        '',
        'Fix main.ts',
        '',
        '## Kimi (kimi-k2.6)',
        '',
        '<details><summary>Reasoning</summary>',
        '',
        'Look first.',
        '',
        '</details>',
        '',
        '- `edit_file` main.ts: done (accepted)',
        '',
        'Fixed it.',
        '',
        '> Stopped after the maximum number of tool steps.',
        '',
      ].join('\n'),
    );
  });

  test('tool cards are exported where the model made the calls, between its text', () => {
    const text = 'Let me read it.\n\nIt divides by zero.';
    const stored = conversation('c1', {
      title: 'Why NaN',
      turns: [
        userTurn('u1', 'Why NaN?'),
        assistantTurn('a1', { text, toolCards: [{ id: 't0', tool: 'read_file', target: 'a.ts', status: 'done', textOffset: 'Let me read it.'.length }] }),
      ],
    });
    assert.equal(
      toMarkdown(stored),
      ['# Why NaN', '', '## You', '', 'Why NaN?', '', '## Kimi', '', 'Let me read it.', '', '- `read_file` a.ts: done', '', 'It divides by zero.', ''].join('\n'),
    );
  });

  test('an empty conversation is just its title', () => {
    assert.equal(toMarkdown(conversation('c1', { title: 'Empty', turns: [] })), '# Empty\n');
  });
});
