// The preview and Build UI from Image in the real editor, with the webview really rendering in Chromium: a
// workspace page with its local assets, live edits, the sandbox's raster, and a scripted fake-model run from
// an image to a proposed file to the preview, then the compare round with the two images.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { readPngInfo } from '../../src/common/preview/png';
import type { KimiAssistantApi } from '../../src/vscode/api';
import type { FakeKimi } from '../fixtures/fake-kimi/server';
import { activateKimi } from './extension-host';
import { connectFakeModel, disconnectFakeModel, waitFor as waitForProbe } from './fake-model';

// A 2 x 2 red PNG: the "screenshot" the user gives.
const targetPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8AARAwQCgIAzhoL9VC3pjQAAAAASUVORK5CYII=';

type Part = { type: string; text?: string; image_url?: { url: string } };
type Message = { role: string; content?: string | Part[] };

function lastUserParts(body: unknown): Part[] {
  const messages = (body as { messages?: Message[] }).messages ?? [];
  const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
  return Array.isArray(content) ? content : [{ type: 'text', text: String(content ?? '') }];
}

suite('preview and Build UI from Image', function () {
  this.timeout(90_000);
  let api: KimiAssistantApi;
  /** waitFor, with what the preview showed when it timed out. */
  const waitFor = async <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T> => {
    try {
      return await waitForProbe(probe, what);
    } catch (error) {
      const { html, ...state } = api.preview.state();
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the preview: ${JSON.stringify({ ...state, html: html?.slice(0, 200) })}`);
    }
  };
  let root: vscode.Uri;

  suiteSetup(async () => {
    api = await activateKimi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    root = folder;
  });

  test('Kimi: Preview shows the active HTML file with its local assets inlined, live as it is edited, and never a secret', async () => {
    await mkdir(vscode.Uri.joinPath(root, 'site').fsPath, { recursive: true });
    await writeFile(vscode.Uri.joinPath(root, 'site', 'style.css').fsPath, 'h1 { color: rgb(1, 2, 3); }');
    await writeFile(vscode.Uri.joinPath(root, '.env').fsPath, 'SECRET_TOKEN=do-not-leak');
    const page = vscode.Uri.joinPath(root, 'site', 'page.html');
    await writeFile(page.fsPath, '<!DOCTYPE html><html><head><link rel="stylesheet" href="style.css"><link rel="stylesheet" href="../.env"><link rel="stylesheet" href="../../outside.css"></head><body><h1>First</h1></body></html>');
    const editor = await vscode.window.showTextDocument(page);
    await vscode.commands.executeCommand('kimiAssistant.preview');
    const shown = await waitFor(() => {
      const state = api.preview.state();
      return state.open && state.paintedRevision > 0 && state.paintedRevision === state.revision && state.html?.includes('First') ? state : undefined;
    }, 'the preview paints the page');
    assert.equal(shown.file, 'site/page.html');
    assert.ok(shown.html?.includes('<style data-kimi-source="style.css">h1 { color: rgb(1, 2, 3); }</style>'), 'the stylesheet is inlined');
    assert.ok(!shown.html?.includes('do-not-leak'), 'a deny-listed file is never inlined');
    assert.ok(shown.html?.includes('href="../../outside.css"'), 'a path outside the workspace is left as written (and blocked by the CSP)');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), page.toString(), 'the editor keeps the focus');

    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), '<h1>Second</h1>'));
    await waitFor(() => {
      const state = api.preview.state();
      return state.html === '<h1>Second</h1>' && state.paintedRevision === state.revision;
    }, 'the edit repaints the preview before any save');

    const snapshot = await api.preview.snapshot();
    const info = readPngInfo(snapshot.png);
    assert.ok(info && info.width === snapshot.width && info.height === snapshot.height, 'a PNG of the size it claims');
    assert.equal(snapshot.width, 1280, 'the desktop preset is 1280 CSS px wide');
    assert.ok(snapshot.height >= 800 && info.bytes > 1000, `a full page raster, not an empty image (${snapshot.width} x ${snapshot.height}, ${info.bytes} bytes)`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('two quick saves by another program: the preview ends on the last, and stays on it while the editor reloads them', async () => {
    const page = vscode.Uri.joinPath(root, 'site', 'saved.html');
    await writeFile(page.fsPath, '<h1>saved 0</h1>');
    await vscode.window.showTextDocument(page);
    await vscode.commands.executeCommand('kimiAssistant.preview');
    await waitFor(() => api.preview.state().html === '<h1>saved 0</h1>' || undefined, 'the preview shows the page');
    await writeFile(page.fsPath, '<h1>saved 1</h1>');
    await writeFile(page.fsPath, '<h1>saved 2</h1>');
    await waitFor(() => api.preview.state().html === '<h1>saved 2</h1>' || undefined, 'the last save shows');
    // VS Code's watcher and the open document's reload come later, one per save: none may show an older page.
    const seen = new Set<string>();
    for (const until = Date.now() + 1500; Date.now() < until; ) {
      seen.add(api.preview.state().html ?? '');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual([...seen], ['<h1>saved 2</h1>']);
    const state = api.preview.state();
    assert.equal(state.paintedRevision, state.revision, 'and it painted');
  });

  test('with no HTML editor active, the preview shows the HTML, CSS and JS blocks of the answer the chat streams', async () => {
    const fake: FakeKimi = await connectFakeModel('preview-chat-key');
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      // A preview that followed a file keeps it; close it so this one starts from the chat.
      const panelTab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Kimi Preview');
      if (panelTab) await vscode.window.tabGroups.close(panelTab);
      // The panel's dispose reaches the extension a moment after the tab closed: reopening before it would reveal the old one.
      await waitFor(() => !api.preview.state().open, 'the earlier preview is closed');
      fake.enqueue({ kind: 'reply', content: 'Here is a card:\n```html\n<div class="card">Streamed card</div>\n```\n```css\n.card { padding: 12px; }\n```\n```js\ndocument.body.dataset.ran = "yes";\n```\n' });
      await vscode.commands.executeCommand('kimiAssistant.preview');
      await vscode.commands.executeCommand('kimiAssistant.newChat');
      // As if the user typed it in the chat (the development host's hook into the view's receive path).
      api.simulateChatWebviewMessages([{ type: 'send', text: 'Make a card.', chips: [], images: [] }]);
      const state = await waitFor(() => {
        const current = api.preview.state();
        return current.html?.includes('Streamed card') && current.paintedRevision === current.revision ? current : undefined;
      }, 'the preview shows the streamed blocks');
      assert.equal(state.title, 'Code block in the chat');
      assert.ok(state.html?.includes('<style>.card { padding: 12px; }</style>') && state.html.includes('document.body.dataset.ran'));
    } finally {
      await disconnectFakeModel(fake);
    }
  });

  test('a scripted fake-model run goes from an image to a proposed page to the preview, and the compare round sends both images', async () => {
    const fake: FakeKimi = await connectFakeModel('preview-test-key');
    try {
      const page = '<!DOCTYPE html><html><head><style>body{margin:0;background:#fff}.hero{height:120px;background:rgb(200,0,0)}</style></head><body><div class="hero">Made from the image</div></body></html>';
      fake.enqueue(
        { kind: 'reply', content: 'I will write the page.', toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'index.html', content: page }) }] },
        { kind: 'reply', content: 'Built index.html.' },
        { kind: 'reply', content: 'The page matches the target; nothing to change.' },
      );
      const before = fake.requests.length;
      const run = vscode.commands.executeCommand('kimiAssistant.buildUiFromImage', { image: { id: 'target-1', name: 'target.png', mimeType: 'image/png', dataUrl: targetPng } });
      const review = await waitFor(async () => (await api.pendingReviews()).find((candidate) => candidate.relativePath === 'index.html'), 'the page is proposed for review');
      const proposed = await waitFor(() => {
        const state = api.preview.state();
        return state.title === 'index.html (proposed)' && state.html?.includes('Made from the image') && state.paintedRevision === state.revision ? state : undefined;
      }, 'the preview shows the proposal before it is accepted');
      assert.ok(proposed);
      const shownTabs = await waitFor(() => {
        const labels = vscode.window.tabGroups.all.map((group) => group.activeTab?.label ?? '');
        return labels.includes('Kimi Preview') && labels.some((label) => label.includes("Kimi's proposal")) ? labels : undefined;
      }, 'the preview and the diff are both in sight');
      assert.ok(shownTabs.length >= 2);

      const first = fake.requests[before]?.body;
      const parts = lastUserParts(first);
      assert.deepEqual(parts.filter((part) => part.type === 'image_url').map((part) => part.image_url?.url), [targetPng], 'the model gets the image');
      assert.match(parts.find((part) => part.type === 'text')?.text ?? '', /plain HTML with plain CSS[\s\S]*`index\.html`/, 'and the stack, with the file to write');

      await vscode.commands.executeCommand('kimiAssistant.acceptChange', review.id);
      await run;
      const state = api.preview.state();
      assert.equal(state.title, 'index.html', 'after Accept the preview follows the file');

      const compare = fake.requests.slice(before).map((request) => request.body).find((body) => lastUserParts(body).filter((part) => part.type === 'image_url').length === 2);
      assert.ok(compare, 'a compare round was sent (kimiAssistant.preview.compareRounds defaults to 1)');
      const images = lastUserParts(compare).filter((part) => part.type === 'image_url').map((part) => part.image_url?.url ?? '');
      assert.equal(images[0], targetPng, 'the target first');
      const raster = readPngInfo(images[1] ?? '');
      assert.ok(raster && raster.width === 1280 && raster.height >= 800 && raster.bytes > 1000, 'then the page as the preview rasterized it');
      assert.match(lastUserParts(compare).find((part) => part.type === 'text')?.text ?? '', /first image is the target[\s\S]*index\.html/);
    } finally {
      await disconnectFakeModel(fake);
    }
  });
});
