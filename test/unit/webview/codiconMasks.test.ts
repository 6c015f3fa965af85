// The icons as CSS masks (scripts/webviewStyles.mjs): which names the chat's sources use, and the rule each becomes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chatStylesAsText, codiconMaskRules, codiconNamesUsed } from '../../../scripts/webviewStyles.mjs';

describe('codicon masks', () => {
  test('the names used are whole string literals and class names that are codicons, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kimi-codicons-'));
    try {
      const file = join(dir, 'a.ts');
      await writeFile(file, `button({ icon: 'copy' }); h('span', { className: 'codicon codicon-debug-stop spin' }); const text = "Close the file"; const unknown = 'not-an-icon'; \`\${'check'}\`;`);
      const known = new Set(['copy', 'debug-stop', 'close', 'file', 'check', 'add']);
      assert.deepEqual(await codiconNamesUsed([file], known), ['check', 'copy', 'debug-stop']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('each used name gets the mask of its icon, aliases sharing one rule; a name that is no codicon gets none', async () => {
    const rules = (await codiconMaskRules(['add', 'plus', 'clock', 'copy'])).split('\n');
    assert.equal(rules.length, 3);
    assert.ok(rules.some((rule) => rule.startsWith('.codicon-add::before, .codicon-plus::before { mask-image: url("data:image/svg+xml,<svg ')));
    // `clock` is an alias: its SVG is the icon's file under another name.
    assert.ok(rules.some((rule) => rule.startsWith('.codicon-clock::before') || rule.includes(', .codicon-clock::before')));
    for (const rule of rules) {
      const url = /url\("(data:image\/svg\+xml,.*)"\); \}$/.exec(rule)?.[1] ?? '';
      assert.match(url, /<\/svg>$/);
      assert.doesNotMatch(url, /[#"\n]/, 'a raw # would end the data: URL, a double quote the CSS string');
    }
    assert.equal(await codiconMaskRules(['no-such-icon']), '');
  });

  test("the chat's styles carry masks and no font: nothing for the page to fetch", async () => {
    const result = await esbuild.build({
      stdin: { contents: "import styles from './src/webview/styles.css'; console.log(styles);", resolveDir: process.cwd() },
      bundle: true,
      write: false,
      plugins: [chatStylesAsText],
      logLevel: 'silent',
    });
    const css = result.outputFiles[0]!.text;
    assert.doesNotMatch(css, /@font-face|codicon\.ttf|@import/);
    const urls = [...css.matchAll(/url\(\\?["']?([a-z]+:)?/g)].map((match) => match[1]);
    assert.ok(urls.length > 20, 'the icons are there');
    assert.deepEqual([...new Set(urls)], ['data:']);
    for (const name of ['send', 'copy', 'history', 'add', 'loading', 'sparkle', 'account']) assert.match(css, new RegExp(`\\.codicon-${name}::?before`), name);
  });
});
