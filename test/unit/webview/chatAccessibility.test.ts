// The chat webview's accessibility in headless Chromium: axe-core in the four default themes, and what a
// keyboard or screen-reader user relies on (see cases/axeCases.ts and cases/keyboardCases.ts).
import { after, before, describe } from 'node:test';
import { registerAxeCases } from './cases/axeCases';
import { registerKeyboardCases } from './cases/keyboardCases';
import { ChatHarness } from './harness/chatHarness';

describe('chat webview accessibility in Chromium', () => {
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

  registerAxeCases(current);
  registerKeyboardCases(current);
});
