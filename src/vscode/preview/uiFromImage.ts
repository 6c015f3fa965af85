// "Kimi: Build UI from Image" and its self-check: the model gets the image and the project's stack, proposes the
// files through the normal review, the preview follows them; then, for N rounds (a setting) or on "Compare with
// target", the page's raster goes back beside the target and the model proposes fixes the same way.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { detectProjectStack, type ProjectStack } from '../../common/preview/projectStack';
import { buildUiPrompt, comparePrompt, previewFileFor } from '../../common/preview/uiPrompts';
import { ImageAttachmentSchema, imageMimeTypes, protocolLimits, type ContextChip, type ImageAttachment, type ImageMimeType } from '../../common/protocol';
import type { Logger } from '../log';
import type { PreviewPanel, PageSnapshot } from './previewPanel';
import type { PreviewSources } from './previewSources';

/** What the feature needs of the chat: a fresh conversation, and a message with images (resolves when the turn ends). */
export interface UiChat {
  newChat(): Promise<void>;
  ask(text: string, chips: ContextChip[], images: ImageAttachment[]): Promise<void>;
}

const extensionMimeTypes: Record<string, ImageMimeType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

export interface CompareRound {
  snapshot: PageSnapshot;
  file: string;
}

export class UiFromImage {
  /** The target of the last run: "Compare with target" compares the preview with it. */
  private target: ImageAttachment | undefined;
  private running = false;

  constructor(
    private readonly deps: {
      chat: UiChat;
      panel: PreviewPanel;
      sources: PreviewSources;
      compareRounds: () => number;
      log: Logger;
    },
  ) {}

  /** The command: an image from the chat (validated), or one the user picks; undefined args open the file picker. */
  async run(args?: unknown): Promise<void> {
    const fromChat = ImageAttachmentSchema.safeParse((args as { image?: unknown } | undefined)?.image);
    const image = fromChat.success ? fromChat.data : await this.pickImage();
    if (!image) return;
    if (this.running) {
      void vscode.window.showWarningMessage('Kimi: a Build UI from Image run is already going on.');
      return;
    }
    this.running = true;
    try {
      this.target = image;
      const stack = await this.projectStack();
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const indexExists = folder ? await exists(vscode.Uri.joinPath(folder, 'index.html')) : false;
      const previewFile = previewFileFor(stack, indexExists);
      await this.deps.panel.open();
      this.deps.panel.setStatus(`Building ${previewFile} from ${image.name}…`);
      this.deps.sources.followProposals = true;
      this.deps.panel.keepInSight = true;
      await this.deps.chat.newChat();
      const followedBefore = this.deps.sources.proposalsFollowed;
      await this.deps.chat.ask(buildUiPrompt(stack, previewFile), [], [image]);
      // Compare only a page this run proposed (not whatever the preview showed before, e.g. after a refusal).
      const proposedPage = this.deps.sources.proposalsFollowed > followedBefore;
      for (let round = 1; proposedPage && round <= this.deps.compareRounds(); round++) {
        if (!this.deps.sources.currentFile) break;
        this.deps.panel.setStatus(`Compare round ${round} of ${this.deps.compareRounds()}…`);
        await this.compareOnce();
      }
      this.deps.panel.setStatus('');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`Build UI from Image: ${message}`);
      this.deps.panel.setStatus(message);
      void vscode.window.showErrorMessage(`Kimi: ${message}`);
    } finally {
      this.deps.sources.followProposals = false;
      this.deps.panel.keepInSight = false;
      this.running = false;
    }
  }

  /** "Compare with target": one round on demand. */
  async compare(): Promise<CompareRound | undefined> {
    if (!this.target) {
      void vscode.window.showInformationMessage('Kimi: run "Build UI from Image" first; the comparison needs its target image.');
      return undefined;
    }
    this.deps.panel.keepInSight = true;
    try {
      return await this.compareOnce();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.panel.setStatus(message);
      void vscode.window.showErrorMessage(`Kimi: ${message}`);
      return undefined;
    } finally {
      if (!this.running) this.deps.panel.keepInSight = false;
    }
  }

  private async compareOnce(): Promise<CompareRound> {
    const target = this.target;
    const file = this.deps.sources.currentFile;
    if (!target || !file) throw new Error('The preview shows no page of the workspace to compare.');
    await this.deps.panel.painted();
    const snapshot = await this.deps.panel.snapshot();
    if (snapshot.png.length > protocolLimits.imageDataUrlChars) throw new Error(`The page's snapshot (${snapshot.width} x ${snapshot.height}) is too large to send.`);
    this.deps.panel.showComparison(target.dataUrl, snapshot.png);
    const relative = vscode.workspace.asRelativePath(file, false);
    const rendering: ImageAttachment = { id: `preview-${Date.now()}`, name: `${relative} (preview).png`.slice(0, 200), mimeType: 'image/png', dataUrl: snapshot.png };
    await this.deps.chat.ask(comparePrompt(relative, snapshot), [], [target, rendering]);
    return { snapshot, file: relative };
  }

  private async pickImage(): Promise<ImageAttachment | undefined> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Build UI',
      title: 'Kimi: Build UI from Image',
      filters: { Images: Object.keys(extensionMimeTypes) },
    });
    const uri = picked?.[0];
    if (!uri) return undefined;
    const mimeType = extensionMimeTypes[uri.path.split('.').pop()?.toLowerCase() ?? ''];
    if (!mimeType || !(imageMimeTypes as readonly string[]).includes(mimeType)) {
      void vscode.window.showErrorMessage('Kimi: choose a PNG, JPEG, WebP or GIF image.');
      return undefined;
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > protocolLimits.imageBytes) {
      void vscode.window.showErrorMessage(`Kimi: the image is larger than ${protocolLimits.imageBytes / 1024 / 1024} MB; make a smaller screenshot.`);
      return undefined;
    }
    const name = uri.path.split('/').pop() ?? 'image';
    return { id: `target-${Date.now()}`, name: name.slice(0, 200), mimeType, dataUrl: `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}` };
  }

  private async projectStack(): Promise<ProjectStack> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return detectProjectStack(undefined);
    const manifest = folder.scheme === 'file' ? await readFile(vscode.Uri.joinPath(folder, 'package.json').fsPath, 'utf8').catch(() => undefined) : undefined;
    const tailwindConfigs = await vscode.workspace.findFiles('tailwind.config.{js,cjs,mjs,ts}', '**/node_modules/**', 1);
    return detectProjectStack(manifest, { hasTailwindConfig: tailwindConfigs.length > 0 });
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
