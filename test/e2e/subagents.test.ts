// Subagents as a user sees them in a real VS Code: a question whose answer starts two subagents; their cards
// appear under the task call with live status; a click on one card's Stop ends that subagent alone; the other's
// card, expanded, shows its tool call and report; the answer then finishes with what came back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openE2eSession, sessionForSuite, settleFirstStart, step } from '../harness/e2e-session';
import { faults, firstUserText, type ChatCompletionRequestBody } from '../fixtures/fake-kimi/server';
import { openActivityBarContainer, webviewContent } from '../harness/workbench-ui';

const isParent = (body: ChatCompletionRequestBody) => !String(body.messages[0]?.content).includes('You are working as a subagent');
const ofTask = (prompt: string) => (body: ChatCompletionRequestBody) => !isParent(body) && firstUserText(body) === prompt;
const tasks = [
  { description: 'Think it all through', prompt: 'Think about every file of this workspace.' },
  { description: 'Find add', prompt: 'Which file defines add? Search for it.' },
];
const ANSWER = 'add is defined in src/calculator.ts; the other subagent was stopped.';

describe('subagents in the chat (Default Dark Modern)', () => {
  const session = sessionForSuite(() => openE2eSession('subagents', 'dark'), settleFirstStart);

  test('two subagents under the task call; Stop on one card; the other reports; the answer comes', async () => {
    const { page, fakeKimi } = session;
    fakeKimi.enqueueFor(isParent,
      { kind: 'reply', reasoning: 'Two independent questions.', toolCalls: [{ name: 'task', arguments: JSON.stringify({ tasks }) }] },
      { kind: 'reply', reasoning: 'One report came back.', content: ANSWER },
    );
    fakeKimi.enqueueFor(ofTask(tasks[0]!.prompt), faults.hang(3, { reasoning: 'This is going to take a very long time to think through.', chunkSize: 4 }));
    fakeKimi.enqueueFor(ofTask(tasks[1]!.prompt),
      { kind: 'reply', reasoning: 'Search first.', toolCalls: [{ name: 'search', arguments: JSON.stringify({ pattern: 'export function add' }) }] },
      { kind: 'reply', reasoning: 'Found.', content: 'src/calculator.ts defines add (line 2).' },
    );
    const chat = webviewContent(page);
    const cards = chat.locator('[data-testid="subagent-card"]');

    await step(session, 'ask, and the subagents appear under the task call', async () => {
      await openActivityBarContainer(page, 'Kimi');
      await chat.locator('[data-testid="prompt-input"]').click();
      await page.keyboard.type('Where is add defined? Use subagents.');
      await page.keyboard.press('Enter');
      await cards.nth(1).waitFor({ timeout: 30_000 });
      await chat.locator('[data-testid="subagent-card"][data-phase="running"]', { hasText: tasks[0]!.description }).waitFor({ timeout: 30_000 });
    });

    await step(session, "click Stop on the thinking subagent's card", async () => {
      await cards.nth(0).locator('[data-testid="stop-subagent"]').click();
      await chat.locator('[data-testid="subagent-card"][data-phase="stopped"]', { hasText: tasks[0]!.description }).waitFor({ timeout: 15_000 });
    });

    await step(session, 'the other subagent reports and the answer finishes', async () => {
      await chat.locator('[data-testid="assistant-turn"][data-status="done"]').waitFor({ timeout: 30_000 });
      assert.ok((await chat.locator('[data-testid="answer"]').last().innerText()).includes(ANSWER));
      assert.deepEqual(await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-phase'))), ['stopped', 'done']);
      await cards.nth(1).locator('[data-testid="subagent-toggle"]').click();
      const body = await cards.nth(1).innerText();
      for (const part of ['Search', 'export function add', 'src/calculator.ts defines add (line 2).']) assert.ok(body.includes(part), `the card lacks ${part}: ${body}`);
      await page.screenshot({ path: `${session.artifactsDir}/subagents-dark.png` });
    });

    const hung = fakeKimi.requests.find((request) => request.body && firstUserText(request.body as ChatCompletionRequestBody) === tasks[0]!.prompt);
    assert.ok(hung?.closedBeforeEnd, "the stopped subagent's request was cut");
    assert.equal(fakeKimi.requests.filter((request) => request.rejected).length, 0, 'the strict server accepted every request');
  });
});
