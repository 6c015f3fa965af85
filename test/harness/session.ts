// One real VS Code for a test run: the fake Kimi server, code-server pointed at it, a copy of a sample
// workspace and a Chromium page showing the workbench. Closing it ends all of them, pass or fail.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeKimi } from '../fixtures/fake-kimi/server';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { fileNameFor, screenshotQuietly } from './artifacts';
import { launchChromium, newWorkbenchPage, waitForWorkbench } from './browser';
import { startCodeServer, type CodeServer } from './code-server';
import { onCleanup } from './processes';
import { ensureVsCodeTestTools, repoRoot } from './setup.mjs';

export const TEST_API_KEY = 'test-key';
export const workspaceFixturesDir = join(repoRoot, 'test', 'fixtures', 'workspaces');

export const THEMES = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
} as const;
export type ThemeName = keyof typeof THEMES;

export interface WorkbenchSessionOptions {
  /** Names logs and messages: 'integration', 'e2e-dark', ... */
  label: string;
  /** Screenshots and failure logs go here. */
  artifactsDir: string;
  /** A folder under test/fixtures/workspaces, copied so tests may change it. */
  workspaceFixture: string;
  theme?: ThemeName;
  /** Extra user settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and extension host. */
  env?: Record<string, string>;
  /**
   * Puts the test key in AIMLAPI_API_KEY (the extension's fallback). Off for tests that check
   * SecretStorage, where an environment key would mask whether a stored key was removed.
   */
  apiKeyInEnvironment?: boolean;
  smokeTestDriver?: boolean;
  extensionsDir?: string;
  /** Development options passed in the workbench URL (needs smokeTestDriver). */
  payload?: (server: CodeServer) => Array<[string, string]>;
  /** Runs on the fresh page before it navigates (expose functions here). */
  beforeNavigate?: (page: Page) => Promise<void>;
  /** Print the server's output here as well as to its log. */
  echoServerLogs?: boolean;
  workbenchTimeoutMs?: number;
}

export interface WorkbenchSession {
  readonly fakeKimi: FakeKimi;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The copy of the sample workspace that the workbench has open. */
  readonly workspaceDir: string;
  readonly artifactsDir: string;
  /** A numbered screenshot in artifactsDir. */
  screenshot(description: string): Promise<string | undefined>;
  /** Keeps logs, the browser console and a screenshot of the current state under artifactsDir/failures. */
  keepFailureArtifacts(description: string): Promise<void>;
  close(): Promise<void>;
}

export function harnessUserSettings(fakeKimiUrl: string, theme: ThemeName | undefined): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    // With the built-in chat off the secondary side bar would open empty and take a third of the screenshot.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    // The web workbench saves after a 1 s delay by default; desktop VS Code, where most users run the
    // extension, does not. Tests of "never save the user's unsaved work" need the desktop behaviour.
    'files.autoSave': 'off',
    'kimiAssistant.baseUrl': fakeKimiUrl,
    ...(theme ? { 'workbench.colorTheme': THEMES[theme] } : {}),
  };
}

export async function openWorkbenchSession(options: WorkbenchSessionOptions): Promise<WorkbenchSession> {
  const tools = ensureVsCodeTestTools();
  // Screenshots and failure logs of an earlier run of the same session must not mix with this run's.
  rmSync(options.artifactsDir, { recursive: true, force: true });
  mkdirSync(options.artifactsDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), `kimi-${options.label}-`));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const unregisterWorkDir = onCleanup(`temp folder ${workDir}`, removeWorkDir);
  const workspaceDir = join(workDir, 'workspace', options.workspaceFixture);
  cpSync(join(workspaceFixturesDir, options.workspaceFixture), workspaceDir, { recursive: true });
  const consoleLogPath = join(workDir, 'browser-console.log');

  const opened: Array<() => Promise<void>> = [];
  const closeOpened = async () => {
    while (opened.length > 0) await opened.pop()?.().catch(() => undefined);
  };
  let server: CodeServer | undefined;
  let page: Page | undefined;
  let screenshotCounter = 0;

  const keepFailureArtifacts = async (description: string) => {
    const failureDir = join(options.artifactsDir, 'failures');
    mkdirSync(failureDir, { recursive: true });
    await screenshotQuietly(page, join(failureDir, `${fileNameFor(description)}.png`));
    server?.copyLogsTo(failureDir);
    if (existsSync(consoleLogPath)) cpSync(consoleLogPath, join(failureDir, `${options.label}.browser-console.log`));
  };

  try {
    const fakeKimi = await startFakeKimi({ flavor: 'aimlapi', apiKey: TEST_API_KEY, port: 0 });
    opened.push(() => fakeKimi.close());
    server = await startCodeServer(tools, {
      label: options.label,
      workDir,
      userSettings: { ...harnessUserSettings(fakeKimi.url, options.theme), ...options.settings },
      env: { ...(options.apiKeyInEnvironment ? { AIMLAPI_API_KEY: TEST_API_KEY } : {}), ...options.env },
      smokeTestDriver: options.smokeTestDriver,
      extensionsDir: options.extensionsDir,
      echoLogs: options.echoServerLogs,
    });
    const startedServer = server;
    opened.push(() => startedServer.stop());
    const browser = await launchChromium(tools.chromiumPath);
    opened.push(() => browser.close());
    const workbench = await newWorkbenchPage(browser, server.origin);
    page = workbench.page;
    page.on('console', (message) => appendFileSync(consoleLogPath, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(consoleLogPath, `[pageerror] ${error.stack ?? error.message}\n`));
    await options.beforeNavigate?.(page);
    const navigationStarted = Date.now();
    await page.goto(server.workbenchUrl(workspaceDir, options.payload?.(server)), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForWorkbench(page, options.workbenchTimeoutMs);
    console.log(`[${options.label}] workbench drawn ${((Date.now() - navigationStarted) / 1000).toFixed(1)} s after navigation`);

    const sessionPage = page;
    const unregisterSession = onCleanup(`session ${options.label}`, closeOpened);
    return {
      fakeKimi,
      server,
      browser,
      context: workbench.context,
      page: sessionPage,
      workspaceDir,
      artifactsDir: options.artifactsDir,
      async screenshot(description) {
        screenshotCounter += 1;
        const name = `${String(screenshotCounter).padStart(2, '0')}-${fileNameFor(description)}.png`;
        return screenshotQuietly(sessionPage, join(options.artifactsDir, name));
      },
      keepFailureArtifacts,
      async close() {
        unregisterSession();
        await closeOpened();
        unregisterWorkDir();
        removeWorkDir();
      },
    };
  } catch (error) {
    await keepFailureArtifacts(`${options.label}-startup`);
    await closeOpened();
    unregisterWorkDir();
    removeWorkDir();
    throw error;
  }
}
