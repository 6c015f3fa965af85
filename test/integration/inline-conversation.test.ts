// Editor commands and the open conversation (real extension host): by default each command starts a new
// conversation, so a long agent task's context and cost do not grow; `conversation: 'current'` (or the
// setting) sends into the open one.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fakeModelSuite, openCalculatorInNewChat } from './fake-model';

interface RequestBody {
  messages?: { role: string; content?: unknown }[];
}

suite('editor commands and the open conversation', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('inline-conversation-key');

  async function ask(instruction: string, conversation?: 'new' | 'current'): Promise<RequestBody> {
    const before = kimi.fake.requests.length;
    kimi.fake.enqueue({ kind: 'reply', content: `Answer to ${instruction}` });
    await vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction, ...(conversation ? { conversation } : {}) });
    return kimi.fake.requests.slice(before).at(-1)?.body as RequestBody;
  }

  test('a second command starts a new conversation; "current" continues the open one', async () => {
    await openCalculatorInNewChat();
    await ask('FIRST-QUESTION');
    const first = kimi.api.currentConversation();
    const second = await ask('SECOND-QUESTION');
    const afterSecond = kimi.api.currentConversation();
    assert.notEqual(afterSecond?.id, first?.id, 'the second command went into the first conversation');
    assert.ok(!JSON.stringify(second.messages).includes('FIRST-QUESTION'), 'the new conversation carries the first question');
    assert.equal(afterSecond?.turns.length, 2);
    const third = await ask('THIRD-QUESTION', 'current');
    assert.equal(kimi.api.currentConversation()?.id, afterSecond?.id, '"current" started a new conversation');
    assert.ok(JSON.stringify(third.messages).includes('SECOND-QUESTION'), 'the continued conversation lost its history');
    assert.equal(kimi.api.currentConversation()?.turns.length, 4);
  });
});
