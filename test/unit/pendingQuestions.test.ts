// The waiting questions behind the restore, endpoint and MCP prompts: each settles once, whoever answers first,
// and automation answers the newest one it picks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PendingQuestions } from '../../src/common/pendingQuestions';

describe('PendingQuestions', () => {
  test('a question settles once: the first answer wins, later ones are ignored', () => {
    const pending = new PendingQuestions<string, boolean>();
    const answers: boolean[] = [];
    const settle = pending.open('restore?', (answer) => answers.push(answer));
    assert.deepEqual(pending.questions(), ['restore?']);
    settle(true);
    settle(false);
    assert.equal(pending.answer(false), false, 'nothing is waiting any more');
    assert.deepEqual(answers, [true]);
    assert.deepEqual(pending.questions(), []);
  });

  test('automation answers the newest question it picks, and only that one', () => {
    const pending = new PendingQuestions<{ server: string }, boolean>();
    const answers: string[] = [];
    pending.open({ server: 'a' }, (answer) => answers.push(`a:${answer}`));
    pending.open({ server: 'b' }, (answer) => answers.push(`b:${answer}`));
    pending.open({ server: 'c' }, (answer) => answers.push(`c:${answer}`));
    assert.deepEqual(pending.latest(), { server: 'c' });
    assert.equal(pending.answer(true, (question) => question.server === 'a'), true);
    assert.equal(pending.answer(true, (question) => question.server === 'zz'), false);
    assert.equal(pending.answer(false), true);
    assert.deepEqual(answers, ['a:true', 'c:false']);
    assert.deepEqual(pending.questions(), [{ server: 'b' }]);
  });

  test('a question settled by its own prompt leaves the others waiting', () => {
    const pending = new PendingQuestions<string, string | undefined>();
    const first = pending.open('first', () => undefined);
    pending.open('second', () => undefined);
    first(undefined);
    assert.equal(pending.latest(), 'second');
  });
});
