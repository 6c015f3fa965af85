import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isOpenableExternalUrl,
  parseHostToWebview,
  parseWebviewToHost,
  protocolLimits,
  type AssistantTurnView,
  type HostToWebviewMessage,
  type WebviewToHostMessage,
} from '../../../src/common/protocol';

const pngDataUrl = 'data:image/png;base64,iVBORw0KGgo=';
const chip = { id: 'file:src/a.ts', kind: 'file', label: 'a.ts', detail: 'src/a.ts', tokens: 120 } as const;

const validWebviewMessages: WebviewToHostMessage[] = [
  { type: 'ready' },
  { type: 'send', text: 'hello', chips: [chip], images: [{ id: 'i1', name: 'shot.png', mimeType: 'image/png', dataUrl: pngDataUrl }] },
  { type: 'stop' },
  { type: 'regenerate' },
  { type: 'editAndResend', turnId: 'u1', text: 'again' },
  { type: 'newChat' },
  { type: 'openConversation', id: 'c1' },
  { type: 'renameConversation', id: 'c1', title: 'New title' },
  { type: 'deleteConversation', id: 'c1' },
  { type: 'exportConversation', id: 'c1' },
  { type: 'selectModel', id: 'moonshot/kimi-k2-6' },
  { type: 'setThinking', enabled: false },
  { type: 'mentionQuery', requestId: 'm1', query: 'src/' },
  { type: 'addChip', chip },
  { type: 'removeChip', id: 'file:src/a.ts' },
  { type: 'openLink', url: 'https://example.com/docs?a=1' },
  { type: 'copyCode', code: 'let x = 1;' },
  { type: 'insertCode', code: 'let x = 1;' },
  { type: 'applyCode', code: 'let x = 1;', language: 'ts' },
  { type: 'runAction', action: 'setKey', turnId: 'a1' },
  { type: 'resolveToolApproval', toolCallId: 'functions.run_command:0', approved: true },
  { type: 'showHistory' },
];

const assistant: AssistantTurnView = { id: 'a1', role: 'assistant', reasoning: '', text: 'hi', toolCalls: [], status: 'done' };

const validHostMessages: HostToWebviewMessage[] = [
  {
    type: 'state',
    conversation: { id: 'c1', title: 'T', turns: [{ id: 'u1', role: 'user', text: 'q', chips: [], images: [] }, assistant] },
    history: [{ id: 'c1', title: 'T', updatedAt: 1_700_000_000_000, turnCount: 2 }],
    models: [{ id: 'kimi-k2.6', label: 'Kimi K2.6', supportsImages: true, contextWindow: 262_144 }],
    selectedModelId: 'kimi-k2.6',
    thinking: true,
    thinkingUnavailable: null,
    hasKey: false,
    sessionCost: { usd: 0.01, estimated: true },
    contextUsage: { used: 100, window: 262_144 },
    chips: [],
  },
  { type: 'statusChanged', hasKey: true, sessionCost: null },
  { type: 'turnAppended', turn: { ...assistant, status: 'streaming' } },
  { type: 'assistantDelta', turnId: 'a1', channel: 'reasoning', text: 'thinking' },
  {
    type: 'turnUpdated',
    turn: {
      ...assistant,
      status: 'error',
      error: { message: 'Rate limited.', action: 'wait', detail: '429' },
      toolCalls: [{ id: 't1', tool: 'read_file', target: 'a.ts', status: 'awaiting-approval' }],
      usage: { promptTokens: 1, cachedTokens: 0, completionTokens: 2 },
      cost: { usd: 0, estimated: false },
      reasoningMs: 1200,
      model: 'kimi-k2.6',
    },
  },
  { type: 'turnsTruncated', fromTurnId: 'u1' },
  { type: 'historyList', items: [] },
  { type: 'mentionResults', requestId: 'm1', items: [chip] },
  { type: 'chipsChanged', chips: [chip] },
  { type: 'focusInput' },
  { type: 'setInput', text: 'Explain this' },
  { type: 'notice', level: 'warning', message: 'Careful' },
];

