// Screenshots of the chat in VS Code's Default Dark Modern and Light Modern themes, kept under
// test-results/webview/ for people to look at; the test checks the page rendered without errors, and every icon
// on each screen with its mask.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { ChatHarness } from '../harness/chatHarness';
import { assistantTurn, conversation, stateMessage, userTurn } from '../harness/fixtures';

const answer = `\`parseArgs\` walks the arguments once and fills an options object.

\`\`\`ts
export function parseArgs(argv: string[]): Options {
  const options: Options = { verbose: false, files: [] };
  for (const arg of argv) {
    if (arg === '-v') options.verbose = true; // flag
    else options.files.push(arg);
  }
  return options;
}
\`\`\`

| Flag | Meaning |
|------|---------|
| \`-v\` | verbose output |

Unknown flags are treated as file names; see [the docs](https://example.com/docs).`;

const beforeTheRead = 'I will read `src/args.ts` first.';

const richState = stateMessage({
  conversation: conversation([
    userTurn({ text: 'Explain parseArgs', chips: [{ id: 'f', kind: 'file', label: 'args.ts', detail: 'src/args.ts', tokens: 1200 }] }),
    assistantTurn({
      reasoning: 'The user wants an explanation of parseArgs. I should read the file first.',
      reasoningMs: 4_200,
      toolCalls: [{ id: 't1', tool: 'read_file', target: 'src/args.ts', status: 'done', summary: '42 lines', textOffset: beforeTheRead.length }],
      text: `${beforeTheRead}\n\n${answer}`,
      usage: { promptTokens: 12_034, cachedTokens: 10_000, completionTokens: 512 },
      cost: { usd: 0.0042, estimated: true },
      model: 'kimi-k2.6',
    }),
    userTurn({ id: 'u2', text: 'Now make unknown flags an error.' }),
    assistantTurn({
      id: 'a2',
      status: 'streaming',
      reasoning: 'I need to change the else branch so flags starting with "-" throw.',
      toolCalls: [
        { id: 't2', tool: 'edit_file', target: 'src/args.ts', status: 'awaiting-approval' },
        { id: 't3', tool: 'run_command', target: 'npm test', status: 'running' },
      ],
    }),
  ]),
  sessionCost: { usd: 0.0042, estimated: true },
  contextUsage: { used: 13_000, window: 262_144 },
  chips: [{ id: 'sel', kind: 'selection', label: 'args.ts:10-20', tokens: 340 }],
});

export function registerScreenshotCases(harness: () => ChatHarness): void {
  describe('screenshots', () => {
    for (const theme of ['dark', 'light'] as const) {
      test(`${theme} theme`, async () => {
        await mkdir('test-results/webview', { recursive: true });
        const chat = await harness().open(theme, { width: 440, height: 1100 });
        await chat.host(richState);
        await chat.page.evaluate(() => document.fonts.ready);
        await chat.page.screenshot({ path: `test-results/webview/chat-${theme}.png` });
        const unmasked = await chat.iconsWithoutMask();

        await chat.host(stateMessage({ hasKey: false }));
        await chat.page.setViewportSize({ width: 440, height: 560 });
        await chat.page.screenshot({ path: `test-results/webview/welcome-${theme}.png` });
        unmasked.push(...(await chat.iconsWithoutMask()));

        await chat.host(stateMessage({ conversation: conversation([userTurn(), assistantTurn({ status: 'error', error: { message: 'The API key was rejected by AI/ML API.', action: 'setKey', detail: '401 This request requires a valid API key' } })]) }));
        await chat.page.fill('[data-testid="prompt-input"]', 'Check @');
        await chat.page.screenshot({ path: `test-results/webview/error-mention-${theme}.png` });
        unmasked.push(...(await chat.iconsWithoutMask()));

        // MCP: a resource chip on the message, a long-running tool's progress on its card, the `/` list of prompts.
        await chat.host(stateMessage({ conversation: conversation([
          userTurn({ text: 'Summarize this and run the long job.', chips: [{ id: 'mcp:0000001', kind: 'mcpResource', label: 'features.md', detail: 'everything · demo://resource/static/document/features.md', tokens: 900 }] }),
          assistantTurn({ status: 'streaming', text: 'Running it.', toolCalls: [{ id: 't1', tool: 'mcp__everything__trigger-long-running-operation', target: 'everything › trigger-long-running-operation', status: 'running', summary: '40% (2/5) · Step 2', textOffset: 11 }] }),
        ]) }));
        await chat.clearPosted();
        await chat.page.fill('[data-testid="prompt-input"]', '/mcp');
        const slashQuery = await chat.waitForPosted('slashQuery');
        await chat.host({ type: 'slashResults', requestId: String(slashQuery.requestId), items: [
          { name: 'mcp.everything.args-prompt', detail: 'A prompt with two arguments, one required and one optional', arguments: [{ name: 'city', required: true }, { name: 'state', required: false }] },
          { name: 'mcp.everything.simple-prompt', detail: 'A prompt with no arguments', arguments: [] },
        ] });
        await chat.page.screenshot({ path: `test-results/webview/mcp-${theme}.png` });
        unmasked.push(...(await chat.iconsWithoutMask()));
        assert.deepEqual(unmasked, []);
        assert.deepEqual(chat.errors, []);
        assert.deepEqual(await chat.violations(), []);
        await chat.page.close();
      });
    }
  });
}
