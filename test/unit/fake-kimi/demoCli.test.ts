import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { demoReply, editArgumentsFrom } from '../../fixtures/fake-kimi/demo';
import type { ChatCompletionRequestBody } from '../../fixtures/fake-kimi/types';
import { chatCompletionRequestSchema } from '../../fixtures/fake-kimi/request-schema';

const request = (body: Record<string, unknown>): ChatCompletionRequestBody =>
  chatCompletionRequestSchema.parse({ model: 'kimi-k2.6', ...body });

const editTool = { type: 'function', function: { name: 'edit_file', parameters: { type: 'object' } } };

describe('fake Kimi: standalone demo', () => {
  test('answers with reasoning and a markdown code block that mentions the question', () => {
    const reply = demoReply(request({ messages: [{ role: 'user', content: 'How do I sort an array?' }] }));
    assert.equal(reply.kind, 'reply');
    if (reply.kind !== 'reply') return;
    assert.match(reply.reasoning ?? '', /How do I sort an array\?/);
    assert.match(reply.content ?? '', /```ts\n\/\/ How do I sort an array\?\n/);
  });

  test('proposes an edit_file call when the tool is offered and the user asks for an edit', () => {
    const messages = [{ role: 'user', content: 'Please edit src/app.ts: replace `let x` with `const x`' }];
    const reply = demoReply(request({ messages, tools: [editTool] }));
    assert.ok(reply.kind === 'reply' && reply.toolCalls);
    assert.deepEqual(JSON.parse(reply.toolCalls[0].arguments), { path: 'src/app.ts', old_string: 'let x', new_string: 'const x' });
    const withoutTool = demoReply(request({ messages }));
    assert.ok(withoutTool.kind === 'reply' && !withoutTool.toolCalls);
  });

  test('edit arguments fall back to README.md and a TODO marker', () => {
    assert.deepEqual(editArgumentsFrom('edit something'), { path: 'README.md', old_string: 'TODO', new_string: 'DONE' });
  });

  test('the CLI prints its base URL and key, serves the demo, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/fake-kimi/cli.ts', '--port', '0', '--flavor', 'moonshot', '--key', 'demo-key'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      while (!/Press Ctrl-C/.test(output)) output += String((await once(child.stdout, 'data'))[0]);
      const url = /Base URL: (\S+)/.exec(output)?.[1];
      assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      assert.match(output, /API key:\s+demo-key/);
      const response = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'kimi-k2.6', messages: [{ role: 'user', content: 'ping' }], thinking: { type: 'disabled' } }),
      });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      assert.match(body.choices[0].message.content, /You asked: \*\*ping\*\*/);
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
