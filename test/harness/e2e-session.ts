// What test/e2e files share: a workbench session on the installed VSIX for one theme, and steps that leave
// a screenshot behind (and, when they fail, the logs and a screenshot of the failure).
import { join } from 'node:path';
import { after, before } from 'node:test';
import { artifactDir } from './artifacts';
import { openWorkbenchSession, THEMES, type ThemeName, type WorkbenchSession } from './session';
import { closeAllEditors, editorTabAppears, waitForExtensionStatusItem } from './workbench-ui';

/** Set by scripts/run-e2e.ts after it has packaged and installed the extension. */
export const E2E_EXTENSIONS_DIR_VARIABLE = 'KIMI_E2E_EXTENSIONS_DIR';

export const E2E_THEMES: ThemeName[] = ['light', 'dark'];

export const EXTENSION_ID = 'kimi-assistant.kimi-assistant';

/** The generic Welcome page, or the walkthrough's own tab ("Walkthrough: Kimi Assistant"). */
export const WELCOME_TAB = /Welcome|Walkthrough/;

/** How long a first start is given to open the walkthrough after the extension's status item shows. */
const WALKTHROUGH_WAIT_MS = 10_000;

export function themeTitle(theme: ThemeName): string {
  return THEMES[theme];
}

function installedExtensionsDir(): string {
  const dir = process.env[E2E_EXTENSIONS_DIR_VARIABLE];
  if (!dir) {
    throw new Error(`${E2E_EXTENSIONS_DIR_VARIABLE} is not set: run the end-to-end tests with \`npm run test:e2e\`, which installs the VSIX first`);
  }
  return dir;
}

/**
 * A fresh code-server on the installed extension, without the smoke-test driver (as a user runs it),
 * with the test key in the environment so the chat can reach the fake server (unless `apiKeyInEnvironment`
 * is false: then the user has to set one).
 */
export function openE2eSession(scenario: string, theme: ThemeName, { apiKeyInEnvironment = true, settings = {} as Record<string, unknown> } = {}): Promise<WorkbenchSession> {
  return openWorkbenchSession({
    label: `e2e-${scenario}-${theme}`,
    artifactsDir: artifactDir('e2e', scenario, theme),
    workspaceFixture: 'basic',
    theme,
    apiKeyInEnvironment,
    extensionsDir: installedExtensionsDir(),
    settings,
  });
}

/**
 * The calling suite's session: opened (then `prepare`d) before its tests and closed after them, pass or
 * fail. What it returns stands for that session, so the tests use it as the session itself.
 */
export function sessionForSuite(open: () => Promise<WorkbenchSession>, prepare?: (session: WorkbenchSession) => Promise<void>): WorkbenchSession {
  let current: WorkbenchSession | undefined;
  before(async () => {
    current = await open();
    await prepare?.(current);
  });
  after(async () => {
    await current?.close();
  });
  return new Proxy({} as WorkbenchSession, {
    get(_target, key) {
      if (!current) throw new Error('the suite has no session: its before() did not open one');
      const value: unknown = Reflect.get(current, key, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/**
 * On a first start the extension activates after the workbench and opens its walkthrough a moment later,
 * which takes the focus (and closes Quick Open) from whatever a test has begun meanwhile. Suites that are
 * not about the first start wait for that to happen and close it, so each begins from a settled workbench.
 */
export async function settleFirstStart(session: WorkbenchSession): Promise<void> {
  const started = Date.now();
  await waitForExtensionStatusItem(session.page, EXTENSION_ID);
  const active = Date.now();
  const shown = await editorTabAppears(session.page, WELCOME_TAB, WALKTHROUGH_WAIT_MS);
  const appeared = Date.now();
  if (shown) await closeAllEditors(session.page);
  console.log(`    first start settled: active ${active - started} ms, walkthrough ${shown ? 'after' : 'not seen in'} ${appeared - active} ms, closed ${Date.now() - appeared} ms`);
}

/**
 * Runs one user-visible step and screenshots the result. A failing step keeps its evidence before the
 * error propagates, so a red test always comes with a picture and the logs.
 */
export async function step<T>(session: WorkbenchSession, description: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const result = await action();
    await session.screenshot(description);
    console.log(`    step: ${description} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    await session.keepFailureArtifacts(description);
    const where = join(session.artifactsDir, 'failures');
    if (error instanceof Error) {
      error.message = `${error.message}\n(screenshot and logs: ${where})`;
      throw error;
    }
    throw new Error(`${String(error)}\n(screenshot and logs: ${where})`);
  }
}
