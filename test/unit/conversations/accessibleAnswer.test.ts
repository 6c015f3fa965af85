// The answer the accessible view opens: the focused one, else the last; with its question, tool calls and error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerAsMarkdown } from '../../../src/common/conversations/viewModel';
import { assistantTurn, conversation, userTurn } from './conversationFixtures';

const stored = conversation('c1', {
  turns: [
    userTurn('u1', 'Explain parseArgs'),
    assistantTurn('a1', { text: 'It walks the arguments.\n\n```ts\nparseArgs(argv)\n```' }),
    userTurn('u2', 'Make flags strict\nplease'),
    assistantTurn('a2', {
      text: 'I will edit it.',
      toolCards: [{ id: 't1', tool: 'edit_file', target: 'src/args.ts', status: 'awaiting-approval', summary: '+1 −0', textOffset: 'I will edit it.'.length }],
      error: { message: 'The connection dropped.', action: 'retry' },
    }),
  ],
});

describe('answerAsMarkdown', () => {
  test('without a focused answer it is the last one, with its question quoted and its tool calls and error', () => {
    const answer = answerAsMarkdown(stored, null);
    assert.equal(answer?.turnId, 'a2');
    assert.equal(answer?.number, 2);
    assert.equal(
      answer?.markdown,
      '# Kimi, answer 2 of 2\n\n> Make flags strict\n> please\n\nI will edit it.\n\n- `edit_file` src/args.ts: awaiting-approval (+1 −0)\n\n> The connection dropped.\n',
    );
  });

  test('the focused answer when there is one, its code block kept as markdown', () => {
    const answer = answerAsMarkdown(stored, 'a1');
    assert.equal(answer?.number, 1);
    assert.match(answer?.markdown ?? '', /^# Kimi, answer 1 of 2\n\n> Explain parseArgs\n\nIt walks the arguments\.\n\n```ts\nparseArgs\(argv\)\n```\n$/);
  });

  test('an unknown id falls back to the last answer; a conversation without answers has none', () => {
    assert.equal(answerAsMarkdown(stored, 'gone')?.turnId, 'a2');
    assert.equal(answerAsMarkdown(conversation('c2', { turns: [userTurn('u1', 'Hi')] }), null), undefined);
  });

  test('an answer still streaming says so', () => {
    const streaming = conversation('c3', { turns: [userTurn('u1', 'Hi'), assistantTurn('a1', { text: 'Hel', status: 'streaming' })] });
    assert.match(answerAsMarkdown(streaming, null)?.markdown ?? '', /Still answering/);
  });
});
