// The extension manifest as the Marketplace and VS Code read it: every contribution titled and localizable,
// and a VSIX that holds only what runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

interface Manifest {
  icon?: string;
  categories?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string; title: string }[] };
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
    menus: Record<string, { command?: string }[]>;
    keybindings?: { command: string; key: string }[];
    walkthroughs?: { steps: { completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
const manifestText = readFileSync('package.json', 'utf8');

describe('extension manifest', () => {
  test('every %placeholder% has a string in package.nls.json, and no string there is unused', () => {
    const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] as string));
    assert.ok(used.size > 50, 'contributions are localizable');
    for (const key of used) assert.ok(typeof nls[key] === 'string' && nls[key].trim(), `missing nls string ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `unused nls string ${key}`);
  });

  test('every command has a localizable title and the category Kimi', () => {
    for (const command of manifest.contributes.commands) {
      assert.match(command.title, /^%.+%$/, `${command.command} title`);
      assert.equal(command.category && nls[command.category.slice(1, -1)], 'Kimi', `${command.command} category`);
    }
  });

  test('every view and view container is named, every setting described', () => {
    for (const container of manifest.contributes.viewsContainers.activitybar) assert.match(container.title, /^%.+%$/);
    for (const view of Object.values(manifest.contributes.views).flat()) assert.match(view.name, /^%.+%$/, view.id);
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.match(property.markdownDescription ?? '', /^%.+%$/, `${key} has a localizable markdownDescription`);
    }
  });

  test('menus and keybindings point at contributed commands', () => {
    const commands = new Set(manifest.contributes.commands.map((command) => command.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) if (item.command) assert.ok(commands.has(item.command), `${menu} → ${item.command}`);
    }
    for (const binding of manifest.contributes.keybindings ?? []) assert.ok(commands.has(binding.command), binding.command);
  });

  test('walkthrough steps complete on something the user does', () => {
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) assert.ok((step.completionEvents ?? []).length > 0);
    }
  });

  test('Marketplace metadata: a PNG icon of at least 128 px and the AI categories', () => {
    assert.ok(manifest.icon?.endsWith('.png'));
    const png = readFileSync(manifest.icon as string);
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'icon is at least 128x128');
    assert.deepEqual(manifest.categories, ['AI', 'Chat', 'Programming Languages']);
  });

  test('the VSIX would hold only what runs: bundles, media, manifest and its documents', () => {
    // vsce lists what exists: on a fresh clone, build the bundles first.
    if (!['dist/completionClient.js', 'dist/extension.js', 'dist/mcp.js', 'dist/openai.js', 'dist/server.js', 'dist/webview.js'].every((file) => existsSync(file))) execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'ignore' });
    const listed = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const allowed = [/^(README|CHANGELOG)\.md$/, /^LICENSE$/, /^package(\.nls)?\.json$/, /^dist\/(completionClient|extension|mcp|openai|server|webview|webviewRuntime|webviewHighlight)\.js$/, /^dist\/webview\.css$/, /^dist\/codicon\.ttf$/, /^dist\/(preview|previewFrame)\.js$/, /^dist\/preview\.css$/, /^media\/[\w./-]+\.(png|svg|md)$/];
    for (const file of listed) assert.ok(allowed.some((pattern) => pattern.test(file)), `unexpected file in the VSIX: ${file}`);
    for (const required of ['package.json', 'dist/completionClient.js', 'dist/extension.js', 'dist/mcp.js', 'dist/openai.js', 'dist/server.js', 'dist/webview.js', 'dist/webviewRuntime.js', 'dist/webviewHighlight.js', 'dist/preview.js', 'dist/preview.css', 'dist/previewFrame.js', 'media/icon.png']) assert.ok(listed.includes(required), `${required} is packaged`);
    assert.ok(!listed.some((file) => /\.map$|^src\/|^test\/|node_modules|^\.cache|^media\/screenshots\//.test(file)), 'no sources, maps, tests or README screenshots');
  });
});
