import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderChatHtml } from '../../../src/vscode/chat/chatHtml';
import { MessageRateLimiter } from '../../../src/vscode/chat/messageRateLimiter';
import { PendingPosts } from '../../../src/vscode/chat/pendingPosts';

describe('chat webview HTML', () => {
  const script = 'import("x");document.body.dataset.ran = "1";';
  const html = renderChatHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    script,
    runtimeUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webviewRuntime.js',
  });

  test('the CSP allows nothing by default and scripts only with the nonce', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
    assert.match(csp, /img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net data:(;|$)/);
    // The page loads no font (the icons are masks), so fonts fall under default-src 'none'.
    assert.doesNotMatch(csp, /font-src/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  test('the only script is the bundle, inline under the nonce (classic, so it runs as the page is written), and no other code or style', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, text]) => ({ attributes, text }));
    assert.deepEqual(scripts, [{ attributes: ' nonce="abc123"', text: script }]);
    assert.match(html, /<div id="app" class="app" data-runtime-uri="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webviewRuntime\.js">/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style|<link/);
  });

  test('a script that would end or change the inline element early is refused', () => {
    for (const bad of ['const a = "</script><script>alert(1)//";', 'const a = "<!--<script>";', 'x = "</SCRIPT >"']) {
      assert.throws(() => renderChatHtml({ cspSource: 'x', nonce: 'n', script: bad, runtimeUri: 'r' }), /cannot be inlined/);
    }
  });

  test('attribute values are escaped', () => {
    const tricky = renderChatHtml({ cspSource: 'x', nonce: 'n', script: '', runtimeUri: 'a"><script>alert(1)</script>', styleUris: ['b"><script>alert(2)</script>'] });
    assert.doesNotMatch(tricky, /"><script>alert/);
  });

  test('nonces are 32 characters from a cryptographic source and do not repeat', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.equal(nonces.size, 200);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.equal(createNonce((bytes) => bytes.fill(0)), 'A'.repeat(32));
  });

  test('contentSecurityPolicy forbids forms, frames, objects and base changes', () => {
    const csp = contentSecurityPolicy('src', 'n');
    for (const directive of ["form-action 'none'", "frame-src 'none'", "object-src 'none'", "base-uri 'none'", "connect-src 'none'"]) {
      assert.ok(csp.includes(directive), directive);
    }
  });
});

describe('message rate limiter', () => {
  test('lets a burst through, refuses the excess, and counts what it refused', () => {
    let now = 1_000;
    const limiter = new MessageRateLimiter(3, 1_000, () => now);
    assert.deepEqual([1, 2, 3, 4, 5].map(() => limiter.tryAcquire()), [true, true, true, false, false]);
    assert.equal(limiter.dropped, 2);
    now += 999;
    assert.equal(limiter.tryAcquire(), false);
    now += 1;
    assert.equal(limiter.tryAcquire(), true);
    assert.equal(limiter.dropped, 0);
  });
});

describe('posts queued before the webview is ready', () => {
  test('keep their order, and a state snapshot drops what it supersedes but not focus, input or notices', () => {
    const pending = new PendingPosts();
    pending.add({ type: 'assistantDelta', turnId: 'a1', channel: 'text', text: 'stale' });
    pending.add({ type: 'setInput', text: 'Explain this' });
    pending.add({ type: 'chipsChanged', chips: [] });
    pending.add({ type: 'notice', level: 'info', message: 'Saved' });
    pending.add({ type: 'state', conversation: null, history: [], models: [], selectedModelId: '', thinking: true, thinkingUnavailable: null, hasKey: true, sessionCost: null, contextUsage: null, chips: [] });
    pending.add({ type: 'focusInput' });
    assert.deepEqual(pending.takeAll().map((message) => message.type), ['setInput', 'notice', 'state', 'focusInput']);
    assert.deepEqual(pending.takeAll(), []);
  });

  test('a long backlog keeps only the newest messages', () => {
    const pending = new PendingPosts(3);
    for (const text of ['1', '2', '3', '4', '5']) pending.add({ type: 'setInput', text });
    assert.deepEqual(pending.takeAll().map((message) => (message.type === 'setInput' ? message.text : '')), ['3', '4', '5']);
  });
});
