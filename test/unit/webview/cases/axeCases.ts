// axe-core inside the chat webview, in VS Code's four default themes (their real colours, see
// harness/themes.ts): a conversation with a highlighted code block, a tool card waiting for approval, an
// error card, and the `@` list open. Serious and critical violations fail the case; the rest is printed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { blockingViolations, describeViolations, runAxe } from '../../../harness/axe';
import type { ChatHarness, ChatPage } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';
import { themeNames } from '../harness/themes';

const answer = `\`parseArgs\` walks the arguments once and fills an options object.

\`\`\`ts
// Unknown flags are an error from now on.
export function parseArgs(argv: string[]): Options {
  const options: Options = { verbose: false, files: [], depth: 3 };
  for (const arg of argv) {
    if (arg === '-v') options.verbose = true;
    else if (arg.startsWith('-')) throw new Error(\`unknown flag \${arg}\`);
    else options.files.push(arg);
  }
  return options;
}
\`\`\`

Run \`npm test\` afterwards; see [the docs](https://example.com/docs).

> Flags are case-sensitive.`;

export const auditedConversation = stateMessage({
  conversation: conversation([
    userTurn({ text: 'Make unknown flags an error', chips: [{ id: 'f', kind: 'file', label: 'args.ts', detail: 'src/args.ts', tokens: 1200 }] }),
    assistantTurn({
      reasoning: 'I should change the else branch.',
      reasoningMs: 2_100,
      text: answer,
      toolCalls: [
        { id: 't1', tool: 'read_file', target: 'src/args.ts', status: 'done', summary: '42 lines', textOffset: 0 },
        { id: 't2', tool: 'edit_file', target: 'src/args.ts', status: 'awaiting-approval', summary: '+1 −0, awaiting review', textOffset: answer.length },
      ],
      usage: { promptTokens: 12_034, cachedTokens: 10_000, completionTokens: 512 },
      cost: { usd: 0.0042, estimated: true },
      model: 'kimi-k2.6',
    }),
    userTurn({ id: 'u2', text: 'And run the tests' }),
    assistantTurn({ id: 'a2', status: 'error', error: { message: 'The API key was rejected by AI/ML API.', action: 'setKey', detail: '401 This request requires a valid API key' } }),
  ]),
  sessionCost: { usd: 0.0042, estimated: true },
  conversationCost: { usd: 0.0042, estimated: true },
  contextUsage: { used: 13_000, window: 262_144 },
  chips: [{ id: 'sel', kind: 'selection', label: 'args.ts:10-20', tokens: 340 }],
});

/** The audited state: the conversation shown, and the `@` list open in the input with its first option active. */
export async function openAuditedChat(harness: ChatHarness, theme: (typeof themeNames)[number]): Promise<ChatPage> {
  const chat = await harness.open(theme, { width: 440, height: 1100 });
  await chat.host(auditedConversation);
  await chat.page.focus('[data-testid="prompt-input"]');
  await chat.page.keyboard.type('Check @');
  await chat.page.locator('[data-testid="mention-option"]').first().waitFor();
  await chat.page.evaluate(() => document.fonts.ready);
  return chat;
}

export function registerAxeCases(harness: () => ChatHarness): void {
  describe('axe-core in every default theme', () => {
    for (const theme of themeNames) {
      test(`${theme}: no serious or critical violations`, async () => {
        const chat = await openAuditedChat(harness(), theme);
        await mkdir('test-results/webview', { recursive: true });
        await chat.page.screenshot({ path: `test-results/webview/axe-${theme}.png` });
        const violations = await runAxe(chat.page);
        const blocking = blockingViolations(violations);
        const others = violations.filter((violation) => !blocking.includes(violation));
        if (others.length > 0) console.log(`axe (${theme}), not blocking:\n${describeViolations(others)}`);
        assert.equal(blocking.length, 0, `axe found in ${theme}:\n${describeViolations(blocking)}`);
        assert.deepEqual(chat.errors, []);
        assert.deepEqual(await chat.violations(), [], 'the page broke its CSP');
        await chat.page.close();
      });
    }
  });
}
