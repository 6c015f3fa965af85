// `node --import tsx scripts/extract-webview-themes.ts`: reads, from a real VS Code (code-server), what a
// webview receives in each of the four default themes (the `--vscode-*` variables on its root, its body
// classes and VS Code's default webview stylesheet) and writes them to test/unit/webview/harness/vscode-themes/.
// The Chromium webview cases (screenshots, axe-core) apply exactly these, so contrast is checked against
// VS Code's own colors, not a copy typed by hand. Run it again after moving to a new VS Code version.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactDir } from '../test/harness/artifacts';
import { runThenCleanUp } from '../test/harness/processes';
import { openWorkbenchSession } from '../test/harness/session';
import { repoRoot } from '../test/harness/setup.mjs';
import { openActivityBarContainer } from '../test/harness/workbench-ui';
import { webviewThemeNames, type WebviewThemeName } from '../test/unit/webview/harness/themeNames';

const outputDir = join(repoRoot, 'test', 'unit', 'webview', 'harness', 'vscode-themes');

async function extract(name: WebviewThemeName, colorTheme: string): Promise<void> {
  const session = await openWorkbenchSession({
    label: `themes-${name}`,
    artifactsDir: artifactDir('themes', name),
    workspaceFixture: 'basic',
    smokeTestDriver: true,
    settings: { 'workbench.colorTheme': colorTheme },
    // The least webview there is: what VS Code gives it is what it gives every webview, ours included.
    payload: (server) => [['extensionDevelopmentPath', server.remoteUri(join(repoRoot, 'test', 'fixtures', 'trivial-webview'))]],
  });
  try {
    await openActivityBarContainer(session.page, 'Trivial');
    const root = session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('html');
    await root.locator('[data-testid="prompt-input"]').waitFor({ timeout: 30_000 });
    const captured = await root.evaluate((html) => {
      const variables: Record<string, string> = {};
      for (let index = 0; index < html.style.length; index++) {
        const property = html.style.item(index);
        if (property.startsWith('--vscode-')) variables[property.slice('--vscode-'.length)] = html.style.getPropertyValue(property).trim();
      }
      return {
        variables,
        bodyClasses: Array.from(document.body.classList),
        bodyAttributes: Object.fromEntries(Array.from(document.body.attributes).filter((attribute) => attribute.name.startsWith('data-vscode')).map((attribute) => [attribute.name, attribute.value])),
        defaultStyles: document.getElementById('_defaultStyles')?.textContent ?? '',
      };
    });
    const version = await session.page.evaluate(() => document.title);
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify({ colorTheme, source: `code-server 4.139.1 (VS Code 1.139.1), ${version}`, ...captured }, null, 2)}\n`);
    console.log(`${colorTheme}: ${Object.keys(captured.variables).length} variables, body ${captured.bodyClasses.join(' ')} -> ${file}`);
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  for (const [name, colorTheme] of Object.entries(webviewThemeNames) as Array<[WebviewThemeName, string]>) await extract(name, colorTheme);
}

runThenCleanUp(main);
