// The chat webview's accessibility in headless Chromium: axe-core in the four default themes, and what a
// keyboard or screen-reader user relies on (see cases/axeCases.ts and cases/keyboardCases.ts).
import { describe } from 'node:test';
import { registerAxeCases } from './cases/axeCases';
import { registerKeyboardCases } from './cases/keyboardCases';
import { chatHarnessForSuite } from './harness/chatHarness';

describe('chat webview accessibility in Chromium', () => {
  const current = chatHarnessForSuite();

  registerAxeCases(current);
  registerKeyboardCases(current);
});
