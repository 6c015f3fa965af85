// A chat webview that floods the host: ten thousand messages reach the chat view's receive path, the flood
// limit lets a burst through and drops the rest, and the log says how many were dropped. The number is
// counted by the host, not assumed by the test, so raising the limit out of reach turns this red.
import assert from 'node:assert/strict';
import type { KimiAssistantApi } from '../../src/vscode/api';
import { activateKimi } from './extension-host';
import { waitFor } from './fake-model';

const FLOOD = 10_000;

suite('a message flood from the chat webview in the real extension host', function () {
  this.timeout(30_000);
  let api: KimiAssistantApi;

  suiteSetup(async () => {
    api = await activateKimi();
  });

  test('most of a 10,000-message flood is dropped, and the log line gives the number dropped', async () => {
    const before = api.chatViewTraffic();
    // Harmless, valid messages: each one that gets through removes a chip that is not there.
    api.simulateChatWebviewMessages(Array.from({ length: FLOOD }, (_, index) => ({ type: 'removeChip', id: `flood-${index}` })));
    const after = api.chatViewTraffic();
    const received = after.received - before.received;
    const dropped = after.dropped - before.dropped;
    assert.equal(received, FLOOD, 'every message reached the receive path');
    assert.ok(dropped > 0, 'nothing of a 10,000-message flood was dropped');
    assert.ok(dropped < FLOOD, 'the flood limit dropped even the first messages');
    assert.ok(dropped >= FLOOD / 2, `only ${dropped} of ${FLOOD} were dropped: the limit lets a flood through`);

    // The count is logged once the flood's second has passed. A real message of an open chat view (a focus
    // change, say) that arrives in the same second is dropped and counted too: the log must then add up to the
    // host's own count of drops, whatever their source.
    const reports = await waitFor(() => {
      const now = api.chatViewTraffic();
      const added = now.floodReports.slice(before.floodReports.length);
      const reported = added.reduce((sum, report) => sum + report.dropped, 0);
      return reported >= dropped && reported === now.dropped - before.dropped && added;
    }, 'the flood is reported in the log', 15_000);
    for (const report of reports) {
      assert.ok(report.dropped > 0);
      assert.ok(report.logLine.includes(`dropped ${report.dropped} messages`), `the log line does not give the count: ${report.logLine}`);
    }
  });
});