describe('protocol validation', () => {
  test('accepts every well-formed webview message', () => {
    for (const message of validWebviewMessages) {
      const parsed = parseWebviewToHost(message);
      assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.error}`);
      assert.deepEqual(parsed.message, message);
    }
  });

  test('accepts every well-formed host message', () => {
    for (const message of validHostMessages) {
      const parsed = parseHostToWebview(message);
      assert.ok(parsed.ok, `${message.type}: ${parsed.ok ? '' : parsed.error}`);
    }
  });

  const malformedWebviewMessages: Array<[string, unknown]> = [
    ['not an object', 'ready'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['no type', { text: 'hi' }],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a host message type', { type: 'focusInput' }],
    ['an unknown extra field', { type: 'stop', force: true }],
    ['a missing field', { type: 'send', text: 'hi', chips: [] }],
    ['a wrong field type', { type: 'setThinking', enabled: 'yes' }],
    ['text over 1 MB', { type: 'send', text: 'x'.repeat(protocolLimits.textChars + 1), chips: [], images: [] }],
    ['an id over 100 chars', { type: 'openConversation', id: 'x'.repeat(protocolLimits.idChars + 1) }],
    ['an empty id', { type: 'deleteConversation', id: '' }],
    ['a blank title', { type: 'renameConversation', id: 'c1', title: '   ' }],
    ['a javascript: link', { type: 'openLink', url: 'javascript:alert(1)' }],
    ['a command: link', { type: 'openLink', url: 'command:workbench.action.reloadWindow' }],
    ['a vscode: link', { type: 'openLink', url: 'vscode://file/etc/passwd' }],
    ['a file: link', { type: 'openLink', url: 'file:///etc/passwd' }],
    ['a relative link', { type: 'openLink', url: '/docs' }],
    ['the action "none"', { type: 'runAction', action: 'none' }],
    ['an unknown action', { type: 'runAction', action: 'deleteKey' }],
    ['a chip of unknown kind', { type: 'addChip', chip: { ...chip, kind: 'secret' } }],
    ['negative chip tokens', { type: 'addChip', chip: { ...chip, tokens: -1 } }],
    ['an image that is a remote URL', { type: 'send', text: '', chips: [], images: [{ id: 'i', name: 'x', mimeType: 'image/png', dataUrl: 'https://evil.example/x.png' }] }],
    ['an image whose data does not match its type', { type: 'send', text: '', chips: [], images: [{ id: 'i', name: 'x', mimeType: 'image/png', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }] }],
    ['an SVG image', { type: 'send', text: '', chips: [], images: [{ id: 'i', name: 'x', mimeType: 'image/svg+xml', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }] }],
    ['an image over 5 MB', { type: 'send', text: '', chips: [], images: [{ id: 'i', name: 'x', mimeType: 'image/png', dataUrl: `data:image/png;base64,${'A'.repeat(protocolLimits.imageDataUrlChars)}` }] }],
    ['too many images', { type: 'send', text: '', chips: [], images: Array.from({ length: protocolLimits.imagesPerMessage + 1 }, (_, index) => ({ id: `i${index}`, name: 'x', mimeType: 'image/png', dataUrl: pngDataUrl })) }],
  ];

  for (const [description, raw] of malformedWebviewMessages) {
    test(`rejects a webview message with ${description}`, () => {
      const parsed = parseWebviewToHost(raw);
      assert.equal(parsed.ok, false);
    });
  }

  test('an error names the problem but never echoes the payload', () => {
    const secret = 'sk-THIS-SHOULD-NOT-APPEAR';
    const parsed = parseWebviewToHost({ type: 'openLink', url: `javascript:${secret}` });
    assert.equal(parsed.ok, false);
    assert.ok(!parsed.ok && parsed.error.includes('url'));
    assert.ok(!parsed.ok && !parsed.error.includes(secret));
    const huge = parseWebviewToHost({ type: 'send', text: 'y'.repeat(2_000_000), chips: [], images: [] });
    assert.ok(!huge.ok && huge.error.length <= 500);
  });

  const malformedHostMessages: Array<[string, unknown]> = [
    ['an unknown channel', { type: 'assistantDelta', turnId: 'a1', channel: 'tool', text: 'x' }],
    ['an unknown turn status', { type: 'turnUpdated', turn: { ...assistant, status: 'paused' } }],
    ['an unknown role', { type: 'turnAppended', turn: { ...assistant, role: 'system' } }],
    ['an unknown notice level', { type: 'notice', level: 'debug', message: 'x' }],
    ['an unknown tool status', { type: 'turnUpdated', turn: { ...assistant, toolCalls: [{ id: 't', tool: 'x', target: 'y', status: 'maybe' }] } }],
    ['a state without models', { type: 'state', conversation: null, history: [], selectedModelId: '', thinking: true, hasKey: true, sessionCost: null, contextUsage: null, chips: [] }],
  ];

  for (const [description, raw] of malformedHostMessages) {
    test(`rejects a host message with ${description}`, () => {
      assert.equal(parseHostToWebview(raw).ok, false);
    });
  }

  test('only absolute http(s) URLs are openable', () => {
    assert.equal(isOpenableExternalUrl('https://example.com'), true);
    assert.equal(isOpenableExternalUrl('http://localhost:3000/x'), true);
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vscode:extension/x', 'command:x', 'file:///x', 'mailto:a@b.c', '//example.com', 'example.com', '', `https://${'a'.repeat(protocolLimits.urlChars)}.com`]) {
      assert.equal(isOpenableExternalUrl(url), false, url);
    }
  });
});
