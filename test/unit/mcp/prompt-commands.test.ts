// MCP prompts as `/` commands: the list the `/` popup shows, reading `/mcp.<server>.<prompt> args…` against the
// listed prompts (pairs, quotes, the bare rest as first argument, what is missing), and a prompt's messages made
// into the user's message (text, assistant turns, images, embedded resources, what does not follow the protocol).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikePromptCommand, parsePromptInvocation, promptMessagesToUserInput, toSlashCommands, type ServerPrompt } from '../../../src/common/mcp/promptCommands';
import { protocolLimits, WebviewToHostMessageSchema, HostToWebviewMessageSchema } from '../../../src/common/protocol';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const prompts: ServerPrompt[] = [
  { server: 'everything', prompt: { name: 'simple-prompt', description: 'A prompt with no arguments' } },
  {
    server: 'everything',
    prompt: {
      name: 'args-prompt',
      description: 'A prompt with two arguments',
      arguments: [
        { name: 'city', description: 'Name of the city', required: true },
        { name: 'state', description: 'Name of the state' },
      ],
    },
  },
  { server: 'docs', prompt: { name: 'has space', description: 'cannot be typed' } },
  { server: 'docs', prompt: { name: 'summarize', arguments: [{ name: 'topic' }] } },
];

describe('the / list', () => {
  test('every typeable prompt as mcp.<server>.<prompt>, sorted, with its arguments', () => {
    const commands = toSlashCommands(prompts, '');
    assert.deepEqual(commands.map((command) => command.name), ['mcp.docs.summarize', 'mcp.everything.args-prompt', 'mcp.everything.simple-prompt']);
    assert.deepEqual(commands[1]!.arguments, [
      { name: 'city', required: true, description: 'Name of the city' },
      { name: 'state', required: false, description: 'Name of the state' },
    ]);
    assert.equal(commands[2]!.detail, 'A prompt with no arguments');
  });

  test('filtered by what follows the slash, case-insensitively', () => {
    assert.deepEqual(toSlashCommands(prompts, 'ARGS').map((command) => command.name), ['mcp.everything.args-prompt']);
    assert.deepEqual(toSlashCommands(prompts, 'nothing-like-it'), []);
  });

  test('the list and its query cross the webview boundary through the protocol schemas', () => {
    const items = toSlashCommands(prompts, '');
    assert.ok(HostToWebviewMessageSchema.safeParse({ type: 'slashResults', requestId: 'slash-1', items }).success);
    assert.ok(WebviewToHostMessageSchema.safeParse({ type: 'slashQuery', requestId: 'slash-1', query: 'mcp.' }).success);
    assert.ok(!WebviewToHostMessageSchema.safeParse({ type: 'slashQuery', requestId: 'slash-1', query: 'x', extra: 1 }).success, 'strict: unknown fields are refused');
    const many = Array.from({ length: 300 }, (_, index) => ({ server: 's', prompt: { name: `p${index}` } }));
    assert.equal(toSlashCommands(many, '').length, protocolLimits.slashCommands);
  });
});

describe('reading a / command', () => {
  test('text that is not an MCP command is left alone', () => {
    assert.deepEqual(parsePromptInvocation('explain this', prompts), { kind: 'none' });
    assert.deepEqual(parsePromptInvocation('/help me', prompts), { kind: 'none' });
    assert.ok(looksLikePromptCommand('  /mcp.everything.simple-prompt'));
  });

  test('a prompt without arguments', () => {
    const invocation = parsePromptInvocation('/mcp.everything.simple-prompt', prompts);
    assert.equal(invocation.kind, 'prompt');
    assert.deepEqual(invocation.kind === 'prompt' ? [invocation.server, invocation.prompt.name, invocation.args] : [], ['everything', 'simple-prompt', {}]);
  });

  test('name=value pairs, with quotes around a value that has spaces', () => {
    const invocation = parsePromptInvocation('/mcp.everything.args-prompt city="New York" state=NY', prompts);
    assert.deepEqual(invocation.kind === 'prompt' ? invocation.args : invocation, { city: 'New York', state: 'NY' });
  });

  test('without name=, the whole rest is the first required argument', () => {
    const invocation = parsePromptInvocation('/mcp.everything.args-prompt San Francisco', prompts);
    assert.deepEqual(invocation.kind === 'prompt' ? invocation.args : invocation, { city: 'San Francisco' });
    const optional = parsePromptInvocation('/mcp.docs.summarize the release notes', prompts);
    assert.deepEqual(optional.kind === 'prompt' ? optional.args : optional, { topic: 'the release notes' });
  });

  test('a missing required argument says which, and how to write it', () => {
    const invocation = parsePromptInvocation('/mcp.everything.args-prompt state=CA', prompts);
    assert.equal(invocation.kind, 'invalid');
    assert.match(invocation.kind === 'invalid' ? invocation.message : '', /needs city \(Name of the city\)\. Write it as \/mcp\.everything\.args-prompt city=…/);
  });

  test('an unknown prompt, an unknown argument, a stray word and an open quote are refused with the reason', () => {
    const messageOf = (text: string) => {
      const invocation = parsePromptInvocation(text, prompts);
      return invocation.kind === 'invalid' ? invocation.message : `not refused: ${JSON.stringify(invocation)}`;
    };
    assert.match(messageOf('/mcp.everything.nope'), /No MCP prompt is called \/mcp\.everything\.nope/);
    assert.match(messageOf('/mcp.everything.args-prompt town=Paris'), /has no argument "town"; its arguments are city, state/);
    assert.match(messageOf('/mcp.everything.args-prompt city=Paris extra'), /"extra" is not name=value/);
    assert.match(messageOf('/mcp.everything.args-prompt city="Paris'), /quote is not closed/);
    assert.match(messageOf('/mcp.everything.simple-prompt something'), /takes no arguments/);
  });
});

