// The webview is untrusted input: malformed, oversized and unknown messages must be rejected by
// parseWebviewToHost, and a flood must be parsed in bounded time and throttled the way chatViewProvider
// receives messages (rate limiter first, then validation, invalid ones logged a bounded number of times).
import { parseWebviewToHost, protocolLimits } from '../../../src/common/protocol';
import { MessageRateLimiter } from '../../../src/vscode/chat/messageRateLimiter';
import { Checks, clip, type FaultCase } from '../suite';

const chip = { id: 'c1', kind: 'file', label: 'src/app.ts', tokens: 10 };
const pngUrl = 'data:image/png;base64,iVBORw0KGgo=';
const huge = 'x'.repeat(protocolLimits.textChars + 1);

/** Each must be refused; the label says what makes it hostile. */
const HOSTILE: [label: string, message: unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a string', 'send'],
  ['a number', 42],
  ['an array', [{ type: 'stop' }]],
  ['no type', { text: 'hi' }],
  ['unknown type', { type: 'executeCommand', command: 'workbench.action.terminal.sendSequence' }],
  ['unknown type runCommand', { type: 'runCommand', command: 'rm -rf ~' }],
  ['type is an object', { type: { toString: 'send' } }],
  ['type differs in case', { type: 'Send', text: 'hi', chips: [], images: [] }],
  ['send without fields', { type: 'send' }],
  ['send with a number as text', { type: 'send', text: 42, chips: [], images: [] }],
  ['send with an extra field', { type: 'send', text: 'hi', chips: [], images: [], autoApprove: true }],
  ['prototype pollution', JSON.parse('{"type":"stop","__proto__":{"isAdmin":true}}')],
  ['constructor key', { type: 'ready', constructor: { prototype: { polluted: true } } }],
  ['oversized text', { type: 'send', text: huge, chips: [], images: [] }],
  ['too many chips', { type: 'send', text: 'hi', chips: Array.from({ length: protocolLimits.chipsPerMessage + 1 }, (_, index) => ({ ...chip, id: `c${index}` })), images: [] }],
  ['too many images', { type: 'send', text: 'hi', chips: [], images: Array.from({ length: protocolLimits.imagesPerMessage + 1 }, (_, index) => ({ id: `i${index}`, name: 'a.png', mimeType: 'image/png', dataUrl: pngUrl })) }],
  ['image from a remote URL', { type: 'send', text: 'hi', chips: [], images: [{ id: 'i', name: 'a.png', mimeType: 'image/png', dataUrl: 'https://evil.example/track.png' }] }],
  ['image type mismatch', { type: 'send', text: 'hi', chips: [], images: [{ id: 'i', name: 'a.svg', mimeType: 'image/png', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }] }],
  ['chip of unknown kind', { type: 'addChip', chip: { ...chip, kind: 'shell' } }],
  ['openLink javascript:', { type: 'openLink', url: 'javascript:alert(1)' }],
  ['openLink command:', { type: 'openLink', url: 'command:workbench.action.terminal.new' }],
  ['openLink file:', { type: 'openLink', url: 'file:///etc/passwd' }],
  ['openLink vscode:', { type: 'openLink', url: 'vscode://settings/kimiAssistant' }],
  ['openLink oversized', { type: 'openLink', url: `https://example.com/${'a'.repeat(protocolLimits.urlChars)}` }],
  ['runAction none', { type: 'runAction', action: 'none' }],
  ['runAction unknown', { type: 'runAction', action: 'deleteAll' }],
  ['approval without boolean', { type: 'resolveToolApproval', toolCallId: 'x', approved: 'yes' }],
  ['approval with a huge id', { type: 'resolveToolApproval', toolCallId: 'x'.repeat(protocolLimits.labelChars + 1), approved: true }],
  ['empty conversation id', { type: 'openConversation', id: '' }],
  ['rename to blank', { type: 'renameConversation', id: 'a', title: '   ' }],
  ['oversized code to apply', { type: 'applyCode', code: huge }],
  ['deeply nested payload', { type: 'copyCode', code: JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) }],
];

const VALID: unknown[] = [
  { type: 'ready' },
  { type: 'send', text: 'hi', chips: [chip], images: [{ id: 'i', name: 'a.png', mimeType: 'image/png', dataUrl: pngUrl }] },
  { type: 'openLink', url: 'https://example.com/docs' },
  { type: 'resolveToolApproval', toolCallId: 'functions.run_command:0', approved: false },
];

