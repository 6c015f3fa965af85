// Browser cases: streamed answers end as the same DOM as rendering the whole text, finished blocks are not
// rebuilt, and the reasoning block opens while the model thinks and closes when the answer starts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChatHarness, type ChatPage, chatPageForSuite } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';
import { markdownDocuments } from '../markdownDocuments';

/** Deterministic pseudo-random chunk sizes (1..maxSize), so a failure can be replayed. */
function randomChunks(text: string, seed: number, maxSize: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  const chunks: string[] = [];
  for (let index = 0; index < text.length; ) {
    const size = 1 + (next() % maxSize);
    chunks.push(text.slice(index, index + size));
    index += size;
  }
  return chunks;
}

const streamingState = () => stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming' })]) });

async function answerHtml(chat: ChatPage): Promise<string> {
  return chat.page.locator('[data-testid="assistant-turn"] [data-testid="answer"]').last().innerHTML();
}

export function registerStreamingCases(harness: () => ChatHarness): void {
  describe('streaming answers', () => {
    const chat = chatPageForSuite(harness);

    for (const [name, document] of Object.entries(markdownDocuments)) {
      test(`${name}: small chunks give the same DOM as the whole text at once`, async () => {
        for (const [seed, maxSize] of [
          [1, 3],
          [7, 17],
        ]) {
          await chat.host(streamingState());
          await chat.streamText('a1', randomChunks(document, seed, maxSize));
          await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text: document }) });
          const streamed = await answerHtml(chat);

          await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: document })]) }));
          const whole = await answerHtml(chat);
          assert.ok(whole.length > document.length / 2, 'the whole render is not empty');
          assert.equal(streamed, whole, `seed ${seed}, chunks up to ${maxSize}`);
        }
        assert.deepEqual(chat.errors, []);
      });
    }

    test('a long answer (many segments) streams to the same DOM as rendering it at once', async () => {
      const document = Array.from({ length: 120 }, (_, index) =>
        index % 3 === 0 ? `Paragraph ${index} with \`code\`.\n\n` : index % 3 === 1 ? `- item ${index}\n- next\n\n` : '```js\nlet x = ' + index + ';\n```\n\n',
      ).join('');
      await chat.host(streamingState());
      await chat.streamText('a1', randomChunks(document, 3, 40));
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text: document }) });
      const streamed = await answerHtml(chat);
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: document })]) }));
      const whole = await answerHtml(chat);
      assert.ok((whole.match(/class="md-segment"/g) ?? []).length >= 3, 'spans several segments');
      assert.equal(streamed, whole);
    });

    test('text cut at its hardest places (fence marks, table rows, list numbers, HTML tags) shows the one-shot DOM after every chunk', async () => {
      const cuts: Record<string, string[]> = {
        fenceMarksSplit: ['Before\n\n`', '`', '`t', 's\nconst a', ' = 1;\n`', '`', '`\n\nBetween\n\n~~', '~\nplain\n~', '~~', '\nAfter'],
        closingFenceLookalikes: ['```js\nlet a = 1;\n', '  ``', '` not a close\n', '````\n', 'after\n'],
        tableRowsSplit: ['| a | b |\n|--', '-|:-', '--|\n| 1 ', '| 2 |\n|', ' 3 | 4 |\n', '\ntext after\n'],
        listNumbersSplit: ['1. one\n2', '. two\n   - sub', '\n\n10', '. ten\n\n1', ')', ' other list\n'],
        htmlTagsSplit: ['<b', '>bold</b> <scr', 'ipt>window.__xssCanary = 1</scr', 'ipt>\n\n<di', 'v>x</div>\n\n[a](java', 'script:alert(1)) <img src=x on', 'error="window.__xssCanary = 2">\n'],
      };
      // A second page draws each text at once, so the streamed page can be compared after every chunk too.
      const reference = await harness().open();
      try {
        for (const [name, chunks] of Object.entries(cuts)) {
          await chat.host(streamingState());
          let text = '';
          for (const chunk of chunks) {
            text += chunk;
            await chat.streamText('a1', [chunk]);
            await reference.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'streaming', text })]) }));
            assert.equal(await answerHtml(chat), await answerHtml(reference), `${name}, streaming, after ${JSON.stringify(text)}`);
          }
          await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text }) });
          await reference.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text })]) }));
          assert.equal(await answerHtml(chat), await answerHtml(reference), `${name}, finished`);
        }
        assert.equal(await chat.canary(), 0);
        assert.equal(await reference.canary(), 0);
        assert.deepEqual([...chat.errors, ...reference.errors], []);
      } finally {
        await reference.page.close();
      }
    });

    test('the view follows a streaming answer to the bottom, unless the user scrolled up', async () => {
      const distanceFromBottom = () =>
        chat.page.evaluate(async () => {
          // Let the browser render (and lay out skipped off-screen parts) before measuring.
          await new Promise((resolve) => setTimeout(resolve, 50));
          const view = document.querySelector('.conversation') as HTMLElement;
          return view.scrollHeight - view.scrollTop - view.clientHeight;
        });
      const long = Array.from({ length: 60 }, (_, index) => `## Part ${index}\n\nText ${index}.\n\n\`\`\`js\nlet x = ${index};\n\`\`\`\n\n`).join('');
      await chat.host(streamingState());
      await chat.streamText('a1', randomChunks(long, 5, 60));
      assert.ok((await distanceFromBottom()) < 48, 'pinned to the bottom');
      await chat.page.evaluate(() => {
        const view = document.querySelector('.conversation') as HTMLElement;
        view.scrollTop = 100;
        view.dispatchEvent(new Event('scroll'));
      });
      await chat.streamText('a1', ['\n\nMore text after the user scrolled up.\n']);
      assert.ok((await distanceFromBottom()) > 200, 'left where the user scrolled');
    });

    test('a scroll event that arrives after more text was added does not stop the view following', async () => {
      const distanceFromBottom = () =>
        chat.page.evaluate(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const view = document.querySelector('.conversation') as HTMLElement;
          return view.scrollHeight - view.scrollTop - view.clientHeight;
        });
      const part = (index: number) => `## Part ${index}\n\nText ${index}.\n\n`;
      await chat.host(streamingState());
      await chat.streamText('a1', Array.from({ length: 30 }, (_, index) => part(index)));
      assert.ok((await distanceFromBottom()) < 48, 'pinned to the bottom');
      // The event of the view's own last scroll, delivered only once the next text is already in the page.
      await chat.page.evaluate((text) => {
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'assistantDelta', turnId: 'a1', channel: 'text', text } }));
        (window as unknown as { __runFrames(): void }).__runFrames();
        document.querySelector('.conversation')?.dispatchEvent(new Event('scroll'));
      }, Array.from({ length: 30 }, (_, index) => part(30 + index)).join(''));
      assert.ok((await distanceFromBottom()) < 48, 'still following the answer');
    });

    test('finished blocks stay the same DOM nodes while later text streams', async () => {
      await chat.host(streamingState());
      await chat.streamText('a1', ['# Title\n\n', 'First para', 'graph.\n\n', '- item']);
      await chat.page.evaluate(() => {
        const heading = document.querySelector('[data-testid="answer"] h1') as HTMLElement & { marker?: string };
        heading.marker = 'kept';
      });
      await chat.streamText('a1', [' one\n- item two\n\n', '```ts\nconst x = 1;\n```\n\n', 'Done.\n']);
      const kept = await chat.page.evaluate(() => (document.querySelector('[data-testid="answer"] h1') as HTMLElement & { marker?: string }).marker);
      assert.equal(kept, 'kept');
    });

    test('a turnUpdated with more text than the deltas renders the difference', async () => {
      await chat.host(streamingState());
      await chat.streamText('a1', ['Hello ']);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text: 'Hello **world**' }) });
      assert.equal(
        await answerHtml(chat),
        '<div class="tool-cards" hidden=""></div><div class="markdown"><div class="md-segment"><p>Hello <strong>world</strong></p>\n</div></div>',
      );
      assert.equal(await chat.page.getAttribute('[data-testid="assistant-turn"]', 'data-status'), 'done');
    });

    test('reasoning is open with a clock while thinking and collapses when the answer starts', async () => {
      await chat.host(streamingState());
      const reasoning = chat.page.locator('[data-testid="reasoning"]');
      assert.equal(await reasoning.isHidden(), true, 'no reasoning block before any reasoning');
      await chat.streamText('a1', ['Let me think', ' about this.'], 'reasoning');
      assert.equal(await reasoning.getAttribute('open'), '');
      assert.match(await reasoning.locator('summary').innerText(), /Thinking… \d+s/);
      await chat.streamText('a1', ['The answer.']);
      assert.equal(await reasoning.getAttribute('open'), null);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', reasoning: 'Let me think about this.', reasoningMs: 12_000, text: 'The answer.' }) });
      assert.match(await reasoning.locator('summary').innerText(), /Thought for 12s/);
      assert.equal(await reasoning.locator('.reasoning-body').textContent(), 'Let me think about this.');
    });

    test('thinking stops when the model goes from reasoning straight to a tool call', async () => {
      await chat.host(streamingState());
      await chat.streamText('a1', ['I should read the file first.'], 'reasoning');
      const summary = chat.page.locator('[data-testid="reasoning"] summary');
      assert.match(await summary.innerText(), /Thinking…/);
      await chat.host({
        type: 'turnUpdated',
        turn: assistantTurn({
          status: 'streaming',
          reasoning: 'I should read the file first.',
          reasoningMs: 400,
          toolCalls: [{ id: 't1', tool: 'read_file', target: 'src/a.ts', status: 'running', summary: '' }],
        }),
      });
      await chat.page.waitForFunction(() => !document.querySelector('[data-testid="reasoning"] summary')?.textContent?.includes('Thinking'));
      assert.equal(await summary.innerText(), 'Thought for under a second');
      assert.equal(await chat.page.locator('[data-testid="reasoning"] .codicon-loading').count(), 0, 'the spinner still turns');
    });

    test('tool cards stand between the text written before and after the calls, streamed or restored', async () => {
      const before = 'Let me read the file.';
      const after = '\n\nThe loop divides by zero on an empty list.';
      const cards = [
        { id: 't1', tool: 'read_file', target: 'src/a.ts', status: 'done' as const, summary: '12 lines', textOffset: before.length },
        { id: 't2', tool: 'search', target: 'average', status: 'done' as const, summary: '2 matches', textOffset: before.length },
      ];
      /** The answer's visible parts, top to bottom: text pieces and card groups. */
      const order = () =>
        chat.page.locator('[data-testid="assistant-turn"] [data-testid="answer"]').last().evaluate((answer) =>
          Array.from(answer.children)
            .filter((child) => !(child as HTMLElement).hidden)
            .map((child) => (child.classList.contains('tool-cards') ? `cards: ${child.querySelectorAll('.tool-card').length}` : (child.textContent ?? '').trim())),
        );

      await chat.host(streamingState());
      await chat.streamText('a1', ['Let me ', 'read the file.']);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'streaming', text: before, toolCalls: cards }) });
      await chat.streamText('a1', [after.slice(0, 12), after.slice(12)]);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', text: before + after, toolCalls: cards }) });
      const expected = [before, 'cards: 2', after.trim()];
      assert.deepEqual(await order(), expected, 'while streaming');
      const streamed = await answerHtml(chat);

      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: before + after, toolCalls: cards })]) }));
      assert.deepEqual(await order(), expected, 'restored from history');
      assert.equal(await answerHtml(chat), streamed, 'restored and streamed draw the same');

      // Cards saved before they had a place in the text come first, as they used to.
      const withoutOffsets = cards.map(({ textOffset: _offset, ...card }) => card);
      await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ text: before + after, toolCalls: withoutOffsets })]) }));
      const legacy = await order();
      assert.equal(legacy.length, 2, `no offsets: one card group and one text (${JSON.stringify(legacy)})`);
      assert.equal(legacy[0], 'cards: 2', 'no offsets: cards first');
      assert.ok(legacy[1]?.startsWith(before) && legacy[1].endsWith(after.trim()), 'no offsets: the whole text after them');
      assert.deepEqual(chat.errors, []);
    });

    test('reasoning the user opened again is not collapsed by later text', async () => {
      await chat.host(streamingState());
      await chat.streamText('a1', ['Thinking hard.'], 'reasoning');
      await chat.streamText('a1', ['Answer starts']);
      const reasoning = chat.page.locator('[data-testid="reasoning"]');
      await reasoning.locator('summary').click();
      await chat.streamText('a1', [' and continues.']);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'done', reasoning: 'Thinking hard.', text: 'Answer starts and continues.' }) });
      assert.equal(await reasoning.getAttribute('open'), '');
    });

    test('Send turns into Stop while an answer streams', async () => {
      await chat.host(streamingState());
      assert.equal(await chat.page.isVisible('[data-testid="stop"]'), true);
      assert.equal(await chat.page.isVisible('[data-testid="send"]'), false);
      await chat.clearPosted();
      await chat.page.click('[data-testid="stop"]');
      assert.deepEqual(await chat.posted(), [{ type: 'stop' }]);
      await chat.host({ type: 'turnUpdated', turn: assistantTurn({ status: 'stopped', text: 'Partial' }) });
      assert.equal(await chat.page.isVisible('[data-testid="send"]'), true);
      assert.equal(await chat.page.isVisible('[data-testid="stop"]'), false);
    });
  });
}
