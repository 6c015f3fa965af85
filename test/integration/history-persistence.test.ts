// The conversation file in the extension's storage while an answer streams: what the chat has shown reaches
// the disk before the answer ends (within the second the host waits between saves of streamed text), so a
// crash or reload mid-answer keeps it. Only the real host shows this: its storage, its timers, its store.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StoredConversation } from '../../src/common/conversations/model';
import type { AssistantTurnView } from '../../src/common/protocol';
import { fakeModelSuite, openCalculatorInNewChat, waitFor } from './fake-model';

// About 6 s of streaming (4 characters every 40 ms): several save periods long.
const LONG_ANSWER = 'This answer streams slowly, so the host must save it while it is still coming. '.repeat(8);

suite('the streamed answer on disk in the real extension host', function () {
  this.timeout(60_000);
  const kimi = fakeModelSuite('persistence-test-key');

  suiteSetup(async () => {
    await openCalculatorInNewChat();
  });

  test('the text streamed so far is in the conversation file before the answer ends', async () => {
    kimi.fake.enqueue({ kind: 'reply', reasoning: 'Short.', content: LONG_ANSWER, chunkSize: 4, chunkDelayMs: 40 });
    const asked = vscode.commands.executeCommand('kimiAssistant.askAboutSelection', { instruction: 'Explain this slowly.' });
    const shown = (): AssistantTurnView | undefined => {
      const turn = kimi.api.currentConversation()?.turns.at(-1);
      return turn?.role === 'assistant' ? turn : undefined;
    };
    await waitFor(() => shown()?.status === 'streaming' && (shown()?.text.length ?? 0) > 0, 'the answer starts streaming');
    const file = join(kimi.api.conversationsFolder(), `${kimi.api.currentConversation()?.id ?? ''}.json`);
    const onDisk = async () => {
      const stored = JSON.parse(await readFile(file, 'utf8')) as StoredConversation;
      const turn = stored.turns.at(-1);
      return turn?.role === 'assistant' ? turn : undefined;
    };

    // Read while the chat still streams: the saved text must be a non-empty part of what was shown.
    const saved = await waitFor(async () => {
      const turn = await onDisk();
      const live = shown();
      return turn && turn.text.length > 0 && { text: turn.text, status: turn.status, liveStatus: live?.status, liveText: live?.text ?? '' };
    }, 'the streamed text reaches the conversation file', 5_000);
    assert.equal(saved.liveStatus, 'streaming', 'the answer had already ended when the file was read');
    assert.equal(saved.status, 'streaming');
    assert.ok(saved.liveText.startsWith(saved.text), 'the saved text is what the chat showed');
    assert.ok(saved.text.length < LONG_ANSWER.length, 'only part of the answer had streamed');

    await asked;
    const final = await onDisk();
    assert.equal(final?.status, 'done');
    assert.equal(final?.text, LONG_ANSWER);
  });
});