export const protocolAttackCases: FaultCase[] = [
  {
    name: 'protocol: malformed, oversized, unknown messages',
    kind: 'attack',
    expected: `${HOSTILE.length} hostile messages rejected with a short reason (no payload echoed); ${VALID.length} valid ones accepted`,
    run: async () => {
      const checks = new Checks();
      const accepted: string[] = [];
      const echoed: string[] = [];
      for (const [label, message] of HOSTILE) {
        let result: ReturnType<typeof parseWebviewToHost>;
        try {
          result = parseWebviewToHost(message);
        } catch (error) {
          checks.that(false, `${label}: the parser threw (${error instanceof Error ? error.message : String(error)})`);
          continue;
        }
        if (result.ok) accepted.push(label);
        else if (result.error.length > 500 || result.error.includes('xxxxxxxxxx')) echoed.push(label);
      }
      const refusedValid = VALID.filter((message) => !parseWebviewToHost(message).ok);
      checks.that(accepted.length === 0, `accepted: ${accepted.join(', ')}`);
      checks.that(echoed.length === 0, `the reason echoes the payload: ${echoed.join(', ')}`);
      checks.that(refusedValid.length === 0, `valid messages refused: ${clip(JSON.stringify(refusedValid))}`);
      return checks.result(`${HOSTILE.length - accepted.length}/${HOSTILE.length} rejected, ${VALID.length - refusedValid.length}/${VALID.length} valid accepted`, {
        attacks: HOSTILE.length,
        escapes: accepted.length,
      });
    },
  },
  {
    name: 'protocol: flood of 10,000 messages',
    kind: 'attack',
    expected: 'parsed in bounded time (< 3 s in all); receive path throttles to 300/s and logs at most 6 lines',
    run: async () => {
      const checks = new Checks();
      const flood = Array.from({ length: 10_000 }, (_, index) => {
        if (index % 4 === 0) return { type: 'send', text: 'y'.repeat(20_000), chips: [chip], images: [] };
        if (index % 4 === 1) return { type: 'mentionQuery', requestId: `r${index}`, query: 'app' };
        if (index % 4 === 2) return { type: 'bogus', payload: index };
        return HOSTILE[index % HOSTILE.length]?.[1];
      });
      let slowest = 0;
      const started = performance.now();
      for (const message of flood) {
        const one = performance.now();
        parseWebviewToHost(message);
        slowest = Math.max(slowest, performance.now() - one);
      }
      const parseMs = performance.now() - started;

      // chatViewProvider.receive: one flood limiter (300 per second), then validation; invalid ones logged through a second limiter.
      let clock = 0;
      const floodLimiter = new MessageRateLimiter(300, 1_000, () => clock);
      const invalidLogLimiter = new MessageRateLimiter(5, 10_000, () => clock);
      const logLines: string[] = [];
      let delivered = 0;
      for (const message of flood) {
        if (!floodLimiter.tryAcquire()) {
          if (floodLimiter.dropped === 1) logLines.push('too many messages; dropping some');
          continue;
        }
        const parsed = parseWebviewToHost(message);
        if (!parsed.ok) {
          if (invalidLogLimiter.tryAcquire()) logLines.push(`ignored a malformed message (${parsed.error})`);
          continue;
        }
        delivered++;
      }
      const dropped = floodLimiter.dropped;
      clock += 1_000;
      const afterWindow = floodLimiter.tryAcquire();
      // Bounded, not benchmarked: a flood must not stall the host for seconds (a single slow message is a GC pause).
      checks.that(parseMs < 3_000, `parsing took ${Math.round(parseMs)} ms`);
      checks.that(delivered <= 300, `${delivered} messages reached the host in one second`);
      checks.that(dropped === flood.length - 300, `the limiter counted ${dropped} dropped of ${flood.length}`);
      checks.that(logLines.length <= 6, `${logLines.length} log lines`);
      checks.that(afterWindow, 'the limiter did not recover after its window');
      return checks.result(
        `parsed 10,000 in ${Math.round(parseMs)} ms (slowest ${slowest.toFixed(1)} ms); in one second ${delivered} delivered, ${dropped} dropped, ${logLines.length} log lines`,
        // The flood is one attack on the host's responsiveness; it escapes if any bound above broke.
        { attacks: 1, escapes: checks.failures.length > 0 ? 1 : 0 },
      );
    },
  },
];
