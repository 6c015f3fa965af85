// The chat webview in headless Chromium: one browser for all cases (see cases/ for what is checked).
import { describe } from 'node:test';
import { chatHarnessForSuite } from './harness/chatHarness';
import { registerBackgroundProcessesCases } from './cases/backgroundProcessesCases';
import { registerInteractionCases } from './cases/interactionCases';
import { registerLayoutCases } from './cases/layoutCases';
import { registerLongTaskCases } from './cases/longTaskCases';
import { registerPageLoadCases } from './cases/pageLoadCases';
import { registerPendingChangesCases } from './cases/pendingChangesCases';
import { registerScreenshotCases } from './cases/screenshotCases';
import { registerSecurityCases } from './cases/securityCases';
import { registerStreamingCases } from './cases/streamingCases';

describe('chat webview in Chromium', () => {
  const current = chatHarnessForSuite();

  registerStreamingCases(current);
  registerSecurityCases(current);
  registerInteractionCases(current);
  registerLayoutCases(current);
  registerPendingChangesCases(current);
  registerLongTaskCases(current);
  registerBackgroundProcessesCases(current);
  registerScreenshotCases(current);
  registerPageLoadCases(current);
});