describe('a prompt made into the user message', () => {
  const options = { acceptImages: true, idPrefix: 'p' };

  test('text messages in order; an assistant message is marked', () => {
    const input = promptMessagesToUserInput(
      [
        { role: 'user', content: { type: 'text', text: 'First.' } },
        { role: 'assistant', content: { type: 'text', text: 'An example answer.' } },
        { role: 'user', content: { type: 'text', text: 'Now you.' } },
      ],
      options,
    );
    assert.equal(input.text, 'First.\n\nAssistant:\nAn example answer.\n\nNow you.');
    assert.deepEqual(input.images, []);
  });

  test('an image becomes an attachment of the message, or a line for a model without images', () => {
    const messages = [
      { role: 'user', content: { type: 'text', text: 'Look:' } },
      { role: 'user', content: { type: 'image', mimeType: 'image/png', data: PNG } },
    ];
    const withImages = promptMessagesToUserInput(messages, options);
    assert.equal(withImages.text, 'Look:');
    assert.equal(withImages.images.length, 1);
    assert.equal(withImages.images[0]!.dataUrl, `data:image/png;base64,${PNG}`);
    const without = promptMessagesToUserInput(messages, { ...options, acceptImages: false });
    assert.deepEqual(without.images, []);
    assert.match(without.text, /Look:\n\n\[image prompt image \(image\/png, \d+ B\) not shown: this model does not read images\]/);
  });

  test('an SVG, an image without data and more images than a message may carry are described', () => {
    const svg = promptMessagesToUserInput([{ role: 'user', content: { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz48L3N2Zz4=' } }], options);
    assert.deepEqual(svg.images, []);
    assert.match(svg.text, /not shown: the format or size is not supported/);
    assert.match(promptMessagesToUserInput([{ role: 'user', content: { type: 'image', mimeType: 'image/png' } }], options).text, /an image part without data/);
    const many = Array.from({ length: protocolLimits.imagesPerMessage + 2 }, () => ({ role: 'user', content: { type: 'image', mimeType: 'image/png', data: PNG } }));
    const capped = promptMessagesToUserInput(many, options);
    assert.equal(capped.images.length, protocolLimits.imagesPerMessage);
    assert.equal(new Set(capped.images.map((image) => image.id)).size, capped.images.length, 'each attachment has its own id');
    assert.equal((capped.text.match(/at most 10 images go with a message/g) ?? []).length, 2);
  });

  test('an embedded resource is context with its uri; a text blob is decoded; a link is named', () => {
    const input = promptMessagesToUserInput(
      [
        { role: 'user', content: { type: 'resource', resource: { uri: 'demo://text/1', mimeType: 'text/plain', text: 'Resource one.' } } },
        { role: 'user', content: { type: 'resource', resource: { uri: 'demo://blob/2', mimeType: 'text/plain', blob: btoa('Blob two.') } } },
        { role: 'user', content: { type: 'resource_link', uri: 'demo://three', name: 'Three' } },
      ],
      options,
    );
    assert.equal(input.text, '<context title="demo://text/1">\nResource one.\n</context>\n\n<context title="demo://blob/2">\nBlob two.\n</context>\n\nResource link: Three <demo://three>');
  });

  test('what does not follow the protocol is left out with a line, never thrown', () => {
    const input = promptMessagesToUserInput([null, { role: 'system', content: { type: 'text', text: 'x' } }, { role: 'user', content: { type: 'audio', data: 'AA==' } }, { role: 'user', content: { type: 'text' } }], options);
    assert.equal(input.text, '[a prompt message that does not follow the protocol was left out]\n\n[a prompt message that does not follow the protocol was left out]\n\n[a audio part is not supported]\n\n[a text part without text]');
  });

  test('a huge prompt is cut in the middle', () => {
    const input = promptMessagesToUserInput([{ role: 'user', content: { type: 'text', text: `${'a'.repeat(150_000)}\n${'b'.repeat(150_000)}` } }], options);
    assert.ok(input.text.length < 201_000 && input.text.startsWith('aaa') && input.text.endsWith('bbb'));
    assert.match(input.text, /characters.*cut/);
  });
});
