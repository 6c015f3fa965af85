// The chat webview in headless Chromium: one browser for all cases (see cases/ for what is checked).
import { after, before, describe } from 'node:test';
import { ChatHarness } from './harness/chatHarness';
import { registerBackgroundProcessesCases } from './cases/backgroundProcessesCases';
import { registerInteractionCases } from './cases/interactionCases';
import { registerLayoutCases } from './cases/layoutCases';
import { registerPendingChangesCases } from './cases/pendingChangesCases';
import { registerScreenshotCases } from './cases/screenshotCases';
import { registerSecurityCases } from './cases/securityCases';
import { registerStreamingCases } from './cases/streamingCases';

describe('chat webview in Chromium', () => {
  let harness: ChatHarness | undefined;
  const current = (): ChatHarness => {
    if (!harness) throw new Error('the browser did not start');
    return harness;
  };
  before(async () => {
    harness = await ChatHarness.start();
  });
  after(async () => {
    await harness?.close();
  });

  registerStreamingCases(current);
  registerSecurityCases(current);
  registerInteractionCases(current);
  registerLayoutCases(current);
  registerPendingChangesCases(current);
  registerBackgroundProcessesCases(current);
  registerScreenshotCases(current);
});
